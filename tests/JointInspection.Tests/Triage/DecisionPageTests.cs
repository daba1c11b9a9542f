using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

/// <summary>The chief inspectors' decision page after a real sign-in: accepting, refusing bad input, two deciding at once, and who may.</summary>
public sealed class DecisionPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{

    private static readonly (string, string)[] Accept =
    [
        ("outcome", "accept"),
        ("rationale", "It fills a gap in the programme."),
        ("workstream-title", "Girls in youth custody"),
        ("workstream-summary", "How girls are held and cared for."),
        ("workstream-lead", "hmi-prisons"),
        ("workstream-supporting", "hmi-probation"),
        ("workstream-supporting", "hmi-prisons"),
        ("workstream-partners", "ofsted"),
        ("workstream-areasOfFocus", "custodial-conditions"),
        ("workstream-areasOfFocus", "management-under-supervision"),
        ("workstream-programmeYear", "2022-23"),
        ("workstream-kind", "scoping-study"),
    ];

    [Fact]
    public async Task The_form_starts_from_the_suggestion_and_its_assessment()
    {
        var (_, reference) = await AssessedSuggestionAsync();
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");

        var page = await browser.GetAsync($"/triage/{reference}/decide");

        Assert.Contains("<h1 class=\"govuk-heading-xl\">Record the decision on " + reference + "</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Girls held far from home\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(">Where girls in custody are held.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"workstream-lead-hmi-prisons\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-areasOfFocus-custodial-conditions\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-programmeYear-2022-23\"[^>]*checked", page.Html);
        Assert.Contains("data-field=\"risk\">12 (High)</dd>", page.Html, StringComparison.Ordinal);
        Assert.Contains("<caption class=\"govuk-table__caption govuk-table__caption--s\">Capacity in 2022–23 (inspector-days)</caption>", Decoded(page), StringComparison.Ordinal);
        // Available and committed depend on what other tests accepted; this suggestion's own days are the fourth column.
        Assert.Matches(@"data-inspectorate=""hmi-prisons"">\s*<th[^>]*>HMI Prisons</th>\s*<td[^>]*>520</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>30</td>", page.Html);
        // Probation was assessed at 20 days but does not take part in the workstream as the form starts, so none are drawn.
        Assert.Matches(@"data-inspectorate=""hmi-probation"">\s*<th[^>]*>[^<]+</th>\s*<td[^>]*>\d+</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>0</td>", page.Html);
        Assert.Equal("0", page.FindForm("data-decision-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
    }

    [Fact]
    public async Task Accepting_through_the_form_creates_the_proposed_workstream_and_records_the_decision()
    {
        var (id, reference) = await AssessedSuggestionAsync();
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");

        var saved = await DecideAsync(browser, reference, Accept);

        // Saving goes on to the next submission waiting for a decision (or the queue), with a banner naming this one.
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.NotEqual($"/triage/{reference}/decide", saved.Address.AbsolutePath);
        Assert.Equal($"?decided={reference}&email=awaiting", saved.Address.Query);
        Assert.Contains($"Decision recorded on <a class=\"govuk-notification-banner__link\" href=\"/triage/{reference}\">{reference}</a>", saved.Html, StringComparison.Ordinal);
        var revisit = await browser.GetAsync($"/triage/{reference}/decide");
        Assert.Contains("It is now a proposed workstream in the draft programme: “Girls in youth custody”.", Decoded(revisit), StringComparison.Ordinal);
        Assert.Contains($"Revise the decision on {reference}", revisit.Html, StringComparison.Ordinal);
        Assert.Equal("1", revisit.FindForm("data-decision-form")!.HiddenFields.Single(f => f.Key == "Version").Value);

        // HMI Probation proposed it and HMI Prisons leads it: final, and emailed, once HMI Prisons agrees.
        await Agreements.AgreeAllAsync(portal, id);
        using var connection = portal.OpenDatabase();
        var workstream = connection.QuerySingle<(long Id, string Slug, string Title, string Summary, string Section, string Status, string Kind, string Year)>(
            "SELECT id, slug, title, summary, section, status, kind, programme_year FROM workstream WHERE origin_submission_id = @id", new { id });
        Assert.Equal(("Girls in youth custody", "How girls are held and cared for.", "proposed", "proposed", "scoping-study", "2022-23"),
            (workstream.Title, workstream.Summary, workstream.Section, workstream.Status, workstream.Kind, workstream.Year));
        Assert.Equal($"girls-in-youth-custody-{reference.ToLowerInvariant()}", workstream.Slug);
        var participants = connection.Query<(string, string)>(
            "SELECT inspectorate_code, role FROM workstream_participant WHERE workstream_id = @Id ORDER BY 1", new { workstream.Id });
        Assert.Equal([("hmi-prisons", "lead"), ("hmi-probation", "supporting"), ("ofsted", "supporting")], participants);
        var areas = connection.Query<string>("SELECT area_of_focus_code FROM workstream_area_of_focus WHERE workstream_id = @Id ORDER BY 1", new { workstream.Id });
        Assert.Equal(["custodial-conditions", "management-under-supervision"], areas);
        var days = connection.Query<(string, long)>("SELECT inspectorate_code, days FROM workstream_days WHERE workstream_id = @Id ORDER BY 1", new { workstream.Id });
        Assert.Equal([("hmi-prisons", 30L), ("hmi-probation", 20L)], days);

        var decision = connection.QuerySingle<(long Revision, string Outcome, string Rationale, long WorkstreamId, string By)>(
            "SELECT version, outcome, rationale, workstream_id, decided_by FROM decision WHERE submission_id = @id", new { id });
        Assert.Equal((1L, "accept", "It fills a gap in the programme.", workstream.Id, Staff.ProbationChiefInspector), decision);
        Assert.Equal("accepted", connection.ExecuteScalar<string>("SELECT status FROM submission WHERE id = @id", new { id }));
        var email = connection.QuerySingle<(string To, string Subject)>(
            "SELECT to_address, subject FROM outbox_message WHERE purpose = 'outcome' AND submission_id = @id", new { id });
        Assert.Equal(("pat@example.org", $"Decision on {reference}"), email);
    }

    [Theory]
    [InlineData("rationale", "#rationale", "Give the reasons for the decision: the respondent will read them")]
    [InlineData("workstream-lead", "#workstream-lead", "Select the inspectorate that would lead the proposed workstream")]
    [InlineData("workstream-kind", "#workstream-kind", "Select whether it is a full inspection or a scoping study")]
    public async Task A_missing_answer_gets_an_error_naming_the_field_keeps_what_was_typed_and_writes_nothing(string field, string href, string message)
    {
        var (id, reference) = await AssessedSuggestionAsync();
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");

        var page = await DecideAsync(browser, reference, [.. Accept.Where(f => f.Item1 != field)]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<title>Error: ", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"{href}\">{message}</a></li>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{href[1..]}-error\"", page.Html, StringComparison.Ordinal);
        Assert.Matches($"<[a-z]+ [^>]*id=\"{href[1..]}\"", page.Html);
        Assert.Contains("value=\"Girls in youth custody\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(">How girls are held and cared for.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-partners-ofsted\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-areasOfFocus-management-under-supervision\"[^>]*checked", page.Html);
        if (field != "rationale")
        {
            Assert.Contains(">It fills a gap in the programme.</textarea>", page.Html, StringComparison.Ordinal);
        }

        if (field != "workstream-lead")
        {
            Assert.Matches("id=\"workstream-lead-hmi-prisons\"[^>]*checked", page.Html);
        }

        // The capacity table follows the form as sent: probation now takes part, so its 20 assessed days count.
        Assert.Matches(@"data-inspectorate=""hmi-probation"">\s*<th[^>]*>[^<]+</th>\s*<td[^>]*>\d+</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>\d+</td>\s*<td[^>]*>20</td>", page.Html);
        AssertNothingDecided(id);
    }

    [Fact]
    public async Task Accepting_a_suggestion_nobody_has_assessed_is_refused_with_a_link_to_assess_it()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), Suggestion());
        var reference = SubmissionReference.Format(id);
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");

        var page = await DecideAsync(browser, reference, Accept);

        Assert.Contains("Not assessed yet.", page.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/assess\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#outcome\">Assess the suggestion", page.Html, StringComparison.Ordinal);
        AssertNothingDecided(id);
    }

    [Fact]
    public async Task When_two_chief_inspectors_decide_the_same_version_the_second_sees_the_first_and_overwrites_nothing()
    {
        var (id, reference) = await AssessedSuggestionAsync();
        using var first = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        using var second = await portal.SignedInAsync(Staff.ProsecutionChiefInspector, $"/triage/{reference}/decide");
        var firstPage = await first.GetAsync($"/triage/{reference}/decide");
        var secondPage = await second.GetAsync($"/triage/{reference}/decide");
        (string, string)[] decline = [("outcome", "decline"), ("rationale", "Already covered by the youth custody work.")];

        await first.RecordAsync(firstPage, Accept);
        var refused = await second.RecordAsync(secondPage, decline);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("data-field=\"conflict\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"{Staff.ProbationChiefInspector} recorded a decision at", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Their decision: Accepted. It is now a proposed workstream in the draft programme: “Girls in youth custody”.", Decoded(refused), StringComparison.Ordinal);
        Assert.Contains("Their reasons: It fills a gap in the programme.", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome-decline\"[^>]*checked", refused.Html);
        Assert.Contains(">Already covered by the youth custody work.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("1", refused.FindForm("data-decision-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
        using (var connection = portal.OpenDatabase())
        {
            var stored = connection.QuerySingle<(long Revision, string Outcome, string By)>(
                "SELECT version, outcome, decided_by FROM decision WHERE submission_id = @id", new { id });
            Assert.Equal((1L, "accept", Staff.ProbationChiefInspector), stored);
            // A proposal: HMI Prisons leads the workstream and has not agreed yet.
            Assert.Equal("awaiting-agreement", connection.ExecuteScalar<string>("SELECT status FROM submission WHERE id = @id", new { id }));
        }

        // Sending again, now against the first decision, revises it; the earlier one stays in the history.
        var saved = await second.RecordAsync(refused, decline);
        Assert.Contains($"Decision recorded on <a class=\"govuk-notification-banner__link\" href=\"/triage/{reference}\">", saved.Html, StringComparison.Ordinal);
        var revised = await second.GetAsync($"/triage/{reference}/decide");
        Assert.Contains("Declined. It will not be added to the programme.", revised.Html, StringComparison.Ordinal);
        Assert.Contains("Earlier decisions", revised.Html, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            var revisions = connection.Query<(long, string, string)>(
                "SELECT version, outcome, decided_by FROM decision WHERE submission_id = @id ORDER BY version", new { id });
            Assert.Equal([(1L, "accept", Staff.ProbationChiefInspector), (2L, "decline", Staff.ProsecutionChiefInspector)], revisions);
            Assert.NotNull(connection.ExecuteScalar<string>("SELECT withdrawn_at FROM workstream WHERE origin_submission_id = @id", new { id }));
        }
    }

    [Fact]
    public async Task A_revision_starts_from_the_current_decision()
    {
        var (_, reference) = await AssessedSuggestionAsync();
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/decide");
        await DecideAsync(browser, reference, Accept);

        var page = await browser.GetAsync($"/triage/{reference}/decide");

        Assert.Matches("id=\"outcome\"[^>]*checked", page.Html);
        Assert.Contains(">It fills a gap in the programme.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Girls in youth custody\"", page.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"workstream-kind-scoping-study\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-partners-ofsted\"[^>]*checked", page.Html);
        Assert.DoesNotMatch("id=\"workstream-supporting-hmi-prisons\"[^>]*checked", page.Html);
    }

    [Fact]
    public async Task A_secretariat_officer_may_assess_but_not_decide()
    {
        var (_, reference) = await AssessedSuggestionAsync();
        using var secretariat = portal.NewBrowser();
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}/assess");

        var denied = await secretariat.AsDemoPersonAsync("staff", Staff.Secretariat, $"/triage/{reference}/decide");
        var assessment = await secretariat.GetAsync($"/triage/{reference}/assess");
        var chiefsAssessment = await chief.GetAsync($"/triage/{reference}/assess");

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("/account/access-denied", denied.Address.AbsolutePath);
        Assert.Contains("You do not have access", denied.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, assessment.Status);
        Assert.DoesNotContain($"href=\"/triage/{reference}/decide\"", assessment.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/decide\" data-field=\"decide\">Record the decision</a>", chiefsAssessment.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_reference_is_not_found()
    {
        using var browser = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/triage/JI-999999/decide")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/triage/nonsense/decide")).Status);
    }

    private static SubmissionRow Suggestion() => new(
        "Where girls in custody are held.",
        Title: "Girls held far from home",
        Lead: "hmi-prisons",
        Areas: ["custodial-conditions"],
        Inspectorates: ["hmi-prisons", "ofsted"]);

    /// <summary>A suggestion assessed through the assessment page: risk 3 × 4, 30 days from HMI Prisons and 20 from HMI Probation in 2022–23.</summary>
    private async Task<(long Id, string Reference)> AssessedSuggestionAsync()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), Suggestion());
        var reference = SubmissionReference.Format(id);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/assess");
        var form = await browser.GetAsync($"/triage/{reference}/assess");
        var saved = await browser.SubmitAsync(form, form.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmi-prisons", "30"), ("days-hmi-probation", "20"));
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
        return (id, reference);
    }

    private static async Task<WebPage> DecideAsync(TestBrowser browser, string reference, (string, string)[] fields)
    {
        var page = await browser.GetAsync($"/triage/{reference}/decide");
        return await browser.RecordAsync(page, fields);
    }

    private void AssertNothingDecided(long id)
    {
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM decision WHERE submission_id = @id", new { id }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream WHERE origin_submission_id = @id", new { id }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE purpose = 'outcome' AND submission_id = @id", new { id }));
        Assert.NotEqual("accepted", connection.ExecuteScalar<string>("SELECT status FROM submission WHERE id = @id", new { id }));
    }

    /// <summary>The page with its character references decoded: Razor writes “ and – as &amp;#x201C; and &amp;#x2013;.</summary>
    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(page.Html);

}
