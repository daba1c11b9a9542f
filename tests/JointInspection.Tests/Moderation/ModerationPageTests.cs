using System.Net;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Moderation;

/// <summary>
/// Moderation through the page after a real sign-in: redacting a passage and publishing as agreed, withholding with a
/// reason, and every refusal (a passage not in the text, no reason, a respondent who said no, someone else first)
/// answered with what to fix, what was typed kept, and nothing written.
/// </summary>
public sealed class ModerationPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Secret = "my neighbour Dave Smith at 4 Elm Road";

    [Fact]
    public async Task A_redacted_passage_is_replaced_in_the_published_copy_and_staff_see_the_original_with_who_and_why()
    {
        var created = await SendAsync(SampleSubmissions.Suggestion(title: "Court delays", text: $"Delays hurt victims like {Secret}. Courts must act.", publicationConsent: "anonymous"));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{created.Reference}/moderate");

        var submissionPage = await secretariat.GetAsync($"/triage/{created.Reference}");
        var page = await secretariat.GetAsync($"/triage/{created.Reference}/moderate");
        var redacted = await secretariat.SubmitAsync(page, page.FindForm("data-redact-form")!, null, ("passage", Secret), ("redactionReason", "Names and places a private person."));
        var published = await secretariat.SubmitAsync(redacted, redacted.FindForm("data-publish-form")!);

        Assert.Contains($"href=\"/triage/{created.Reference}/moderate\" data-field=\"moderate\">Moderate for publication</a>", submissionPage.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"state\">To moderate</strong>", page.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"done\">Passage redacted", redacted.Html, StringComparison.Ordinal);
        Assert.Contains("Delays hurt victims like [redacted]. Courts must act.", redacted.Html, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"govuk-table__cell app-preserve-lines\">{Secret}</td>", redacted.Html, StringComparison.Ordinal);
        Assert.Contains("Names and places a private person.", redacted.Html, StringComparison.Ordinal);
        Assert.Contains("By priya.shah@", redacted.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, published.Status);
        Assert.Contains("data-field=\"state\">Published as agreed</strong>", published.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"when-public\">When the 2021–23 outcome is published</dd>", WebUtility.HtmlDecode(published.Html), StringComparison.Ordinal);

        using var connection = portal.OpenDatabase();
        var stored = connection.QuerySingle<(string State, string Body, string Html, long Version, string By)>(
            "SELECT state, published_body_text, published_body_html, version, moderated_by FROM moderation WHERE submission_id = @Id", new { created.Id });
        Assert.Equal(("published", "Delays hurt victims like [redacted]. Courts must act.", 1L, Staff.Secretariat), (stored.State, stored.Body, stored.Version, stored.By));
        Assert.DoesNotContain("Dave", stored.Html, StringComparison.Ordinal);
        var actions = connection.Query<string>(
            "SELECT action FROM audit_log WHERE subject = @subject ORDER BY id", new { subject = $"submission:{created.Reference}" }).ToList();
        Assert.Equal(["moderation.redact", "moderation.publish"], actions);

        // Removing the redaction puts the passage back in the published copy, and keeps the redaction's history.
        var removed = await secretariat.SubmitAsync(published, published.FindForm("data-remove-redaction")!);
        Assert.Contains("data-field=\"done\">Redaction removed", removed.Html, StringComparison.Ordinal);
        Assert.Contains("; removed by priya.shah@", removed.Html, StringComparison.Ordinal);
        Assert.Contains(Secret, connection.ExecuteScalar<string>("SELECT published_body_text FROM moderation WHERE submission_id = @Id", new { created.Id }), StringComparison.Ordinal);
        Assert.Equal("moderation.unredact", connection.ExecuteScalar<string>("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"));
    }

    [Theory]
    [InlineData("Dave Smith at 5 Elm Road", "Names a person.", "passage", "The passage is not in the submission: copy it exactly as written")]
    [InlineData("dave smith", "Names a person.", "passage", "The passage is not in the submission: copy it exactly as written")]
    [InlineData("Dave Smith", "  ", "redactionReason", "Enter why the passage is redacted")]
    [InlineData("", "Names a person.", "passage", "Enter the passage to redact, copied from the submission")]
    public async Task A_redaction_that_does_not_match_or_has_no_reason_is_refused_keeping_what_was_typed(string passage, string reason, string field, string message)
    {
        var created = await SendAsync(SampleSubmissions.Response(text: $"Victims like {Secret} wait too long."));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{created.Reference}/moderate");

        var page = await secretariat.GetAsync($"/triage/{created.Reference}/moderate");
        var refused = await secretariat.SubmitAsync(page, page.FindForm("data-redact-form")!, null, ("passage", passage), ("redactionReason", reason));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("<title>Error: ", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"#{field}\">{message}", refused.Html, StringComparison.Ordinal);
        Assert.Contains($">{WebUtility.HtmlEncode(passage)}</textarea>", refused.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM redaction WHERE submission_id = @Id", new { created.Id }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE subject = @subject", new { subject = $"submission:{created.Reference}" }));
    }

    [Fact]
    public async Task Withholding_needs_a_reason_and_then_keeps_no_published_copy()
    {
        var created = await SendAsync(SampleSubmissions.Response(text: "Something abusive."));
        using var secretariat = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{created.Reference}/moderate");

        var page = await secretariat.GetAsync($"/triage/{created.Reference}/moderate");
        var noReason = await secretariat.SubmitAsync(page, page.FindForm("data-withhold-form")!, null, ("withheldNote", "Swears at staff."));
        var withheld = await secretariat.SubmitAsync(noReason, noReason.FindForm("data-withhold-form")!, null, ("withheldReason", "abusive"), ("withheldNote", "Swears at staff."));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Contains("<li><a href=\"#withheldReason\">Select why it is withheld</a></li>", noReason.Html, StringComparison.Ordinal);
        Assert.Contains(">Swears at staff.</textarea>", noReason.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"state\">Withheld</strong>", withheld.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"withheld-reason\">Abusive or offensive: Swears at staff.</p>", withheld.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        var stored = connection.QuerySingle<(string State, string Reason, string? Body, string? Html)>(
            "SELECT state, withheld_reason, published_body_text, published_body_html FROM moderation WHERE submission_id = @Id", new { created.Id });
        Assert.Equal(("withheld", "abusive", (string?)null, (string?)null), stored);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'moderation.withhold' AND subject = @subject", new { subject = $"submission:{created.Reference}" }));
    }

    [Fact]
    public async Task A_respondent_who_said_no_is_never_published_even_by_a_forged_form()
    {
        var created = await SendAsync(SampleSubmissions.Suggestion(publicationConsent: "none"));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{created.Reference}/moderate");

        var page = await secretariat.GetAsync($"/triage/{created.Reference}/moderate");
        var forged = await secretariat.PostFormAsync(
            $"/triage/{created.Reference}/moderate?handler=Publish",
            [.. page.FindForm("data-withhold-form")!.HiddenFields]);

        Assert.Contains("data-field=\"not-for-publication\"", page.Html, StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-publish-form"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("The respondent asked us not to publish this, so it cannot be published", forged.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM moderation WHERE submission_id = @Id", new { created.Id }));
    }

    [Fact]
    public async Task Publishing_over_a_withholding_made_since_the_page_was_read_is_refused_as_a_conflict()
    {
        var created = await SendAsync(SampleSubmissions.Response(text: "A response two moderators read at once."));
        using var first = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{created.Reference}/moderate");
        using var second = await portal.SignedInAsync(Staff.ProbationChiefInspector, $"/triage/{created.Reference}/moderate");

        var firstPage = await first.GetAsync($"/triage/{created.Reference}/moderate");
        var secondPage = await second.GetAsync($"/triage/{created.Reference}/moderate");
        await second.SubmitAsync(secondPage, secondPage.FindForm("data-withhold-form")!, null, ("withheldReason", "off-topic"));
        var late = await first.SubmitAsync(firstPage, firstPage.FindForm("data-publish-form")!);

        Assert.Equal(HttpStatusCode.Conflict, late.Status);
        Assert.Contains("data-field=\"conflict\"", late.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"state\">Withheld</strong>", late.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal("withheld", connection.ExecuteScalar<string>("SELECT state FROM moderation WHERE submission_id = @Id", new { created.Id }));
    }

    [Fact]
    public async Task The_queue_filters_by_moderation_state()
    {
        var published = await SendAsync(SampleSubmissions.Response(text: "Wombats deserve a published answer."));
        var withheld = await SendAsync(SampleSubmissions.Response(text: "Wombats, said abusively."));
        var untouched = await SendAsync(SampleSubmissions.Response(text: "Wombats not yet read."));
        var private_ = await SendAsync(SampleSubmissions.Suggestion(text: "Wombats, privately.", publicationConsent: "none"));
        var moderation = portal.Services.GetRequiredService<ModerationStore>();
        Assert.True((await moderation.PublishAsync(published.Id, 0, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.WithholdAsync(withheld.Id, 0, "abusive", null, Staff.Secretariat)).IsSaved);
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        async Task<string[]> ReferencesAsync(string state)
        {
            using var response = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/triage/submissions?q=wombats&moderation={state}"));
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reference").GetString()!)];
        }

        Assert.Equal([published.Reference], await ReferencesAsync("published"));
        Assert.Equal([withheld.Reference], await ReferencesAsync("withheld"));
        Assert.Equal([untouched.Reference], await ReferencesAsync("to-moderate"));
        Assert.Equal([private_.Reference], await ReferencesAsync("not-for-publication"));
        var page = await secretariat.GetAsync("/triage?moderation=withheld&q=wombats");
        Assert.Contains($"/triage/{withheld.Reference}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/triage/{published.Reference}\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"withheld\" selected", page.Html, StringComparison.Ordinal);
        var wrong = await secretariat.GetAsync("/triage?moderation=hidden");
        Assert.Contains("href=\"#moderation\"", wrong.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_secretariat_and_chief_inspectors_may_moderate()
    {
        var created = await SendAsync(SampleSubmissions.Response());
        using var admin = await portal.SignedInAsync(Staff.Admin, "/");
        using var anonymous = portal.NewBrowser();

        var refused = await admin.GetAsync($"/triage/{created.Reference}/moderate");
        var signIn = await anonymous.GetAsync($"/triage/{created.Reference}/moderate", stopAt: _ => true);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
    }

    private async Task<CreatedSubmission> SendAsync(object body)
    {
        using var client = portal.CreateClient();
        return await SampleSubmissions.SendAsync(client, body);
    }
}
