using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// A round whose outcomes are held and released together, through the secretariat's outcomes page: nothing reaches a
/// respondent (no outbox row, nothing on their status page) until the release, which is refused while any decision
/// awaits agreement, sends each email once as one batch and shows its progress.
/// </summary>
public sealed class OutcomeReleaseTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private const string Outcomes = "/manage/rounds/2021-23/outcomes";

    private PortalWithDevIdentity Portal => fixture.Portal;

    [Fact]
    public async Task Held_outcomes_reach_no_one_until_the_secretariat_releases_them_together()
    {
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, Outcomes);
        var page = await secretariat.GetAsync(Outcomes);
        var held = await secretariat.SubmitAsync(page, page.FindForm("data-release-mode")!, null, ("releaseMode", "together"));
        Assert.Contains("Outcomes will be held until you release them", held.Html, StringComparison.Ordinal);

        var noted = await RespondAsync("noted-1");
        var alsoNoted = await RespondAsync("noted-2");
        var joint = await SuggestAsync();
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var first = await justin.RecordAsync(await justin.GetAsync($"/triage/{noted.Reference}/decide"), ("outcome", "noted"), ("rationale", "Thank you: we read it."));
        Assert.Contains("The outcome is held: the respondent will be emailed when the secretariat releases the round's outcomes.", WebUtility.HtmlDecode(first.Html), StringComparison.Ordinal);
        await justin.RecordAsync(await justin.GetAsync($"/triage/{alsoNoted.Reference}/decide"), ("outcome", "noted"), ("rationale", "Thank you: we read it."));
        await justin.RecordAsync(await justin.GetAsync($"/triage/{joint.Reference}/decide"),
            ("outcome", "accept"), ("rationale", "A gap the two inspectorates can fill."), ("workstream-title", "Women after prison"),
            ("workstream-summary", "How women are supervised after release."), ("workstream-lead", "hmi-probation"), ("workstream-supporting", "hmi-prisons"),
            ("workstream-areasOfFocus", "management-under-supervision"), ("workstream-programmeYear", "2022-23"), ("workstream-kind", "inspection"));
        Assert.Equal(0L, OutcomeEmails());
        Assert.DoesNotContain("Thank you: we read it.", (await secretariat.GetAsync(noted.StatusUrl.PathAndQuery)).Html, StringComparison.Ordinal);

        // One decision awaits HMI Prisons: the release is refused, naming it, and nothing goes.
        var outcomes = await secretariat.GetAsync(Outcomes);
        Assert.Contains($"href=\"/triage/{joint.Reference}\">{joint.Reference}</a>", outcomes.Html, StringComparison.Ordinal);
        var refused = await secretariat.SubmitAsync(outcomes, outcomes.FindForm("data-release-outcomes")!);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains($"1 decision is awaiting agreement ({joint.Reference})", refused.Html, StringComparison.Ordinal);
        Assert.Equal(0L, OutcomeEmails());

        await Agreements.AgreeAllAsync(Portal, joint.Id);
        Assert.Equal(0L, OutcomeEmails());
        outcomes = await secretariat.GetAsync(Outcomes);
        Assert.Contains("data-field=\"held\">3</dd>", outcomes.Html, StringComparison.Ordinal);

        var released = await secretariat.SubmitAsync(outcomes, outcomes.FindForm("data-release-outcomes")!);

        Assert.Contains("3 outcomes released: the emails are on their way", released.Html, StringComparison.Ordinal);
        foreach (var (reference, email) in new[] { (noted.Reference, noted.Email), (alsoNoted.Reference, alsoNoted.Email), (joint.Reference, joint.Email) })
        {
            await fixture.Mailbox.WaitForAsync(m => m.To == email && m.Subject == $"Decision on {reference}", TestPatience.SafetyNet);
        }

        using (var connection = Portal.OpenDatabase())
        {
            Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE purpose = 'outcome' AND batch = 'release:1'"));
            Assert.Equal(3L, connection.ExecuteScalar<long>("SELECT outcomes FROM outcome_release WHERE id = 1"));
        }

        // The outbox looks again, and still each respondent has exactly one email; the page shows the batch sent.
        await Portal.WaitForOutboxRoundsAsync(2, TestPatience.SafetyNet);
        Assert.Single(fixture.Mailbox.Messages, m => m.Subject == $"Decision on {noted.Reference}");
        var progress = await secretariat.GetAsync(Outcomes);
        Assert.Matches(@"data-field=""outcomes"">3</td>\s*<td[^>]*data-field=""sent"">3</td>\s*<td[^>]*data-field=""waiting"">0</td>", progress.Html);
        Assert.Contains("data-field=\"nothing-held\"", progress.Html, StringComparison.Ordinal);
        Assert.Contains("Thank you: we read it.", (await secretariat.GetAsync(noted.StatusUrl.PathAndQuery)).Html, StringComparison.Ordinal);

        // A revision of a released outcome goes at once, held round or not.
        await justin.RecordAsync(await justin.GetAsync($"/triage/{noted.Reference}/decide"), ("outcome", "noted"), ("rationale", "On reflection, we read it again."));
        await fixture.Mailbox.WaitForAsync(m => m.To == noted.Email && m.Subject == $"Revised decision on {noted.Reference}", TestPatience.SafetyNet);

        // Nothing is held now, so a second release has nothing to send.
        var again = await secretariat.PostFormAsync($"{Outcomes}?handler=Release", [KeyValuePair.Create("__RequestVerificationToken", progress.FindForm("data-release-mode")!.HiddenFields.Single(f => f.Key == "__RequestVerificationToken").Value)]);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("There are no held outcomes to release", again.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_secretariat_chooses_how_outcomes_are_released_and_a_choice_not_offered_is_refused()
    {
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        Assert.Equal(HttpStatusCode.Forbidden, (await justin.GetAsync(Outcomes)).Status);

        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, Outcomes);
        var page = await secretariat.GetAsync(Outcomes);
        var before = Mode();
        var refused = await secretariat.SubmitAsync(page, page.FindForm("data-release-mode")!, null, ("releaseMode", "whenever"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("<a href=\"#releaseMode\">Choose how outcomes reach respondents", refused.Html, StringComparison.Ordinal);
        Assert.Equal(before, Mode());
    }

    private string Mode()
    {
        using var connection = Portal.OpenDatabase();
        return connection.ExecuteScalar<string>("SELECT release_mode FROM programme_round WHERE first_year = 2021")!;
    }

    private async Task<(long Id, string Reference, string Email, Uri StatusUrl)> RespondAsync(string word)
    {
        var email = $"release-{word}@example.org";
        using var client = Portal.CreateClient();
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Response($"A response ({word}).", email));
        Assert.True(SubmissionReference.TryParse(created.Reference, out var id));
        return (id, created.Reference, email, created.StatusUrl);
    }

    private async Task<(long Id, string Reference, string Email)> SuggestAsync()
    {
        const string email = "release-suggestion@example.org";
        using var client = Portal.CreateClient();
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Women after prison", email: email));
        Assert.True(SubmissionReference.TryParse(created.Reference, out var id));
        var days = new Dictionary<string, int> { ["hmi-probation"] = 20, ["hmi-prisons"] = 30 };
        await Portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{created.Reference}", new AssessmentInput(3, 4, "2022-23", days, null), 0, Staff.Secretariat, CancellationToken.None);
        return (id, created.Reference, email);
    }

    private long OutcomeEmails()
    {
        using var connection = Portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE purpose = 'outcome'");
    }
}
