using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The secretariat's recommendation after a real sign-in: recommending through the page, mistakes and someone else saving
/// first, the queue and the submission page showing it, a chief inspector's decision form starting from it and taking
/// it, and rejecting it with a reason. No recommendation ever queues an email.
/// </summary>
public sealed partial class RecommendationPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Rationale = "It fills a gap in the programme.";

    private static readonly (string, string)[] Accept =
    [
        ("outcome", "accept"),
        ("rationale", Rationale),
        ("workstream-title", "Girls in youth custody"),
        ("workstream-summary", "How girls are held and cared for."),
        ("workstream-lead", "hmi-prisons"),
        ("workstream-supporting", "hmi-probation"),
        ("workstream-partners", "ofsted"),
        ("workstream-areasOfFocus", "custodial-conditions"),
        ("workstream-programmeYear", "2022-23"),
        ("workstream-kind", "scoping-study"),
    ];

    [Fact]
    public async Task The_secretariat_recommends_through_the_page_and_it_is_stored_audited_and_shown_without_an_email()
    {
        var (id, reference) = Suggestion("Girls held far from home");
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");
        var emailsBefore = OutboxCount();

        var submissionPage = await secretariat.GetAsync($"/triage/{reference}");
        var form = await secretariat.GetAsync($"/triage/{reference}/recommend");
        var saved = await secretariat.SubmitAsync(form, form.FindForm("data-recommendation-form")!, null, Accept);

        // The submission page offers the secretariat the way in.
        Assert.Contains($"href=\"/triage/{reference}/recommend\" data-field=\"recommend\">Recommend a decision</a>", submissionPage.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommendation\">No recommendation yet.</p>", submissionPage.Html, StringComparison.Ordinal);

        // The form started from the suggestion, as the decision form does.
        Assert.Contains($"<h1 class=\"govuk-heading-xl\">Recommend a decision on {reference}</h1>", form.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"Girls held far from home\"", form.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"workstream-lead-hmi-prisons\"[^>]*checked", form.Html);
        Assert.Equal("0", form.FindForm("data-recommendation-form")!.HiddenFields.Single(f => f.Key == "Version").Value);

        // Saving goes back to the submission page, which says so once and shows the recommendation to every member of staff.
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal($"/triage/{reference}", saved.Address.AbsolutePath);
        Assert.Contains("data-field=\"done\">Recommendation saved: accept.", saved.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommended-outcome\">Accept, as the proposed workstream “Girls in youth custody”</dd>", Decoded(saved), StringComparison.Ordinal);
        Assert.Contains($"data-field=\"recommended-rationale\">{Rationale}</dd>", saved.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommended-by\">Priya Shah at ", saved.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommendation-status\">Open: waiting for a chief inspector</dd>", saved.Html, StringComparison.Ordinal);
        Assert.Contains("Recommended: accept", Timeline.Of(saved).Select(e => e.What));
        Assert.Contains($"href=\"/triage/{reference}/recommend\" data-field=\"recommend\">Change the recommendation</a>", saved.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"reject-recommendation\"", saved.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"done\"", (await secretariat.GetAsync($"/triage/{reference}")).Html, StringComparison.Ordinal);

        using var connection = portal.OpenDatabase();
        var stored = connection.QuerySingle<(long Version, string Outcome, string Rationale, string Status, string By, string Workstream)>(
            "SELECT version, outcome, rationale, status, recommended_by, workstream FROM recommendation WHERE submission_id = @id",
            new { id });
        var workstream = JsonDocument.Parse(stored.Workstream).RootElement;
        Assert.Equal(
            (1L, "accept", Rationale, "open", Staff.Secretariat, "Girls in youth custody", "scoping-study", "hmi-prisons"),
            (stored.Version, stored.Outcome, stored.Rationale, stored.Status, stored.By,
                workstream.GetProperty("Title").GetString(), workstream.GetProperty("Kind").GetString(), workstream.GetProperty("Lead").GetString()));
        var audit = connection.QuerySingle<(string Actor, string? Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'recommendation.save' AND subject = @subject", new { subject = $"submission:{reference}" });
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Null(audit.Before);
        Assert.Contains(Rationale, audit.After, StringComparison.Ordinal);
        // A draft: no email, no decision, and the submission's status is as it was.
        Assert.Equal(emailsBefore, OutboxCount());
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM decision WHERE submission_id = @id", new { id }));
        Assert.Equal("received", connection.ExecuteScalar<string>("SELECT status FROM submission WHERE id = @id", new { id }));
    }

    [Theory]
    [InlineData("outcome", "#outcome", "Select a decision for this suggestion: accept, merge, defer or decline")]
    [InlineData("rationale", "#rationale", "Give the reasons for the decision: the respondent will read them")]
    [InlineData("workstream-lead", "#workstream-lead", "Select the inspectorate that would lead the proposed workstream")]
    [InlineData("workstream-kind", "#workstream-kind", "Select whether it is a full inspection or a scoping study")]
    public async Task A_mistake_gets_an_error_naming_the_field_keeps_what_was_typed_and_saves_nothing(string field, string href, string message)
    {
        var (id, reference) = Suggestion();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/recommend");

        var page = await RecommendAsync(secretariat, reference, [.. Accept.Where(f => f.Item1 != field)]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"/triage/{reference}/recommend", page.Address.AbsolutePath);
        Assert.Contains("<title>Error: ", page.Html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"{href}\">{message}</a></li>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{href[1..]}-error\"", page.Html, StringComparison.Ordinal);
        Assert.Matches($"<[a-z]+ [^>]*id=\"{href[1..]}\"", page.Html);
        Assert.Contains("value=\"Girls in youth custody\"", page.Html, StringComparison.Ordinal);
        Assert.Contains(">How girls are held and cared for.</textarea>", page.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"workstream-partners-ofsted\"[^>]*checked", page.Html);
        Assert.Matches("id=\"workstream-programmeYear-2022-23\"[^>]*checked", page.Html);
        Assert.Equal(field != "outcome", Regex.IsMatch(page.Html, "id=\"outcome\"[^>]*checked"));
        Assert.Equal(field != "rationale", page.Html.Contains($">{Rationale}</textarea>", StringComparison.Ordinal));
        Assert.Equal(field != "workstream-lead", Regex.IsMatch(page.Html, "id=\"workstream-lead-hmi-prisons\"[^>]*checked"));
        AssertNoRecommendation(id);
    }

    [Fact]
    public async Task Saving_over_a_recommendation_someone_else_saved_first_shows_theirs_keeps_yours_and_saves_nothing()
    {
        var (id, reference) = Suggestion();
        using var first = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/recommend");
        using var second = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/recommend");
        var firstForm = await first.GetAsync($"/triage/{reference}/recommend");
        var secondForm = await second.GetAsync($"/triage/{reference}/recommend");
        (string, string)[] decline = [("outcome", "decline"), ("rationale", "Already covered by the youth custody work.")];

        await first.SubmitAsync(firstForm, firstForm.FindForm("data-recommendation-form")!, null, Accept);
        var refused = await second.SubmitAsync(secondForm, secondForm.FindForm("data-recommendation-form")!, null, decline);

        Assert.Equal($"/triage/{reference}/recommend", refused.Address.AbsolutePath);
        Assert.Contains("data-field=\"conflict\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Priya Shah saved a recommendation at", refused.Html, StringComparison.Ordinal);
        Assert.Contains("Their recommendation: Accept, as the proposed workstream “Girls in youth custody”", Decoded(refused), StringComparison.Ordinal);
        Assert.Matches("id=\"outcome-decline\"[^>]*checked", refused.Html);
        Assert.Contains(">Already covered by the youth custody work.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("1", refused.FindForm("data-recommendation-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal([(1L, "accept")], connection.Query<(long, string)>("SELECT version, outcome FROM recommendation WHERE submission_id = @id", new { id }));
        }

        // Saving again, now against theirs, replaces it as the next version; theirs is kept.
        var saved = await second.SubmitAsync(refused, refused.FindForm("data-recommendation-form")!, null, decline);
        Assert.Contains("data-field=\"done\">Recommendation saved: decline.", saved.Html, StringComparison.Ordinal);
        Assert.Contains("Recommendation changed: decline", Timeline.Of(saved).Select(e => e.What));
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(
                [(1L, "accept", "open"), (2L, "decline", "open")],
                connection.Query<(long, string, string)>("SELECT version, outcome, status FROM recommendation WHERE submission_id = @id ORDER BY version", new { id }));
        }

        // Changing it starts from the one in force.
        var change = await second.GetAsync($"/triage/{reference}/recommend");
        Assert.Contains($"Change the recommendation on {reference}", change.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome-decline\"[^>]*checked", change.Html);
        Assert.Equal("2", change.FindForm("data-recommendation-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
    }

    [Fact]
    public async Task The_decision_form_starts_from_an_open_recommendation_and_recording_it_marks_the_recommendation_taken()
    {
        var (id, reference) = await AssessedSuggestionAsync();
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}"))
        {
            await RecommendAsync(secretariat, reference, Accept);
        }

        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");
        var submissionPage = await chief.GetAsync($"/triage/{reference}");
        var form = await chief.GetAsync($"/triage/{reference}/decide");

        // The chief inspector sees it on the submission page, with the ways to take or reject it, and no way to recommend.
        Assert.Contains("data-field=\"recommended-outcome\">Accept, as the proposed workstream “Girls in youth custody”</dd>", Decoded(submissionPage), StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/recommendation/reject\" data-field=\"reject-recommendation\"", submissionPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"recommend\"", submissionPage.Html, StringComparison.Ordinal);
        Assert.Contains(
            "This form starts from the secretariat's recommendation: Accept, as the proposed workstream “Girls in youth custody”, by Priya Shah at ",
            Decoded(form), StringComparison.Ordinal);
        Assert.Contains("To take it, continue with the form as it stands and record the decision. To change it, edit anything below first.", form.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/recommendation/reject\" data-field=\"reject-recommendation\"", form.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome\"[^>]*checked", form.Html);
        Assert.Contains("value=\"Girls in youth custody\"", form.Html, StringComparison.Ordinal);
        Assert.Contains($">{Rationale}</textarea>", form.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"workstream-kind-scoping-study\"[^>]*checked", form.Html);
        Assert.Matches("id=\"workstream-supporting-hmi-probation\"[^>]*checked", form.Html);
        Assert.Equal("1", form.FindForm("data-decision-form")!.HiddenFields.Single(f => f.Key == "recommendation").Value);

        // Taking it as it stands: the form sent as the page filled it in.
        var preview = await chief.PostFormAsync($"/triage/{reference}/decide", FormValues(form, "data-decision-form"));
        // The preview carries where the form started from on to the button that records it, and nothing is written before.
        Assert.Contains(preview.FindForm("data-decision-confirm")!.HiddenFields, f => f.Key == "recommendation" && f.Value == "1");
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal("open", connection.ExecuteScalar<string>("SELECT status FROM recommendation WHERE submission_id = @id", new { id }));
        }

        var decided = await chief.SubmitAsync(preview, preview.FindForm("data-decision-confirm")!, null, ("confirm", "yes"));

        Assert.StartsWith($"?decided={reference}&", decided.Address.Query, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            var decision = connection.QuerySingle<(long Version, string Outcome, string Rationale, string Title)>(
                "SELECT version, outcome, rationale, workstream_title FROM decision WHERE submission_id = @id", new { id });
            Assert.Equal((1L, "accept", Rationale, "Girls in youth custody"), decision);
            var recommendation = connection.QuerySingle<(string Status, long? Decision, string? By)>(
                "SELECT status, taken_in_decision, closed_by FROM recommendation WHERE submission_id = @id", new { id });
            Assert.Equal(("taken", 1L, Staff.ProbationChiefInspector), recommendation);
            Assert.Equal(1, connection.ExecuteScalar<long>(
                "SELECT count(*) FROM audit_log WHERE action = 'recommendation.take' AND subject = @subject", new { subject = $"submission:{reference}" }));
        }

        var submission = await chief.GetAsync($"/triage/{reference}");
        Assert.Contains("data-field=\"recommendation-status\">Taken: Justin Russell recorded a decision starting from it at ", submission.Html, StringComparison.Ordinal);
        Assert.Contains("Recommendation taken: accept", Timeline.Of(submission).Select(e => e.What));
        Assert.Contains("Recommended: accept", Timeline.Of(submission).Select(e => e.What));
        Assert.DoesNotContain("data-field=\"reject-recommendation\"", submission.Html, StringComparison.Ordinal);
        // A revision starts from the decision, not from a recommendation already taken.
        var revision = await chief.GetAsync($"/triage/{reference}/decide");
        Assert.DoesNotContain("data-field=\"started-from-recommendation\"", revision.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decision_form_that_changes_the_recommendation_still_takes_it()
    {
        var (id, reference) = Suggestion();
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}"))
        {
            await RecommendAsync(secretariat, reference, [("outcome", "defer"), ("deferTo", "next-programme"), ("rationale", "Better placed in the next programme.")]);
        }

        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");
        var form = await chief.GetAsync($"/triage/{reference}/decide");
        Assert.Matches("id=\"outcome-defer\"[^>]*checked", form.Html);
        Assert.Matches("id=\"deferTo-next-programme\"[^>]*checked", form.Html);
        var decided = await chief.RecordAsync(form, ("outcome", "decline"), ("rationale", "It is outside our remit."));

        Assert.StartsWith($"?decided={reference}&", decided.Address.Query, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal("decline", connection.ExecuteScalar<string>("SELECT outcome FROM decision WHERE submission_id = @id", new { id }));
        Assert.Equal("taken", connection.ExecuteScalar<string>("SELECT status FROM recommendation WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task The_queue_shows_an_open_recommendation_until_a_chief_inspector_rejects_it_with_a_reason()
    {
        const string word = "Quarrendon";
        var (id, reference) = Suggestion($"Remand in {word}");
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}"))
        {
            await RecommendAsync(secretariat, reference, [("outcome", "decline"), ("rationale", "Covered elsewhere.")]);
            // The secretariat reads the recommendation but is offered no way to reject it, and its page is closed to them.
            Assert.DoesNotContain("data-field=\"reject-recommendation\"", (await secretariat.GetAsync($"/triage/{reference}")).Html, StringComparison.Ordinal);
            var denied = await secretariat.GetAsync($"/triage/{reference}/recommendation/reject");
            Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
            Assert.Equal("/account/access-denied", denied.Address.AbsolutePath);
        }

        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage?q={word}");
        var queue = await chief.GetAsync($"/triage?q={word}");
        Assert.Matches($@"data-reference=""{reference}"">(?:(?!</tr>).)*data-field=""recommended"">Recommended: decline</p>", Flat(queue));

        // From the decision form, the link to reject it; the page shows what is rejected.
        var decide = await chief.GetAsync($"/triage/{reference}/decide");
        var page = await chief.GetAsync($"/triage/{reference}/recommendation/reject");
        Assert.Contains($"href=\"/triage/{reference}/recommendation/reject\"", decide.Html, StringComparison.Ordinal);
        Assert.Contains($"<h1 class=\"govuk-heading-xl\">Reject the recommendation on {reference}</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommended-outcome\">Decline</dd>", page.Html, StringComparison.Ordinal);
        Assert.Equal("1", page.FindForm("data-reject-form")!.HiddenFields.Single(f => f.Key == "Version").Value);

        // Rejecting takes a reason; without one, or with one too long, nothing changes, the page says what to do and keeps what was typed.
        var noReason = await chief.SubmitAsync(page, page.FindForm("data-reject-form")!, null, ("rejectionReason", "  "));
        Assert.Equal(HttpStatusCode.OK, noReason.Status);
        Assert.Equal($"/triage/{reference}/recommendation/reject", noReason.Address.AbsolutePath);
        Assert.Contains("<title>Error: ", noReason.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#rejectionReason\">Say why you are rejecting the recommendation: the secretariat will read it</a></li>", noReason.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"rejectionReason-error\"", noReason.Html, StringComparison.Ordinal);
        var tooLong = "We want to look at remand across custody. " + new string('x', 2000);
        var refused = await chief.SubmitAsync(noReason, noReason.FindForm("data-reject-form")!, null, ("rejectionReason", tooLong));
        Assert.Contains("<li><a href=\"#rejectionReason\">The reason must be 2,000 characters or fewer</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Contains($">{tooLong}</textarea>", refused.Html, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal("open", connection.ExecuteScalar<string>("SELECT status FROM recommendation WHERE submission_id = @id", new { id }));
            Assert.Equal(0, connection.ExecuteScalar<long>(
                "SELECT count(*) FROM audit_log WHERE action = 'recommendation.reject' AND subject = @subject", new { subject = $"submission:{reference}" }));
        }

        var rejected = await chief.SubmitAsync(refused, refused.FindForm("data-reject-form")!, null, ("rejectionReason", "We want to look at remand across custody."));

        Assert.Equal($"/triage/{reference}", rejected.Address.AbsolutePath);
        Assert.Contains("data-field=\"done\">Recommendation rejected.", rejected.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommendation-status\">Rejected by Justin Russell at ", rejected.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"rejection-reason\">We want to look at remand across custody.</dd>", rejected.Html, StringComparison.Ordinal);
        Assert.Contains("Recommendation rejected: We want to look at remand across custody.", Timeline.Of(rejected).Select(e => e.What));
        Assert.DoesNotContain("data-field=\"reject-recommendation\"", rejected.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"recommended\"", (await chief.GetAsync($"/triage?q={word}")).Html, StringComparison.Ordinal);
        var decideAfter = await chief.GetAsync($"/triage/{reference}/decide");
        Assert.DoesNotContain("data-field=\"started-from-recommendation\"", decideAfter.Html, StringComparison.Ordinal);
        Assert.DoesNotMatch("id=\"outcome-decline\"[^>]*checked", decideAfter.Html);
        using (var connection = portal.OpenDatabase())
        {
            var stored = connection.QuerySingle<(string Status, string Reason, string By)>(
                "SELECT status, rejection_reason, closed_by FROM recommendation WHERE submission_id = @id", new { id });
            Assert.Equal(("rejected", "We want to look at remand across custody.", Staff.ProbationChiefInspector), stored);
            Assert.Equal(1, connection.ExecuteScalar<long>(
                "SELECT count(*) FROM audit_log WHERE action = 'recommendation.reject' AND subject = @subject", new { subject = $"submission:{reference}" }));
        }

        // The same form sent again finds nothing open to reject: it says so and changes nothing.
        var again = await chief.SubmitAsync(page, page.FindForm("data-reject-form")!, null, ("rejectionReason", "Twice."));
        Assert.Contains("data-field=\"conflict\"", again.Html, StringComparison.Ordinal);
        Assert.Contains("The recommendation is no longer open, so there was nothing to reject.", again.Html, StringComparison.Ordinal);
        Assert.Null(again.FindForm("data-reject-form"));
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal("We want to look at remand across custody.", connection.ExecuteScalar<string>("SELECT rejection_reason FROM recommendation WHERE submission_id = @id", new { id }));
        }
    }

    [Fact]
    public async Task Rejecting_a_recommendation_the_secretariat_changed_meanwhile_shows_the_new_one_keeps_the_reason_and_rejects_nothing()
    {
        var (id, reference) = Suggestion();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");
        await RecommendAsync(secretariat, reference, [("outcome", "decline"), ("rationale", "Covered elsewhere.")]);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");
        var page = await chief.GetAsync($"/triage/{reference}/recommendation/reject");
        await RecommendAsync(secretariat, reference, [("outcome", "defer"), ("deferTo", "next-programme"), ("rationale", "Better in the next programme.")]);

        var refused = await chief.SubmitAsync(page, page.FindForm("data-reject-form")!, null, ("rejectionReason", "Not for us."));

        Assert.Contains("The secretariat changed the recommendation after you read it, so it has not been rejected.", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"recommended-outcome\">Defer to the next joint inspection programme</dd>", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">Not for us.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Equal("2", refused.FindForm("data-reject-form")!.HiddenFields.Single(f => f.Key == "Version").Value);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(["open", "open"], connection.Query<string>("SELECT status FROM recommendation WHERE submission_id = @id ORDER BY version", new { id }));
        }

        // Sent again, having read it, it rejects the one now in force.
        var rejected = await chief.SubmitAsync(refused, refused.FindForm("data-reject-form")!, null, ("rejectionReason", "Not for us."));
        Assert.Contains("data-field=\"done\">Recommendation rejected.", rejected.Html, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(["open", "rejected"], connection.Query<string>("SELECT status FROM recommendation WHERE submission_id = @id ORDER BY version", new { id }));
        }
    }

    [Fact]
    public async Task A_recommendation_saved_after_the_form_was_filled_in_is_pointed_out_and_not_marked_taken()
    {
        var (id, reference) = Suggestion();
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");
        var form = await chief.GetAsync($"/triage/{reference}/decide");
        Assert.DoesNotContain("data-field=\"started-from-recommendation\"", form.Html, StringComparison.Ordinal);
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}"))
        {
            await RecommendAsync(secretariat, reference, [("outcome", "defer"), ("deferTo", "next-programme"), ("rationale", "Better in the next programme.")]);
        }

        // A mistake brings the form back: it says a recommendation arrived since, and carries no version of it.
        var mistake = await chief.SubmitAsync(form, form.FindForm("data-decision-form")!, null, ("outcome", "decline"));
        Assert.Contains("data-field=\"newer-recommendation\"", mistake.Html, StringComparison.Ordinal);
        Assert.Contains("The secretariat saved a recommendation after this form was filled in: Defer to the next joint inspection programme, by Priya Shah at ", mistake.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(mistake.FindForm("data-decision-form")!.HiddenFields, f => f.Key == "recommendation");

        var decided = await chief.RecordAsync(mistake, ("outcome", "decline"), ("rationale", "Outside our remit."));

        Assert.StartsWith($"?decided={reference}&", decided.Address.Query, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal("decline", connection.ExecuteScalar<string>("SELECT outcome FROM decision WHERE submission_id = @id", new { id }));
        Assert.Equal("open", connection.ExecuteScalar<string>("SELECT status FROM recommendation WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task A_recommendation_on_a_decided_submission_starts_the_revision_form()
    {
        var (id, reference) = Suggestion();
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{reference}");
        var first = await chief.GetAsync($"/triage/{reference}/decide");
        await chief.RecordAsync(first, ("outcome", "decline"), ("rationale", "Outside our remit."));
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}"))
        {
            var recommend = await secretariat.GetAsync($"/triage/{reference}/recommend");
            Assert.Contains("data-field=\"decided-already\"", recommend.Html, StringComparison.Ordinal);
            await RecommendAsync(secretariat, reference, [("outcome", "defer"), ("deferTo", "2022-23"), ("rationale", "Worth another look next year.")]);
        }

        var revision = await chief.GetAsync($"/triage/{reference}/decide");

        Assert.Contains($"Revise the decision on {reference}", revision.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"started-from-recommendation\"", revision.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome-defer\"[^>]*checked", revision.Html);
        Assert.Matches("id=\"deferTo\"[^>]*value=\"2022-23\"[^>]*checked", revision.Html);
        Assert.Equal("1", revision.FindForm("data-decision-form")!.HiddenFields.Single(f => f.Key == "Version").Value);

        var preview = await chief.PostFormAsync($"/triage/{reference}/decide", FormValues(revision, "data-decision-form"));
        var revised = await chief.SubmitAsync(preview, preview.FindForm("data-decision-confirm")!, null, ("confirm", "yes"));

        Assert.StartsWith($"?decided={reference}&", revised.Address.Query, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(["decline", "defer"], connection.Query<string>("SELECT outcome FROM decision WHERE submission_id = @id ORDER BY version", new { id }));
        Assert.Equal(("taken", 2L), connection.QuerySingle<(string, long)>("SELECT status, taken_in_decision FROM recommendation WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task A_respondent_never_sees_a_recommendation()
    {
        using var client = portal.CreateClient();
        var sent = await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Witness care in rural courts"));
        using (var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{sent.Reference}"))
        {
            await RecommendAsync(secretariat, sent.Reference, [("outcome", "decline"), ("rationale", "A secret draft of our reasons.")]);
        }

        using var respondent = portal.NewBrowser();
        var status = await respondent.GetAsync(sent.StatusUrl.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Contains(sent.Reference, status.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("A secret draft of our reasons.", status.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("ecommend", status.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_is_recommended_as_noted_or_programme_changed()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("I support the plan."));
        var reference = SubmissionReference.Format(id);
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/recommend");

        var form = await secretariat.GetAsync($"/triage/{reference}/recommend");
        var refused = await RecommendAsync(secretariat, reference, [("outcome", "accept"), ("rationale", "Yes.")]);
        var saved = await RecommendAsync(secretariat, reference, [("outcome", "programme-changed"), ("rationale", "We added a workstream.")]);

        Assert.Contains("id=\"outcome-programme-changed\"", form.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"outcome-merge\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("Select a decision for this response: noted or programme changed", refused.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"done\">Recommendation saved: programme changed.", saved.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_reference_is_not_found()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/triage/JI-999999/recommend")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync("/triage/nonsense/recommend")).Status);
    }

    private (long Id, string Reference) Suggestion(string title = "Girls held far from home")
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new(
            "Where girls in custody are held.", Title: title, Lead: "hmi-prisons", Areas: ["custodial-conditions"], Inspectorates: ["hmi-prisons", "ofsted"]));
        return (id, SubmissionReference.Format(id));
    }

    /// <summary>A suggestion assessed through the assessment page, so that a chief inspector may accept it.</summary>
    private async Task<(long Id, string Reference)> AssessedSuggestionAsync()
    {
        var (id, reference) = Suggestion();
        using var browser = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}/assess");
        var form = await browser.GetAsync($"/triage/{reference}/assess");
        var saved = await browser.SubmitAsync(form, form.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmi-prisons", "30"), ("days-hmi-probation", "20"));
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
        return (id, reference);
    }

    private static async Task<WebPage> RecommendAsync(TestBrowser browser, string reference, (string, string)[] fields)
    {
        var page = await browser.GetAsync($"/triage/{reference}/recommend");
        return await browser.SubmitAsync(page, page.FindForm("data-recommendation-form")!, null, fields);
    }

    /// <summary>
    /// What a browser would send for the form as the page filled it in: its hidden fields, the text inputs' values, the
    /// ticked radios and checkboxes, the textareas and the chosen options.
    /// </summary>
    private static List<KeyValuePair<string, string>> FormValues(WebPage page, string marker)
    {
        var form = FormBody().Matches(page.Html).First(m => m.Groups["open"].Value.Contains(marker, StringComparison.Ordinal)).Groups["body"].Value;
        string Attribute(string tag, string name) => WebUtility.HtmlDecode(Regex.Match(tag, $@"\s{name}=""([^""]*)""").Groups[1].Value);
        var values = new List<KeyValuePair<string, string>>();
        foreach (var input in InputTag().Matches(form).Select(m => m.Value))
        {
            var type = Attribute(input, "type");
            if (type is "hidden" or "text" || (type is "radio" or "checkbox" && CheckedAttribute().IsMatch(input)))
            {
                values.Add(KeyValuePair.Create(Attribute(input, "name"), Attribute(input, "value")));
            }
        }

        values.AddRange(TextareaTag().Matches(form).Select(m => KeyValuePair.Create(m.Groups["name"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value))));
        foreach (Match select in SelectTag().Matches(form))
        {
            var chosen = SelectedOption().Match(select.Groups["options"].Value);
            values.Add(KeyValuePair.Create(select.Groups["name"].Value, chosen.Success ? WebUtility.HtmlDecode(chosen.Groups[1].Value) : ""));
        }

        return values;
    }

    private long OutboxCount()
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message");
    }

    private void AssertNoRecommendation(long id)
    {
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM recommendation WHERE submission_id = @id", new { id }));
        Assert.Equal(0, connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = 'recommendation.save' AND subject = @subject", new { subject = $"submission:{SubmissionReference.Format(id)}" }));
    }

    /// <summary>The page with its character references decoded: Razor writes “ and – as &amp;#x201C; and &amp;#x2013;.</summary>
    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(page.Html);

    /// <summary>The page on one line, so a pattern can look inside one table row.</summary>
    private static string Flat(WebPage page) => Regex.Replace(page.Html, @"\s+", " ");

    [GeneratedRegex(@"(?<open><form\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormBody();

    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.Singleline)]
    private static partial Regex InputTag();

    [GeneratedRegex(@"\schecked(=""checked"")?[\s>]")]
    private static partial Regex CheckedAttribute();

    [GeneratedRegex(@"<textarea\b[^>]*\sname=""(?<name>[^""]+)""[^>]*>(?<text>.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaTag();

    [GeneratedRegex(@"<select\b[^>]*\sname=""(?<name>[^""]+)""[^>]*>(?<options>.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectTag();

    [GeneratedRegex(@"<option value=""([^""]*)""[^>]*\sselected")]
    private static partial Regex SelectedOption();
}
