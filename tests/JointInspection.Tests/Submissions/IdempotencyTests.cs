using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Submissions;

/// <summary>A portal on a clock the tests move, so that a key's 24 hours can pass.</summary>
public sealed class IdempotencyPortal : PortalFactory
{
    public IdempotencyPortal()
    {
        var now = DateTimeOffset.UtcNow;
        Clock = new FakeTimeProvider(now);
        Settings["Consultation:OpensAt"] = now.AddDays(-1).ToString("O");
        Settings["Consultation:ClosesAt"] = now.AddDays(30).ToString("O");
    }
}

/// <summary>POST /api/v1/submissions with an Idempotency-Key: a retry gets the first answer and stores nothing new.</summary>
public sealed class IdempotencyTests(IdempotencyPortal portal) : IClassFixture<IdempotencyPortal>
{
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, object body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await client.SendAsync(request);
    }

    private long Count(string table, string where)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE {where}");
    }

    private static string NewKey() => Guid.NewGuid().ToString();

    [Fact]
    public async Task The_same_key_twice_gives_the_first_answer_and_stores_one_submission()
    {
        var client = portal.CreateClient();
        var key = NewKey();
        var body = SampleSubmissions.Response(email: "retry@example.org");

        var first = await SendAsync(client, body, key);
        var again = await SendAsync(client, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var created = await first.Content.ReadFromJsonAsync<CreatedSubmission>();
        Assert.Equal(created, await again.Content.ReadFromJsonAsync<CreatedSubmission>());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, Count("submission", "respondent_email = 'retry@example.org'"));
        Assert.Equal(2, Count("outbox_message", "to_address = 'retry@example.org'"));
    }

    [Fact]
    public async Task Different_keys_are_different_submissions()
    {
        var client = portal.CreateClient();
        var body = SampleSubmissions.Response(email: "two-keys@example.org");

        var first = await (await SendAsync(client, body, NewKey())).Content.ReadFromJsonAsync<CreatedSubmission>();
        var second = await (await SendAsync(client, body, NewKey())).Content.ReadFromJsonAsync<CreatedSubmission>();

        Assert.NotEqual(first!.Reference, second!.Reference);
        Assert.Equal(2, Count("submission", "respondent_email = 'two-keys@example.org'"));
    }

    [Fact]
    public async Task A_key_used_for_a_different_submission_is_refused_and_stores_nothing()
    {
        var client = portal.CreateClient();
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, SampleSubmissions.Response(email: "first-body@example.org"), key)).StatusCode);

        var other = await SendAsync(client, SampleSubmissions.Response(email: "other-body@example.org"), key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        var problem = await other.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Contains("Idempotency-Key", problem!.Detail, StringComparison.Ordinal);
        Assert.Equal(0, Count("submission", "respondent_email = 'other-body@example.org'"));
    }

    [Fact]
    public async Task After_24_hours_the_same_key_makes_a_new_submission_and_the_old_key_is_cleaned_away()
    {
        var client = portal.CreateClient();
        var key = NewKey();
        var body = SampleSubmissions.Response(email: "next-day@example.org");
        var first = await (await SendAsync(client, body, key)).Content.ReadFromJsonAsync<CreatedSubmission>();
        var stale = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(client, SampleSubmissions.Response(email: "stale-key@example.org"), stale)).StatusCode);

        portal.Clock!.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var later = await SendAsync(client, body, key);

        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.NotEqual(first!.Reference, (await later.Content.ReadFromJsonAsync<CreatedSubmission>())!.Reference);
        Assert.Equal(2, Count("submission", "respondent_email = 'next-day@example.org'"));
        Assert.Equal(0, Count("idempotency_key", $"idempotency_key = '{stale}'"));
    }

    [Fact]
    public async Task Requests_with_the_same_key_at_the_same_moment_store_one_submission()
    {
        var client = portal.CreateClient();
        var key = NewKey();
        var body = SampleSubmissions.Response(email: "together@example.org");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(client, body, key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<CreatedSubmission>())!.Reference));
        Assert.Single(references.Distinct());
        Assert.Equal(1, Count("submission", "respondent_email = 'together@example.org'"));
    }

    [Theory]
    [InlineData("\"\"", "empty")]
    [InlineData("has space", "space")]
    [InlineData("caf\u00e9", "non-ascii")]
    [InlineData("k", "too-long")]
    public async Task A_malformed_key_is_a_validation_problem_naming_the_header(string key, string because)
    {
        // "k" stands for the longest: 256 of them, one over the limit.
        var sent = key == "k" ? new string('k', 256) : key;
        var email = $"bad-key-{because}@example.org";

        var response = await SendAsync(portal.CreateClient(), SampleSubmissions.Response(email: email), sent);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("255", Assert.Single(problem!.Errors["Idempotency-Key"]), StringComparison.Ordinal);
        Assert.Equal(0, Count("submission", $"respondent_email = '{email}'"));
    }

    [Fact]
    public async Task A_quoted_key_as_the_draft_standard_writes_it_is_the_same_key()
    {
        var client = portal.CreateClient();
        var key = NewKey();
        var body = SampleSubmissions.Response(email: "quoted@example.org");

        var first = await (await SendAsync(client, body, key)).Content.ReadFromJsonAsync<CreatedSubmission>();
        var quoted = await (await SendAsync(client, body, $"\"{key}\"")).Content.ReadFromJsonAsync<CreatedSubmission>();

        Assert.Equal(first, quoted);
        Assert.Equal(1, Count("submission", "respondent_email = 'quoted@example.org'"));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_header_and_the_refusal()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/v1/submissions").GetProperty("post");
        var header = Assert.Single(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.Equal("header", header.GetProperty("in").GetString());
        Assert.Contains("24 hours", header.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(post.GetProperty("responses").TryGetProperty("422", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("503", out _));
    }
}
