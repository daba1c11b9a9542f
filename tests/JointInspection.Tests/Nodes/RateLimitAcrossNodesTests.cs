using System.Net;
using System.Net.Http.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Nodes;

/// <summary>The submission rate limit is counted in the database, so requests spread over nodes share one allowance.</summary>
public sealed class RateLimitAcrossNodesTests
{
    [Fact]
    public async Task Submissions_sent_to_either_node_count_against_one_limit_per_window()
    {
        // On a window's boundary, so that the whole test is inside one ten-minute window until the clock is moved.
        var clock = new FakeTimeProvider(new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(1), TimeSpan.Zero));
        void Limited(PortalFactory node)
        {
            node.Clock = clock;
            node.Settings["Consultation:OpensAt"] = clock.GetUtcNow().AddDays(-1).ToString("o");
            node.Settings["Consultation:ClosesAt"] = clock.GetUtcNow().AddDays(30).ToString("o");
            node.Settings["Submissions:RateLimit:PermitLimit"] = "3";
            node.Settings["Submissions:RateLimit:WindowSeconds"] = "600";
        }

        var a = new PortalFactory();
        Limited(a);
        await using var nodes = new TwoNodes(a, Limited);
        var onA = nodes.A.CreateClient();
        var onB = nodes.B.CreateClient();

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage refused = null!;
        foreach (var client in new[] { onA, onB, onA, onB })
        {
            refused = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response());
            answers.Add(refused.StatusCode);
        }

        // Each node alone has seen two: only the shared count refuses the fourth.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(TimeSpan.FromSeconds(600), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("Too many submissions", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await onA.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).StatusCode);

        // The next window starts afresh on either node, and the ended one's count is deleted.
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Created, (await onB.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).StatusCode);
        await using var connection = nodes.A.OpenDatabase();
        Assert.Equal(4L, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission"));
        var windows = await connection.QueryAsync<Window>("SELECT window_start AS Start, count AS Count FROM submission_rate");
        Assert.Equal([new Window(DateTimeHandlers.ToStoredText(clock.GetUtcNow()), 1)], windows);
    }

    private sealed record Window(string Start, long Count);
}
