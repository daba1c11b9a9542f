using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Recommendations through the API, signed in for real: the secretariat recommends, a chief inspector reads it, takes it by
/// recording a decision that names it (as it stands or changed) or rejects it with a reason; stale versions, bad input,
/// who may do what; and the mailbox, over real SMTP, never receives anything for a recommendation.
/// </summary>
public sealed class RecommendationApiTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private static readonly TimeSpan Patience = TestPatience.SafetyNet;

    private PortalWithDevIdentity Portal => fixture.Portal;

    private static object AcceptBody(string title = "Victims and the courts") => new
    {
        version = 0,
        outcome = "accept",
        rationale = "A clear gap in the programme, and HMCPSI has the days.",
        workstream = new
        {
            title,
            summary = "How court delays affect victims and witnesses.",
            lead = "hmcpsi",
            supporting = Array.Empty<string>(),
            partners = new[] { "cqc" },
            areasOfFocus = new[] { "bringing-offenders-to-justice" },
            programmeYear = "2022-23",
            kind = "inspection",
        },
    };

    private async Task<(long Id, string Reference, string Email)> SuggestAsync(string title = "Court backlogs and victims")
    {
        using var client = Portal.CreateClient();
        var email = $"{Guid.NewGuid():N}@example.org";
        var reference = (await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion(title, email: email))).Reference;
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        return (id, reference, email);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(TestBrowser browser, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> RecommendAsync(TestBrowser browser, string reference, object body) =>
        SendAsync(browser, HttpMethod.Post, $"/api/v1/submissions/{reference}/recommendation", body);

    private static Task<(HttpStatusCode Status, JsonElement Body)> RejectAsync(TestBrowser browser, string reference, object body) =>
        SendAsync(browser, HttpMethod.Post, $"/api/v1/submissions/{reference}/recommendation/rejection", body);

    private static Task<(HttpStatusCode Status, JsonElement Body)> DecideAsync(TestBrowser browser, string reference, object body) =>
        SendAsync(browser, HttpMethod.Post, $"/api/v1/submissions/{reference}/decision", body);

    private (long Recommendations, long Outbox, long Audit, long Decisions) Footprint(long id)
    {
        using var connection = Portal.OpenDatabase();
        return connection.QuerySingle<(long, long, long, long)>(
            """
            SELECT (SELECT count(*) FROM recommendation WHERE submission_id = @id),
                   (SELECT count(*) FROM outbox_message WHERE submission_id = @id),
                   (SELECT count(*) FROM audit_log WHERE action LIKE 'recommendation.%' AND subject = @subject),
                   (SELECT count(*) FROM decision WHERE submission_id = @id)
            """,
            new { id, subject = $"submission:{SubmissionReference.Format(id)}" });
    }

    [Fact]
    public async Task The_secretariat_recommends_staff_read_it_and_the_queue_says_recommended_while_nothing_reaches_the_respondent()
    {
        var (id, reference, _) = await SuggestAsync("Court backlogs in Borsetshire");
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector);
        var before = Footprint(id);

        var (status, body) = await RecommendAsync(secretariat, reference, AcceptBody("Witnesses in Borsetshire courts"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal("open", body.GetProperty("status").GetString());
        Assert.Equal("accept", body.GetProperty("outcome").GetString());
        Assert.Equal("Accept, as the proposed workstream “Witnesses in Borsetshire courts”", body.GetProperty("inPlainWords").GetString());
        Assert.Equal("hmcpsi", body.GetProperty("workstream").GetProperty("lead").GetString());
        Assert.Equal(Staff.Secretariat, body.GetProperty("recommendedBy").GetString());
        // A draft: one recommendation and its audit entry, and no email, no decision.
        Assert.Equal((1L, before.Outbox, 1L, 0L), Footprint(id));

        var (readStatus, read) = await SendAsync(chief, HttpMethod.Get, $"/api/v1/submissions/{reference}/recommendation");
        Assert.Equal(HttpStatusCode.OK, readStatus);
        Assert.Equal(body.GetRawText(), read.GetRawText());

        var (_, queue) = await SendAsync(chief, HttpMethod.Get, "/api/v1/triage/submissions?q=Borsetshire");
        var item = Assert.Single(queue.GetProperty("items").EnumerateArray());
        Assert.Equal("accept", item.GetProperty("recommended").GetString());

        // Nothing public names the recommended workstream: it is a proposal only once a chief inspector decides.
        using var client = Portal.CreateClient();
        Assert.DoesNotContain("Witnesses in Borsetshire courts", await client.GetStringAsync("/api/v1/programme"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chief_inspector_takes_the_recommendation_as_it_stands_and_the_respondent_gets_only_the_decision()
    {
        var (id, reference, email) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        const string draft = "Our draft reasons: covered by the court delays workstream.";
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync(secretariat, reference, new { version = 0, outcome = "decline", rationale = draft })).Status);
        // Changing it (against the version in force) is a new version; the old one is kept.
        var (changedStatus, changed) = await RecommendAsync(secretariat, reference, new { version = 1, outcome = "decline", rationale = "Covered by the court delays workstream." });
        Assert.Equal(HttpStatusCode.OK, changedStatus);
        Assert.Equal(2, changed.GetProperty("version").GetInt64());

        var (status, decision) = await DecideAsync(chief, reference, new { version = 0, outcome = "decline", rationale = "Covered by the court delays workstream.", recommendation = 2 });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("decline", decision.GetProperty("outcome").GetString());
        var (_, taken) = await SendAsync(chief, HttpMethod.Get, $"/api/v1/submissions/{reference}/recommendation");
        Assert.Equal("taken", taken.GetProperty("status").GetString());
        Assert.Equal(1, taken.GetProperty("takenInDecision").GetInt64());
        Assert.Equal(Staff.ProbationChiefInspector, taken.GetProperty("closedBy").GetString());
        using (var connection = Portal.OpenDatabase())
        {
            var audit = connection.Query<string>(
                "SELECT action FROM audit_log WHERE subject = @subject AND action <> 'assessment.save' ORDER BY id", new { subject = $"submission:{reference}" });
            Assert.Equal(["recommendation.save", "recommendation.save", "decision.save", "recommendation.take"], audit);
            // Taking it is written with the decision: same instant, same transaction.
            Assert.Equal(1, connection.ExecuteScalar<long>(
                """
                SELECT count(*) FROM decision d JOIN recommendation r ON r.submission_id = d.submission_id AND r.taken_in_decision = d.version
                 WHERE d.submission_id = @id AND r.closed_at = d.decided_at
                """,
                new { id }));
        }

        // Over real SMTP: the decision's email arrives, and the outbox sends in order, so had the recommendation queued one it
        // would have come first. The respondent has the receipt, the confirmation link and the decision, and never the draft.
        var outcome = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}" && m.EnvelopeTo.Contains(email), Patience);
        Assert.Contains("Covered by the court delays workstream.", outcome.TextBody, StringComparison.Ordinal);
        var theirs = fixture.Mailbox.Messages.Where(m => m.EnvelopeTo.Contains(email)).ToList();
        Assert.Equal(3, theirs.Count);
        Assert.Single(theirs, m => m.Subject.Contains("Decision", StringComparison.Ordinal));
        Assert.DoesNotContain(theirs, m => (m.TextBody ?? "").Contains(draft, StringComparison.Ordinal) || (m.TextBody ?? "").Contains("ecommend", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Mailbox.Messages, m => (m.TextBody ?? "").Contains(draft, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_that_changes_the_recommendation_takes_it_and_the_history_says_what_changed()
    {
        var (id, reference, _) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync(secretariat, reference, new { version = 0, outcome = "defer", deferTo = "next-programme", rationale = "Later." })).Status);

        var (status, _) = await DecideAsync(chief, reference, new { version = 0, outcome = "decline", rationale = "Not for joint work.", recommendation = 1 });

        Assert.Equal(HttpStatusCode.OK, status);
        using (var connection = Portal.OpenDatabase())
        {
            Assert.Equal(("taken", 1L), connection.QuerySingle<(string, long)>("SELECT status, taken_in_decision FROM recommendation WHERE submission_id = @id", new { id }));
        }

        var page = await chief.GetAsync($"/triage/{reference}");
        Assert.Contains("Recommended: defer", Timeline.Of(page).Select(e => e.What));
        Assert.Contains("Recommendation taken: defer, changed to decline", Timeline.Of(page).Select(e => e.What));
    }

    [Fact]
    public async Task A_decision_that_is_refused_leaves_the_recommendation_open()
    {
        var (id, reference, _) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector);
        // Accepting needs an assessment, which only the stored data can tell: the decision is refused in its transaction.
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync(secretariat, reference, AcceptBody())).Status);
        var accept = (JsonElement)JsonSerializer.SerializeToElement(AcceptBody());

        var (status, body) = await DecideAsync(chief, reference, new
        {
            version = 0,
            outcome = "accept",
            rationale = "Yes.",
            workstream = accept.GetProperty("workstream"),
            recommendation = 1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Assess the suggestion", body.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((1L, 2L, 1L, 0L), Footprint(id));

        // Once assessed, the same decision takes it.
        var days = new Dictionary<string, int> { ["hmcpsi"] = 10 };
        await Portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{reference}", new AssessmentInput(3, 3, "2022-23", days, null), 0, Staff.Secretariat, CancellationToken.None);
        var (decided, _) = await DecideAsync(chief, reference, new
        {
            version = 0,
            outcome = "accept",
            rationale = "Yes.",
            workstream = accept.GetProperty("workstream"),
            recommendation = 1,
        });
        Assert.Equal(HttpStatusCode.OK, decided);
        using var connection = Portal.OpenDatabase();
        Assert.Equal("taken", connection.ExecuteScalar<string>("SELECT status FROM recommendation WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task A_chief_inspector_rejects_it_with_a_reason_and_a_rejection_without_one_is_refused()
    {
        var (id, reference, _) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync(secretariat, reference, new { version = 0, outcome = "decline", rationale = "Covered." })).Status);

        var (noReasonStatus, noReason) = await RejectAsync(chief, reference, new { version = 1, reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, noReasonStatus);
        Assert.Equal("Say why you are rejecting the recommendation: the secretariat will read it", noReason.GetProperty("errors").GetProperty("reason")[0].GetString());
        var (noVersionStatus, noVersion) = await RejectAsync(chief, reference, new { reason = "Because." });
        Assert.Equal(HttpStatusCode.BadRequest, noVersionStatus);
        Assert.True(noVersion.GetProperty("errors").TryGetProperty("version", out _));
        // The secretariat drafts; it does not reject.
        Assert.Equal(HttpStatusCode.Forbidden, (await RejectAsync(secretariat, reference, new { version = 1, reason = "Changed my mind." })).Status);
        Assert.Equal((1L, 2L, 1L, 0L), Footprint(id));

        var (status, rejected) = await RejectAsync(chief, reference, new { version = 1, reason = "We want to look at it jointly." });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal("We want to look at it jointly.", rejected.GetProperty("rejectionReason").GetString());
        Assert.Equal((1L, 2L, 2L, 0L), Footprint(id));
        var (_, queue) = await SendAsync(chief, HttpMethod.Get, $"/api/v1/triage/submissions?q={reference}");
        Assert.Equal(JsonValueKind.Null, Assert.Single(queue.GetProperty("items").EnumerateArray()).GetProperty("recommended").ValueKind);

        // Rejecting again finds nothing open: 409 with the recommendation as it stands.
        var (again, conflict) = await RejectAsync(chief, reference, new { version = 1, reason = "Twice." });
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal($"There is no open recommendation on {reference} to reject.", conflict.GetProperty("detail").GetString());
        Assert.Equal("rejected", conflict.GetProperty("current").GetProperty("status").GetString());

        // A new recommendation over a rejected one is open again.
        var (reopened, recommendation) = await RecommendAsync(secretariat, reference, new { version = 1, outcome = "defer", deferTo = "2022-23", rationale = "Next year." });
        Assert.Equal(HttpStatusCode.OK, reopened);
        Assert.Equal("open", recommendation.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_stale_version_gets_409_with_the_current_recommendation_and_changes_nothing()
    {
        var (id, reference, _) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        Assert.Equal(HttpStatusCode.OK, (await RecommendAsync(secretariat, reference, new { version = 0, outcome = "decline", rationale = "Covered." })).Status);
        var before = Footprint(id);

        var (status, body) = await RecommendAsync(secretariat, reference, new { version = 0, outcome = "defer", deferTo = "next-programme", rationale = "Later." });
        var (rejectStatus, rejectBody) = await RejectAsync(chief, reference, new { version = 7, reason = "Not this one." });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("has changed since version 0", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("decline", body.GetProperty("current").GetProperty("outcome").GetString());
        Assert.Equal(1, body.GetProperty("current").GetProperty("version").GetInt64());
        Assert.Equal(HttpStatusCode.Conflict, rejectStatus);
        Assert.Contains("is now version 1", rejectBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Footprint(id));
    }

    public static TheoryData<string, string> BadRecommendations => new()
    {
        { """{"version":0,"outcome":"decline","rationale":"  "}""", "rationale" },
        { """{"version":0,"outcome":"noted","rationale":"x"}""", "outcome" },
        { """{"outcome":"decline","rationale":"x"}""", "version" },
        { """{"version":0,"outcome":"merge","rationale":"x","mergeInto":"no-such-workstream"}""", "mergeInto" },
        { """{"version":0,"outcome":"defer","rationale":"x","deferTo":"2030"}""", "deferTo" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"T","summary":"S","areasOfFocus":["community-safety"],"programmeYear":"2022-23","kind":"inspection"}}""", "workstream.lead" },
        { """{"version":0,"outcome":"decline","rationale":"x""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadRecommendations))]
    public async Task A_bad_recommendation_gets_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var (id, reference, _) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        var before = Footprint(id);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/recommendation")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await secretariat.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, Footprint(id));
    }

    [Fact]
    public async Task Only_the_secretariat_recommends_and_an_unknown_reference_or_no_recommendation_is_not_found()
    {
        var (id, reference, _) = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var anonymous = Portal.NewBrowser();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        var decline = new { version = 0, outcome = "decline", rationale = "x" };

        var (forbidden, problem) = await RecommendAsync(chief, reference, decline);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await RecommendAsync(anonymous, reference, decline)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(anonymous, HttpMethod.Get, $"/api/v1/submissions/{reference}/recommendation")).Status);
        var none = await SendAsync(chief, HttpMethod.Get, $"/api/v1/submissions/{reference}/recommendation");
        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal($"The secretariat has not recommended a decision on {reference}.", none.Body.GetProperty("detail").GetString());
        var missing = await RecommendAsync(secretariat, "JI-999999", decline);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("There is no submission 'JI-999999'", missing.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Footprint(id).Recommendations);
    }

    [Fact]
    public async Task The_recommendation_endpoints_are_in_the_openapi_document()
    {
        using var client = Portal.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        var recommendation = paths.GetProperty("/api/v1/submissions/{reference}/recommendation");
        var rejection = paths.GetProperty("/api/v1/submissions/{reference}/recommendation/rejection").GetProperty("post");
        foreach (var post in new[] { recommendation.GetProperty("post"), rejection })
        {
            var statuses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            Assert.Contains("409", statuses);
            Assert.Contains("400", statuses);
            Assert.Contains("403", statuses);
        }

        Assert.Contains("404", recommendation.GetProperty("get").GetProperty("responses").EnumerateObject().Select(r => r.Name));
        Assert.Contains("recommendation", paths.GetProperty("/api/v1/submissions/{reference}/decision").GetProperty("post").GetProperty("description").GetString(), StringComparison.Ordinal);
    }
}
