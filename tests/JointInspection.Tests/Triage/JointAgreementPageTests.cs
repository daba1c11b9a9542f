using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Joint agreement on the decision page, signed in for real: the lead's chief inspector proposes after reading the email
/// the respondent will get, the supporting inspectorate's chief inspector agrees or objects, and the respondent hears
/// nothing (no outbox row at all) until every party has agreed.
/// </summary>
public sealed class JointAgreementPageTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private PortalWithDevIdentity Portal => fixture.Portal;

    /// <summary>HMI Probation leads, HMI Prisons supports: Justin Russell proposes, Charlie Taylor must agree.</summary>
    private static (string, string)[] Accept(string title = "Approved premises and women") =>
    [
        ("outcome", "accept"),
        ("rationale", "Women in approved premises are a gap, and both inspectorates have the days."),
        ("workstream-title", title),
        ("workstream-summary", "How women are housed and supervised after prison."),
        ("workstream-lead", "hmi-probation"),
        ("workstream-supporting", "hmi-prisons"),
        ("workstream-areasOfFocus", "management-under-supervision"),
        ("workstream-programmeYear", "2022-23"),
        ("workstream-kind", "inspection"),
    ];

    [Fact]
    public async Task A_joint_proposal_is_previewed_then_waits_for_the_supporting_inspectorate_and_its_email_goes_once_all_agree()
    {
        var (id, reference, email) = await AssessedSuggestionAsync("preview");
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        var form = await justin.GetAsync($"/triage/{reference}/decide");

        var preview = await justin.SubmitAsync(form, form.FindForm("data-decision-form")!, null, Accept());

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains($"Check the email before you record the decision on {reference}", preview.Html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"preview-to\">{email}</dd>", preview.Html, StringComparison.Ordinal);
        Assert.Contains($"data-field=\"preview-subject\">Decision on {reference}</dd>", preview.Html, StringComparison.Ordinal);
        Assert.Contains("Women in approved premises are a gap, and both inspectorates have the days.", preview.Html, StringComparison.Ordinal);
        Assert.Contains($"/programmes/2021-23/workstreams/approved-premises-and-women-{reference.ToLowerInvariant()}", preview.Html, StringComparison.Ordinal);
        Assert.Contains("once every inspectorate taking part has agreed", preview.Html, StringComparison.Ordinal);
        // The respondent's own link is theirs alone: staff see where it goes, not its secret.
        Assert.Contains("/submissions/their-own-secret-link", preview.Html, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), Footprint(id));

        var recorded = await justin.SubmitAsync(preview, preview.FindForm("data-decision-confirm")!, null, ("confirm", "yes"));

        Assert.Contains("awaiting the agreement of the other inspectorates", recorded.Html, StringComparison.Ordinal);
        Assert.Equal((1L, 1L, 0L), Footprint(id));
        Assert.Equal(("awaiting", "awaiting-agreement"), Agreement(id));
        var provisional = await ProvisionalAsync("hmi-prisons");
        Assert.True(provisional >= 30, $"HMI Prisons' 30 days are held as provisional ({provisional})");

        using var charlie = await Portal.SignedInAsync(Staff.PrisonsChiefInspector, $"/triage/{reference}/decide");
        var toAnswer = await charlie.GetAsync($"/triage/{reference}/decide");
        Assert.Contains("Does HMI Prisons agree to this decision?", toAnswer.Html, StringComparison.Ordinal);
        Assert.Matches(@"data-party=""hmi-probation"">\s*<dt[^>]*>HMI Probation \(lead\)</dt>\s*<dd[^>]*>\s*<span data-field=""response"">Proposed and agreed by " + Staff.ProbationChiefInspector, toAnswer.Html);

        var agreed = await charlie.SubmitAsync(toAnswer, toAnswer.FindForm("data-agreement-form")!, null, ("response", "agree"));

        Assert.Equal($"/triage/{reference}/decide", agreed.Address.AbsolutePath);
        Assert.Contains("Your agreement has been recorded. The decision is now: agreed.", agreed.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-agreement-form", agreed.Html, StringComparison.Ordinal);
        Assert.Equal(("agreed", "accepted"), Agreement(id));
        Assert.Equal((1L, 1L, 1L), Footprint(id));
        Assert.Equal(provisional - 30, await ProvisionalAsync("hmi-prisons"));
        var sent = await fixture.Mailbox.WaitForAsync(m => m.To == email && m.Subject == $"Decision on {reference}", TestPatience.SafetyNet);
        Assert.Contains("Women in approved premises are a gap", sent.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("their-own-secret-link", sent.TextBody, StringComparison.Ordinal);

        var history = await charlie.GetAsync($"/triage/{reference}");
        Assert.Contains("Agreed for HMI Prisons", history.Html, StringComparison.Ordinal);
        Assert.Contains("Outcome emailed to the respondent (decision version 1)", history.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_objection_needs_reasons_frees_the_days_and_a_revised_proposal_asks_again()
    {
        var (id, reference, _) = await AssessedSuggestionAsync("objection");
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        await justin.RecordAsync(await justin.GetAsync($"/triage/{reference}/decide"), Accept());
        var provisional = await ProvisionalAsync("hmi-prisons");
        using var charlie = await Portal.SignedInAsync(Staff.PrisonsChiefInspector, $"/triage/{reference}/decide");
        var page = await charlie.GetAsync($"/triage/{reference}/decide");

        var refused = await charlie.SubmitAsync(page, page.FindForm("data-agreement-form")!, null, ("response", "object"), ("reasons", "  "));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<a href=\"#reasons\">Give the reasons for the objection: the lead and the secretariat will read them</a>", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"response-object\"[^>]*checked", refused.Html);
        Assert.Equal(("awaiting", "awaiting-agreement"), Agreement(id));

        var objected = await charlie.SubmitAsync(refused, refused.FindForm("data-agreement-form")!, null,
            ("response", "object"), ("reasons", "HMI Prisons has no inspectors free for it that year."));

        Assert.Contains("Your objection has been recorded.", objected.Html, StringComparison.Ordinal);
        Assert.Equal(("objected", "objected"), Agreement(id));
        Assert.Equal(provisional - 30, await ProvisionalAsync("hmi-prisons"));
        var lead = await justin.GetAsync($"/triage/{reference}/decide");
        Assert.Contains("HMI Prisons has no inspectors free for it that year.", lead.Html, StringComparison.Ordinal);
        Assert.Contains("Objection raised", lead.Html, StringComparison.Ordinal);
        Assert.Equal(0L, OutcomeEmails(id));

        // The lead proposes again, changed: HMI Prisons is asked afresh, and its days are held again.
        await justin.RecordAsync(lead, Accept("Approved premises and women, later"));
        Assert.Equal(("awaiting", "awaiting-agreement"), Agreement(id));
        Assert.Equal(provisional, await ProvisionalAsync("hmi-prisons"));
        var again = await charlie.GetAsync($"/triage/{reference}/decide");
        Assert.Matches(@"data-party=""hmi-prisons"">\s*<dt[^>]*>HMI Prisons</dt>\s*<dd[^>]*>\s*<span data-field=""response"">Not answered yet", again.Html);
        await charlie.SubmitAsync(again, again.FindForm("data-agreement-form")!, null, ("response", "agree"));
        Assert.Equal(("agreed", "accepted"), Agreement(id));
        Assert.Equal(1L, OutcomeEmails(id));
    }

    [Fact]
    public async Task Only_a_party_still_to_answer_may_answer_and_only_for_the_version_they_read()
    {
        var (id, reference, _) = await AssessedSuggestionAsync("parties");
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        await justin.RecordAsync(await justin.GetAsync($"/triage/{reference}/decide"), Accept());

        // HMCPSI takes no part: no form is offered, and one sent anyway is refused, naming who may answer.
        using var andrew = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector, $"/triage/{reference}/decide");
        var outsider = await andrew.GetAsync($"/triage/{reference}/decide");
        Assert.DoesNotContain("data-agreement-form", outsider.Html, StringComparison.Ordinal);
        var notAParty = await andrew.SubmitAsync(outsider, new HtmlForm("?handler=Agreement", outsider.FindForm("data-decision-form")!.HiddenFields), null,
            ("agreement-version", "1"), ("response", "agree"));
        Assert.Contains("Only the chief inspectors of the inspectorates taking part can answer (HMI Probation, HMI Prisons), and yours is not one of them", WebUtility.HtmlDecode(notAParty.Html), StringComparison.Ordinal);

        // HMI Probation agreed by proposing.
        var lead = await justin.GetAsync($"/triage/{reference}/decide");
        var twice = await justin.SubmitAsync(lead, new HtmlForm("?handler=Agreement", lead.FindForm("data-decision-form")!.HiddenFields), null,
            ("agreement-version", "1"), ("response", "agree"));
        Assert.Contains("HMI Probation has already agreed", twice.Html, StringComparison.Ordinal);

        // An answer to a version that is not the current one is refused: the proposal may have changed under it.
        using var charlie = await Portal.SignedInAsync(Staff.PrisonsChiefInspector, $"/triage/{reference}/decide");
        var page = await charlie.GetAsync($"/triage/{reference}/decide");
        var stale = await charlie.SubmitAsync(page, page.FindForm("data-agreement-form")!, null, ("agreement-version", "7"), ("response", "agree"));
        Assert.Contains("The decision changed while you were reading it.", stale.Html, StringComparison.Ordinal);

        Assert.Equal(("awaiting", "awaiting-agreement"), Agreement(id));
        using var connection = Portal.OpenDatabase();
        Assert.Equal(0L, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action IN ('decision.agree', 'decision.object') AND subject = @subject", new { subject = $"submission:{reference}" }));
    }

    [Fact]
    public async Task The_meeting_is_kept_for_staff_and_a_date_that_is_not_one_comes_back_as_typed()
    {
        var (id, reference, email) = await AssessedSuggestionAsync("meeting");
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        (string, string)[] decline = [("outcome", "decline"), ("rationale", "Covered by the existing work on resettlement.")];

        var refused = await justin.RecordAsync(await justin.GetAsync($"/triage/{reference}/decide"),
            [.. decline, ("meetingOn-day", "31"), ("meetingOn-month", "2"), ("meetingOn-year", "2027"), ("meetingAttendees", "The four chief inspectors")]);

        Assert.Contains("<a href=\"#meetingOn\">The date of the meeting must be a real date, with a four-digit year</a>", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"meetingOn\"[^>]*value=\"31\"", refused.Html);
        Assert.Contains(">The four chief inspectors</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), Footprint(id));

        var recorded = await justin.RecordAsync(refused, [.. decline, ("meetingOn-day", "3"), ("meetingOn-month", "3"), ("meetingOn-year", "2027"), ("meetingAttendees", "The four chief inspectors")]);

        // This round sends each outcome as soon as it is final, and a decline needs no one else: the banner says it went.
        Assert.Contains("The respondent will be emailed the outcome and your reasons.", recorded.Html, StringComparison.Ordinal);
        Assert.Contains("&email=sent", recorded.Address.Query, StringComparison.Ordinal);

        using (var connection = Portal.OpenDatabase())
        {
            Assert.Equal(("2027-03-03", "The four chief inspectors"), connection.QuerySingle<(string, string)>(
                "SELECT meeting_on, meeting_attendees FROM decision WHERE submission_id = @id", new { id }));
        }

        var page = await justin.GetAsync($"/triage/{reference}/decide");
        Assert.Contains("3 March 2027", page.Html, StringComparison.Ordinal);
        var sent = await fixture.Mailbox.WaitForAsync(m => m.To == email && m.Subject == $"Decision on {reference}", TestPatience.SafetyNet);
        Assert.DoesNotContain("The four chief inspectors", sent.TextBody, StringComparison.Ordinal);
    }

    private async Task<(long Id, string Reference, string Email)> AssessedSuggestionAsync(string word)
    {
        var email = $"agreement-{word}@example.org";
        using var client = Portal.CreateClient();
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion($"Women leaving prison ({word})", email: email));
        Assert.True(SubmissionReference.TryParse(created.Reference, out var id));
        var days = new Dictionary<string, int> { ["hmi-probation"] = 20, ["hmi-prisons"] = 30 };
        var store = Portal.Services.GetRequiredService<AssessmentStore>();
        await store.SaveAsync(id, $"submission:{created.Reference}", new AssessmentInput(3, 4, "2022-23", days, null), 0, Staff.Secretariat, CancellationToken.None);
        return (id, created.Reference, email);
    }

    private async Task<int> ProvisionalAsync(string inspectorate) =>
        (await Portal.Services.GetRequiredService<AssessmentStore>().CapacityAsync("2022-23", 0, CancellationToken.None)).Provisional.GetValueOrDefault(inspectorate);

    /// <summary>Decisions, live proposed workstreams and outcome emails written for the submission.</summary>
    private (long Decisions, long Workstreams, long Emails) Footprint(long id)
    {
        using var connection = Portal.OpenDatabase();
        return connection.QuerySingle<(long, long, long)>(
            """
            SELECT (SELECT count(*) FROM decision WHERE submission_id = @id),
                   (SELECT count(*) FROM workstream WHERE origin_submission_id = @id AND withdrawn_at IS NULL),
                   (SELECT count(*) FROM outbox_message WHERE purpose = 'outcome' AND submission_id = @id)
            """,
            new { id });
    }

    private long OutcomeEmails(long id) => Footprint(id).Emails;

    private (string? Agreement, string Status) Agreement(long id)
    {
        using var connection = Portal.OpenDatabase();
        return connection.QuerySingle<(string?, string)>(
            """
            SELECT (SELECT agreement FROM decision WHERE submission_id = @id ORDER BY version DESC LIMIT 1), status
              FROM submission WHERE id = @id
            """,
            new { id });
    }
}
