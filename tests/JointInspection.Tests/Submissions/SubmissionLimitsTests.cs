using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Tests.Submissions;

/// <summary>Each test has a portal of its own, configured for the limit it checks.</summary>
public sealed class SubmissionLimitsTests
{
    [Fact]
    public async Task A_closed_consultation_accepts_nothing_and_says_so()
    {
        using var portal = new PortalFactory();
        portal.Settings["Consultation:OpensAt"] = "2021-01-01T00:00:00Z";
        portal.Settings["Consultation:ClosesAt"] = "2021-03-01T00:00:00Z";

        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("The consultation is closed", problem!.Title);
        Assert.Equal(0L, Count(portal, "submission"));
    }

    [Fact]
    public async Task Too_many_submissions_from_one_client_get_429_problem_details()
    {
        using var portal = new PortalFactory();
        portal.Settings["Submissions:RateLimit:PermitLimit"] = "2";
        var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        var refused = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2L, Count(portal, "submission"));
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/programme")).StatusCode);
    }

    [Fact]
    public async Task A_failure_part_way_through_leaves_no_half_written_submission()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient();
        using (var connection = portal.OpenDatabase())
        {
            // The last write of the transaction fails: the submission and its other rows must go with it.
            connection.Execute(TestDatabase.RefuseSql("outbox_refuses", "BEFORE INSERT", "outbox_message", "outbox refuses"));
        }

        var response = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0L, Count(portal, "submission"));
        Assert.Equal(0L, Count(portal, "submission_inspectorate"));
        Assert.Equal(0L, Count(portal, "email_confirmation"));
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_before_it_is_read()
    {
        // Kestrel enforces the request size limit; the in-memory test server does not.
        using var portal = new PortalFactory(onRealKestrel: true);
        portal.StartServer();
        using var content = new StringContent(new string(' ', 5 * 1024 * 1024), Encoding.UTF8, "application/json");

        // As a well-behaved client would: wait for the server's go-ahead before uploading megabytes. HttpClient gives up
        // waiting after a second by default and starts uploading, and on a busy machine the refusal can take longer than
        // that; the upload then meets a closed connection instead of the 413. So it waits for the answer, however long.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = portal.ClientOptions.BaseAddress,
        };
        client.DefaultRequestHeaders.ExpectContinue = true;

        var response = await client.PostAsync("/api/v1/submissions", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0L, Count(portal, "submission"));
    }

    [Theory]
    [MemberData(nameof(UserTextTests.TooDeep), MemberType = typeof(UserTextTests))]
    public async Task Text_nested_too_deeply_gets_a_400_naming_the_field(string kind, string text)
    {
        using var portal = new PortalFactory();

        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(text: text));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"The {kind} text got {(int)response.StatusCode}.");
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["text"], problem!.Errors.Keys);
        Assert.Contains("more than 20 levels deep. Flatten it and try again.", problem.Errors["text"].Single(), StringComparison.Ordinal);
        Assert.Equal(0L, Count(portal, "submission"));
    }

    private static long Count(PortalFactory portal, string table)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table}");
    }
}
