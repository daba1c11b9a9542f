using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>A portal with the development identity provider whose email goes to a real SMTP server on loopback.</summary>
public sealed class PortalWithMailbox : IAsyncLifetime
{
    public DevMailbox Mailbox { get; } = new();

    public PortalWithDevIdentity Portal { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Mailbox.StartAsync();
        Portal = PortalWithDevIdentity.With(portal => portal.SendMailTo(Mailbox.Port));
    }

    public async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Mailbox.DisposeAsync();
    }
}

/// <summary>
/// Decisions through POST /api/v1/submissions/{reference}/decision, signed in for real as a chief inspector: each
/// outcome, revisions, conflicts, bad input, the audit trail, and the outcome email over SMTP.
/// </summary>
public sealed class DecisionApiTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private static readonly TimeSpan Patience = TestPatience.SafetyNet;

    private PortalWithDevIdentity Portal => fixture.Portal;

    private static object Accept(
        long version = 0, string lead = "hmcpsi", string rationale = "High risk to victims, and HMCPSI has the days.", string? overCapacityReason = null,
        string year = "2022-23", string[]? supporting = null) => new
        {
            version,
            outcome = "accept",
            rationale,
            overCapacityReason,
            workstream = new
            {
                title = "Court delays and victims",
                summary = "How delays in the courts affect victims and witnesses.",
                lead,
                supporting = supporting ?? ["hmicfrs", "hmi-probation", "hmcpsi"],
                partners = new[] { "cqc" },
                areasOfFocus = new[] { "bringing-offenders-to-justice" },
                programmeYear = year,
                kind = "scoping-study",
            },
        };

    private async Task<(long Id, string Reference)> SuggestAsync(string title = "Court backlogs and victims")
    {
        using var client = Portal.CreateClient();
        var reference = (await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion(title))).Reference;
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        return (id, reference);
    }

    private async Task<(long Id, string Reference)> RespondAsync()
    {
        using var client = Portal.CreateClient();
        var reference = (await SampleSubmissions.SendAsync(client, SampleSubmissions.Response("More on remand, please.", "resp@example.org"))).Reference;
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        return (id, reference);
    }

    private async Task AssessAsync(long id, int hmcpsiDays = 30, string? reason = null)
    {
        var store = Portal.Services.GetRequiredService<AssessmentStore>();
        var days = new Dictionary<string, int> { ["hmcpsi"] = hmcpsiDays, ["hmicfrs"] = 20, ["hmi-probation"] = 10, ["hmi-prisons"] = 0 };
        var saved = await store.SaveAsync(id, $"submission:{SubmissionReference.Format(id)}", new AssessmentInput(4, 4, "2022-23", days, reason), 0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
    }

    /// <summary>
    /// Records the decision and, when it is joint, has every inspectorate taking part agree, so it is final: these tests are
    /// about what a final decision does (JointAgreementTests are about agreeing).
    /// </summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> DecideAsync(TestBrowser browser, string reference, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(body) };
        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var decision = text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
        if (response.StatusCode == HttpStatusCode.OK && decision.GetProperty("agreement").GetString() == "awaiting")
        {
            Assert.True(SubmissionReference.TryParse(reference, out var id));
            await Agreements.AgreeAllAsync(Portal, id);
        }

        return (response.StatusCode, decision);
    }

    private (long Decisions, long Workstreams, long Outbox, long Audit, string Status) Footprint(long id)
    {
        using var connection = Portal.OpenDatabase();
        return connection.QuerySingle<(long, long, long, long, string)>(
            """
            SELECT (SELECT count(*) FROM decision WHERE submission_id = @id),
                   (SELECT count(*) FROM workstream WHERE origin_submission_id = @id),
                   (SELECT count(*) FROM outbox_message WHERE submission_id = @id),
                   (SELECT count(*) FROM audit_log WHERE action = 'decision.save' AND subject = @subject),
                   (SELECT status FROM submission WHERE id = @id)
            """,
            new { id, subject = $"submission:{SubmissionReference.Format(id)}" });
    }

    [Fact]
    public async Task Accepting_creates_a_proposed_workstream_that_draws_capacity_and_emails_the_rationale_and_link()
    {
        var (id, reference) = await SuggestAsync("Court backlogs in Ambridge");
        await AssessAsync(id);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var capacityBefore = await Portal.Services.GetRequiredService<AssessmentStore>().CapacityAsync("2022-23", 0, CancellationToken.None);

        var (status, body) = await DecideAsync(chief, reference, Accept());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("version").GetInt64());
        Assert.Equal("accepted", body.GetProperty("status").GetString());
        var slug = body.GetProperty("workstream").GetString()!;
        Assert.Equal($"court-delays-and-victims-{reference.ToLowerInvariant()}", slug);

        using var connection = Portal.OpenDatabase();
        var workstream = connection.QuerySingle<(string Section, string Status, string Kind, string Year, long Origin)>(
            "SELECT section, status, kind, programme_year, origin_submission_id FROM workstream WHERE slug = @slug", new { slug });
        Assert.Equal(("proposed", "proposed", "scoping-study", "2022-23", id), workstream);
        var participants = connection.Query<(string, string)>(
            "SELECT inspectorate_code, role FROM workstream_participant p JOIN workstream w ON w.id = p.workstream_id WHERE w.slug = @slug ORDER BY 1", new { slug });
        // The lead, named again among the supporting, takes part once, as lead.
        Assert.Equal([("cqc", "supporting"), ("hmcpsi", "lead"), ("hmi-probation", "supporting"), ("hmicfrs", "supporting")], participants);
        var capacityAfter = await Portal.Services.GetRequiredService<AssessmentStore>().CapacityAsync("2022-23", 0, CancellationToken.None);
        Assert.Equal(capacityBefore.Committed.GetValueOrDefault("hmcpsi") + 30, capacityAfter.Committed["hmcpsi"]);
        Assert.Equal(capacityBefore.Committed.GetValueOrDefault("hmi-prisons"), capacityAfter.Committed.GetValueOrDefault("hmi-prisons"));

        var audit = connection.QuerySingle<(string Actor, string? Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'decision.save' AND subject = @subject", new { subject = $"submission:{reference}" });
        Assert.Equal(Staff.ProbationChiefInspector, audit.Actor);
        Assert.Null(audit.Before);
        Assert.Contains("\"Outcome\":\"accept\"", audit.After, StringComparison.Ordinal);
        Assert.Contains("High risk to victims", audit.After, StringComparison.Ordinal);

        var email = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", Patience);
        Assert.Equal(["alex@example.org"], email.EnvelopeTo);
        Assert.Contains("Accepted. It is now a proposed workstream in the draft programme: “Court delays and victims”.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("High risk to victims, and HMCPSI has the days.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{Portal.BaseAddress}programmes/2021-23/workstreams/{slug}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Portal.BaseAddress}programmes/2021-23/workstreams/{slug}\"", email.HtmlBody, StringComparison.Ordinal);

        using var client = Portal.CreateClient();
        var programme = await client.GetFromJsonAsync<JsonElement>("/api/v1/programme");
        var listed = programme.GetProperty("workstreams").EnumerateArray().Single(w => w.GetProperty("id").GetString() == slug);
        Assert.Equal("proposed", listed.GetProperty("section").GetString());
        Assert.Equal("joint", listed.GetProperty("collaboration").GetString());
    }

    [Theory]
    [InlineData("merge", "mental-health", null, "merged", "Merged. It will be taken forward as part of the existing workstream")]
    [InlineData("defer", null, "next-programme", "deferred", "Deferred. It will be considered again for the next joint inspection programme.")]
    [InlineData("defer", null, "2022-23", "deferred", "Deferred. It will be considered again for the programme's second year, 2022–23.")]
    [InlineData("decline", null, null, "declined", "Declined. It will not be added to the programme.")]
    public async Task Each_other_outcome_for_a_suggestion_sets_its_status_and_says_so_in_the_email(
        string outcome, string? mergeInto, string? deferTo, string expectedStatus, string words)
    {
        var (id, reference) = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var (status, body) = await DecideAsync(chief, reference, new { version = 0, outcome, rationale = "Our reasons.", mergeInto, deferTo });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expectedStatus, Footprint(id).Status);
        Assert.StartsWith(words, body.GetProperty("inPlainWords").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, Footprint(id).Workstreams);
        var email = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", Patience);
        Assert.Contains(words, email.TextBody, StringComparison.Ordinal);
        if (mergeInto is not null)
        {
            Assert.Equal(mergeInto, body.GetProperty("workstream").GetString());
            Assert.Contains($"programmes/2021-23/workstreams/{mergeInto}", email.TextBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("noted", "noted")]
    [InlineData("programme-changed", "programme-changed")]
    public async Task A_response_is_noted_or_changes_the_programme(string outcome, string expectedStatus)
    {
        var (id, reference) = await RespondAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var (status, _) = await DecideAsync(chief, reference, new { version = 0, outcome, rationale = "Thank you; we read it." });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(expectedStatus, Footprint(id).Status);
        var email = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", Patience);
        Assert.Contains("your response to the draft programme", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcome_email_gives_the_status_link_itself()
    {
        using var client = Portal.CreateClient();
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Response("Status link, please.", "link@example.org"));
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var (status, _) = await DecideAsync(chief, created.Reference, new { version = 0, outcome = "noted", rationale = "Thank you; we read it." });

        Assert.Equal(HttpStatusCode.OK, status);
        var email = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {created.Reference}", Patience);
        var statusPath = created.StatusUrl.PathAndQuery;
        Assert.Contains($"{Portal.BaseAddress}{statusPath.TrimStart('/')}", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Portal.BaseAddress}{statusPath.TrimStart('/')}\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("the email we sent when you submitted", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revision_is_kept_beside_the_first_withdraws_the_workstream_and_sends_an_email_saying_it_replaces_the_first()
    {
        var (id, reference) = await SuggestAsync();
        await AssessAsync(id);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var accepted = await DecideAsync(chief, reference, Accept());
        var slug = accepted.Body.GetProperty("workstream").GetString()!;

        var declined = await DecideAsync(chief, reference, new { version = 1, outcome = "decline", rationale = "On reflection, HMCPSI covers this already." });

        Assert.Equal(HttpStatusCode.OK, declined.Status);
        Assert.Equal(2, declined.Body.GetProperty("version").GetInt64());
        using var connection = Portal.OpenDatabase();
        Assert.Equal(["accept", "decline"], connection.Query<string>("SELECT outcome FROM decision WHERE submission_id = @id ORDER BY version", new { id }));
        Assert.NotNull(connection.ExecuteScalar<string>("SELECT withdrawn_at FROM workstream WHERE slug = @slug", new { slug }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream_days d JOIN workstream w ON w.id = d.workstream_id WHERE w.slug = @slug", new { slug }));
        using (var client = Portal.CreateClient())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/workstreams/{slug}")).StatusCode);
        }

        var revised = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Revised decision on {reference}", Patience);
        Assert.Contains("This replaces our decision of", revised.TextBody, StringComparison.Ordinal);
        Assert.Contains("which was: Accepted.", revised.TextBody, StringComparison.Ordinal);
        Assert.Contains("On reflection, HMCPSI covers this already.", revised.TextBody, StringComparison.Ordinal);

        // Accepting again brings back the same workstream, at the same address.
        var again = await DecideAsync(chief, reference, Accept(version: 2));
        Assert.Equal(slug, again.Body.GetProperty("workstream").GetString());
        Assert.Null(connection.ExecuteScalar<string>("SELECT withdrawn_at FROM workstream WHERE slug = @slug", new { slug }));
        Assert.Equal((3L, 1L, 5L, 3L, "accepted"), Footprint(id));
    }

    [Fact]
    public async Task An_acceptance_cannot_be_revised_away_while_another_suggestion_is_merged_into_its_workstream()
    {
        var (id, reference) = await SuggestAsync();
        await AssessAsync(id);
        var (_, otherReference) = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var slug = (await DecideAsync(chief, reference, Accept())).Body.GetProperty("workstream").GetString();
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(chief, otherReference, new { version = 0, outcome = "merge", mergeInto = slug, rationale = "Same ground." })).Status);
        var before = Footprint(id);

        var (status, body) = await DecideAsync(chief, reference, new { version = 1, outcome = "decline", rationale = "Changed our minds." });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains($"merged into this suggestion's proposed workstream ({otherReference})", body.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, Footprint(id));

        // Once the other suggestion is decided otherwise, the acceptance can be revised.
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(chief, otherReference, new { version = 1, outcome = "decline", rationale = "Covered elsewhere." })).Status);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(chief, reference, new { version = 1, outcome = "decline", rationale = "Changed our minds." })).Status);
    }

    [Fact]
    public async Task A_decision_on_a_stale_version_gets_409_with_the_current_decision_and_changes_nothing()
    {
        var (id, reference) = await SuggestAsync();
        using var first = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var second = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector);
        Assert.Equal(HttpStatusCode.OK, (await DecideAsync(first, reference, new { version = 0, outcome = "decline", rationale = "Out of scope." })).Status);
        var before = Footprint(id);

        var (status, body) = await DecideAsync(second, reference, new { version = 0, outcome = "defer", deferTo = "2022-23", rationale = "Later." });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("has changed since version 0", body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("decline", body.GetProperty("current").GetProperty("outcome").GetString());
        Assert.Equal(1, body.GetProperty("current").GetProperty("version").GetInt64());
        Assert.Equal(before, Footprint(id));
    }

    [Fact]
    public async Task Two_chief_inspectors_deciding_at_once_get_one_decision_and_one_conflict()
    {
        var (id, reference) = await SuggestAsync();
        using var first = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var second = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector);

        var results = await Task.WhenAll(
            DecideAsync(first, reference, new { version = 0, outcome = "decline", rationale = "One." }),
            DecideAsync(second, reference, new { version = 0, outcome = "decline", rationale = "Two." }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.Status).Order());
        Assert.Equal(1, Footprint(id).Decisions);
        Assert.Equal(1, Footprint(id).Audit);
    }

    public static TheoryData<string, string> BadDecisions => new()
    {
        { """{"version":0,"outcome":"decline","rationale":"  "}""", "rationale" },
        { """{"version":0,"outcome":"noted","rationale":"x"}""", "outcome" },
        { """{"version":0,"rationale":"x"}""", "outcome" },
        { """{"outcome":"decline","rationale":"x"}""", "version" },
        { """{"version":0,"outcome":"merge","rationale":"x","mergeInto":"no-such-workstream"}""", "mergeInto" },
        { """{"version":0,"outcome":"merge","rationale":"x"}""", "mergeInto" },
        { """{"version":0,"outcome":"defer","rationale":"x","deferTo":"2030"}""", "deferTo" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"T","summary":"S","areasOfFocus":["community-safety"],"programmeYear":"2022-23","kind":"inspection"}}""", "workstream.lead" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"T","summary":"S","lead":"cqc","areasOfFocus":["community-safety"],"programmeYear":"2022-23","kind":"inspection"}}""", "workstream.lead" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"T","summary":"S","lead":"hmcpsi","areasOfFocus":[],"programmeYear":"2022-23","kind":"inspection"}}""", "workstream.areasOfFocus" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"T","summary":"S","lead":"hmcpsi","areasOfFocus":["community-safety"],"programmeYear":"2022-23","kind":"inspection","partners":["ofwat"]}}""", "workstream.partners" },
        { """{"version":0,"outcome":"accept","rationale":"x","workstream":{"title":"","summary":"S","lead":"hmcpsi","areasOfFocus":["community-safety"],"programmeYear":"2024-25","kind":"audit"}}""", "workstream.programmeYear" },
        { """{"version":0,"outcome":"decline","rationale":"x""", "body" },
    };

    [Theory]
    [MemberData(nameof(BadDecisions))]
    public async Task A_bad_decision_gets_a_400_naming_the_field_and_writes_nothing(string json, string field)
    {
        var (id, reference) = await SuggestAsync();
        await AssessAsync(id);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var before = Footprint(id);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await chief.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, Footprint(id));
    }

    [Fact]
    public async Task Accepting_needs_an_assessment_and_going_over_capacity_needs_a_reason()
    {
        var (id, reference) = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var unassessed = await DecideAsync(chief, reference, Accept());
        Assert.Equal(HttpStatusCode.BadRequest, unassessed.Status);
        Assert.Contains("Assess the suggestion", unassessed.Body.GetProperty("errors").GetProperty("outcome")[0].GetString(), StringComparison.Ordinal);

        // 2021-22, which no other test here accepts into, so the 2,000 days committed below crowd out nobody.
        await AssessAsync(id, hmcpsiDays: 2000, reason: "Assessed as essential.");
        var over = await DecideAsync(chief, reference, Accept(year: "2021-22"));
        Assert.Equal(HttpStatusCode.BadRequest, over.Status);
        Assert.True(over.Body.GetProperty("errors").TryGetProperty("overCapacityReason", out _));
        Assert.Equal((0L, 0L, 2L, 0L, "assessed"), Footprint(id));

        var allowed = await DecideAsync(chief, reference, Accept(overCapacityReason: "Ministers asked for it; other work moves.", year: "2021-22"));
        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        using var connection = Portal.OpenDatabase();
        Assert.Equal("Ministers asked for it; other work moves.", connection.ExecuteScalar<string>("SELECT over_capacity_reason FROM decision WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task Only_chief_inspectors_decide_and_an_unknown_reference_is_not_found()
    {
        var (id, reference) = await SuggestAsync();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var anonymous = Portal.NewBrowser();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var decline = new { version = 0, outcome = "decline", rationale = "x" };

        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(secretariat, reference, decline)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await DecideAsync(anonymous, reference, decline)).Status);
        var missing = await DecideAsync(chief, "JI-999999", decline);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
        Assert.Contains("There is no submission 'JI-999999'", missing.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 2L, 0L, "received"), Footprint(id));
    }

    [Fact]
    public async Task When_the_outcome_email_cannot_be_written_nothing_of_the_decision_is_kept()
    {
        var (id, reference) = await SuggestAsync("Trigger test suggestion");
        await AssessAsync(id);
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using (var connection = Portal.OpenDatabase())
        {
            connection.Execute(TestDatabase.IsPostgreSql
                ? $"""
                  CREATE FUNCTION refuse_outcome_{id}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused'; END; $$;
                  CREATE TRIGGER refuse_outcome_{id} BEFORE INSERT ON outbox_message FOR EACH ROW
                  WHEN (NEW.purpose = 'outcome' AND NEW.submission_id = {id}) EXECUTE FUNCTION refuse_outcome_{id}();
                  """
                : $"""
                  CREATE TRIGGER refuse_outcome_{id} BEFORE INSERT ON outbox_message
                  WHEN new.purpose = 'outcome' AND new.submission_id = {id}
                  BEGIN SELECT RAISE(ABORT, 'outbox refused'); END;
                  """);
        }

        try
        {
            // HMCPSI alone takes part, so the acceptance is final at once and its outcome email is written with it.
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(Accept(supporting: [])) };
            using var response = await chief.SendAsync(request);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal((0L, 0L, 2L, 0L, "assessed"), Footprint(id));
            using var connection = Portal.OpenDatabase();
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream WHERE title = 'Court delays and victims' AND origin_submission_id = @id", new { id }));
        }
        finally
        {
            using var connection = Portal.OpenDatabase();
            connection.Execute(TestDatabase.IsPostgreSql
                ? $"DROP TRIGGER refuse_outcome_{id} ON outbox_message; DROP FUNCTION refuse_outcome_{id}();"
                : $"DROP TRIGGER refuse_outcome_{id}");
        }
    }

    [Fact]
    public async Task The_decision_endpoint_is_in_the_openapi_document()
    {
        using var client = Portal.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/v1/submissions/{reference}/decision").GetProperty("post");
        var statuses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains("409", statuses);
        Assert.Contains("400", statuses);
        Assert.Contains("403", statuses);
    }
}
