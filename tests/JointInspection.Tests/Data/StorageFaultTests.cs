using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace JointInspection.Tests.Data;

/// <summary>A portal that waits one second for the write lock, so that a lock held by a test is quickly a refusal.</summary>
public sealed class LockWaitPortal : PortalFactory
{
    public LockWaitPortal() => Settings["Database:LockWaitSeconds"] = "1";
}

/// <summary>
/// What people and API clients get when the database cannot take a write: the write lock held by another connection
/// (another node, the staff command, a long write), this process's own writer turn held, a read-only file.
/// </summary>
public sealed class StorageFaultTests(LockWaitPortal portal, ITestOutputHelper output) : IClassFixture<LockWaitPortal>
{
    private const string NothingSaved = "Nothing was saved. Try again in a few minutes.";

    private static readonly TimeSpan SafetyNet = TestPatience.SafetyNet;

    private long Count(string table, string where)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE {where}");
    }

    /// <summary>
    /// Another connection holding the database's write lock until it is disposed, as another node or process would:
    /// SQLite's own, or on PostgreSQL the writers' advisory lock that every write transaction of the portal takes first.
    /// </summary>
    private sealed class HeldLock : IDisposable
    {
        private readonly DbConnection connection;
        private readonly DbTransaction? transaction;

        public HeldLock(PortalFactory portal)
        {
            connection = portal.OpenDatabase();
            if (TestDatabase.IsPostgreSql)
            {
                transaction = connection.BeginTransaction();
                connection.Execute($"SELECT pg_advisory_xact_lock({DbConnectionExtensions.WritersLock})", transaction: transaction);
            }
            else
            {
                connection.Execute("BEGIN IMMEDIATE");
            }
        }

        public void Dispose()
        {
            if (transaction is null)
            {
                connection.Execute("ROLLBACK");
            }
            else
            {
                transaction.Rollback();
                transaction.Dispose();
            }

            connection.Dispose();
        }
    }

    // busy_timeout and Microsoft.Data.Sqlite's DefaultTimeout are SQLite's; PostgreSQL's lock_timeout is the next test.
    [Fact]
    [Trait("Database", "sqlite-only")]
    public void Every_connection_waits_for_the_lock_for_the_configured_time_only()
    {
        var database = portal.Services.GetRequiredService<Database>();

        using var connection = (SqliteConnection)database.Open();

        Assert.Equal(1000L, connection.ExecuteScalar<long>("PRAGMA busy_timeout"));
        // Microsoft.Data.Sqlite retries a busy command itself for this many seconds, on top of busy_timeout.
        Assert.Equal(1, connection.DefaultTimeout);
        Assert.Equal(1, connection.CreateCommand().CommandTimeout);
    }

    [Fact]
    [Trait("Database", "postgresql-only")]
    public void Every_session_waits_for_a_lock_for_the_configured_time_only()
    {
        var database = portal.Services.GetRequiredService<Database>();

        using var connection = database.Open();

        // The writers' lock, a row's lock, a table's: no wait for any of them outlasts Database:LockWaitSeconds.
        Assert.Equal("1s", connection.ExecuteScalar<string>("SHOW lock_timeout"));
    }

    [Fact]
    public async Task A_submission_while_another_connection_holds_the_lock_is_a_503_and_is_never_stored()
    {
        var client = portal.CreateClient();
        HttpResponseMessage refused;
        var waited = Stopwatch.StartNew();
        using (new HeldLock(portal))
        {
            refused = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(email: "while-locked@example.org")).WaitAsync(SafetyNet);
            waited.Stop();
        }

        output.WriteLine($"Refused after {waited.ElapsedMilliseconds} ms with Database:LockWaitSeconds = 1.");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again");
        var problem = await refused.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal(NothingSaved, problem!.Detail);

        // Writes are taken in order, so once a later submission is stored, an earlier one still queued would be too.
        await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(email: "after-lock@example.org"));
        Assert.Equal(0, Count("submission", "respondent_email = 'while-locked@example.org'"));
        Assert.Equal(0, Count("outbox_message", "to_address = 'while-locked@example.org'"));
    }

    [Fact]
    public async Task A_submission_behind_a_writer_in_this_process_that_does_not_finish_is_a_503()
    {
        var database = portal.Services.GetRequiredService<Database>();
        var client = portal.CreateClient();
        HttpResponseMessage refused;
        await using (await database.OpenForWriteAsync())
        {
            refused = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(email: "behind-writer@example.org")).WaitAsync(SafetyNet);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(NothingSaved, (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);
        await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(email: "after-writer@example.org"));
        Assert.Equal(0, Count("submission", "respondent_email = 'behind-writer@example.org'"));
    }

    [Fact]
    public async Task Health_is_unhealthy_while_the_database_cannot_take_a_write()
    {
        var client = portal.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        HttpResponseMessage locked;
        using (new HeldLock(portal))
        {
            locked = await client.GetAsync("/health").WaitAsync(SafetyNet);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, locked.StatusCode);
        Assert.Equal("Unhealthy", await locked.Content.ReadAsStringAsync());
        var after = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("Healthy", await after.Content.ReadAsStringAsync());
    }

    // Mode=ReadOnly is a SQLite connection's.
    [Fact]
    [Trait("Database", "sqlite-only")]
    public async Task A_read_only_database_is_unhealthy()
    {
        _ = portal.Services;
        var readOnly = new Database($"{portal.ConnectionString};Mode=ReadOnly");

        var result = await new DatabaseHealthCheck(readOnly).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("cannot take a write", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_from_the_check_page_while_the_database_is_locked_says_nothing_was_saved_and_keeps_the_answers()
    {
        var person = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (path, fields) in new (string, (string, string)[])[]
        {
            ("/respond", [("responseTo", "programme")]),
            ("/respond/response", [("stance", "support"), ("text", "Kept through a fault.")]),
            ("/respond/about-you", [("name", "Robin Locked"), ("email", "check-locked@example.org"), ("respondentType", "individual"), ("publicationConsent", "none")]),
        })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(person, path, fields)).StatusCode);
        }

        HttpResponseMessage refused;
        using (new HeldLock(portal))
        {
            refused = await PostAsync(person, "/respond/check").WaitAsync(SafetyNet);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again");
        var page = await PageParser.ParseAsync(refused);
        Assert.Contains(NothingSaved, page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, Count("submission", "respondent_email = 'check-locked@example.org'"));

        var check = await PageParser.ParseAsync(await person.GetAsync("/respond/check"));
        Assert.Contains("Kept through a fault.", check.QuerySelector("[data-field=text]")!.TextContent, StringComparison.Ordinal);
        var sent = await PostAsync(person, "/respond/check");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(1, Count("submission", "respondent_email = 'check-locked@example.org'"));
    }

    [Fact]
    public async Task Feedback_sent_while_the_database_is_locked_comes_back_with_what_was_typed_and_is_not_stored()
    {
        var person = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var text = $"Kept through a fault {Guid.NewGuid()}";

        HttpResponseMessage refused;
        using (new HeldLock(portal))
        {
            refused = await PostAsync(person, "/feedback", ("satisfaction", "dissatisfied"), ("improvement", text)).WaitAsync(SafetyNet);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 503 says when to try again");
        var page = await PageParser.ParseAsync(refused);
        Assert.Contains(NothingSaved.TrimEnd('.'), page.QuerySelector(".govuk-error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(text, ((IHtmlTextAreaElement)page.GetElementById("improvement")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=satisfaction][value=dissatisfied]")!).IsChecked);
        Assert.Equal(0, Count("feedback", $"improvement = '{text}'"));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(person, "/feedback", ("satisfaction", "dissatisfied"), ("improvement", text))).StatusCode);
        Assert.Equal(1, Count("feedback", $"improvement = '{text}'"));
    }

    /// <summary>Posts a form page as a browser would: with the antiforgery token from its form and the cookies so far.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient person, string path, params (string Field, string Value)[] fields)
    {
        var form = await PageParser.ParseAsync(await person.GetAsync(path));
        var token = ((IHtmlInputElement)form.QuerySelector("form input[name=__RequestVerificationToken]")!).Value;
        return await person.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value)).Append(new("__RequestVerificationToken", token))));
    }
}
