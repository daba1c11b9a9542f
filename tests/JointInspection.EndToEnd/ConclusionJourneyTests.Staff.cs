using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>The staff steps after the decisions: moderating, finalising and publishing the outcome.</summary>
public sealed partial class ConclusionJourneyTests
{
    private const string RedactionReason = "Names a member of staff and gives their address.";
    private const string WithheldNote = "Insults staff and says nothing about the programme.";

    /// <summary>
    /// The secretariat, from the queue's submission page: redacts the private passage from the anonymous response and
    /// publishes it, publishes the named suggestion, and withholds the abusive response. The response whose writer
    /// asked not to be published needs nothing.
    /// </summary>
    private async Task ModerateAsync(IPage secretariat, Sent sent)
    {
        await Expect(Task(secretariat, "Moderate every submission for publication")).ToContainTextAsync("3 still to moderate");

        await OpenModerationAsync(secretariat, sent.Anonymous);
        failures.AddRange(await PageChecks.CheckShownAsync(secretariat, "moderate page"));
        await Expect(secretariat.Locator("[data-field=consent]")).ToHaveTextAsync("Anonymously");
        await Expect(secretariat.Locator("[data-field=state]")).ToHaveTextAsync("To moderate");
        await secretariat.GetByLabel("Passage to redact").FillAsync(PrivatePassage);
        await secretariat.GetByLabel("Why it is redacted").FillAsync(RedactionReason);
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Redact the passage" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToContainTextAsync("Passage redacted");
        var preview = secretariat.Locator("[data-field=preview]");
        await Expect(preview).ToContainTextAsync("My caseworker, [redacted], told me nothing");
        await Expect(preview).Not.ToContainTextAsync(PrivatePassage);
        // Staff still see the original, who redacted it and why.
        var redaction = secretariat.Locator("[data-field=redactions] tbody tr");
        await Expect(redaction).ToHaveCountAsync(1);
        await Expect(redaction).ToContainTextAsync(PrivatePassage);
        await Expect(redaction).ToContainTextAsync(RedactionReason);
        failures.AddRange(await PageChecks.AxeFailuresAsync(secretariat, "moderate page with a redaction"));
        await PublishAsync(secretariat);

        await OpenModerationAsync(secretariat, sent.Suggestion);
        await Expect(secretariat.Locator("[data-field=consent]")).ToHaveTextAsync($"With their name: {SuggesterName}");
        await PublishAsync(secretariat);

        await OpenModerationAsync(secretariat, sent.Abusive);
        await secretariat.GetByLabel("Abusive or offensive").CheckAsync();
        await secretariat.GetByLabel("Note for staff (optional unless “Another reason”)").FillAsync(WithheldNote);
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Withhold it" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToHaveTextAsync("Withheld: nothing of it will be published");
        await Expect(secretariat.Locator("[data-field=state]")).ToHaveTextAsync("Withheld");
        await Expect(secretariat.Locator("[data-field=withheld-reason]")).ToHaveTextAsync($"Abusive or offensive: {WithheldNote}");
        failures.AddRange(await PageChecks.AxeFailuresAsync(secretariat, "moderate page, withheld"));

        await secretariat.GotoAsync($"/triage/{sent.Private}/moderate");
        await Expect(secretariat.Locator("[data-field=not-for-publication]")).ToBeVisibleAsync();

        await secretariat.GotoAsync(Conclude);
        await Expect(Task(secretariat, "Moderate every submission for publication")).ToContainTextAsync("2 to publish, 1 withheld, 1 not for publication");
    }

    private static async Task OpenModerationAsync(IPage secretariat, string reference)
    {
        await secretariat.GotoAsync($"/triage/{reference}");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Moderate for publication" }).ClickAsync();
        await secretariat.ArriveAtAsync($"**/triage/{reference}/moderate");
    }

    private static async Task PublishAsync(IPage secretariat)
    {
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Publish as the respondent agreed" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToHaveTextAsync("Published as the respondent agreed");
        await Expect(secretariat.Locator("[data-field=state]")).ToHaveTextAsync("Published as agreed");
    }

    /// <summary>The chair, Justin Russell, follows the task list to the finalise page and finalises the programme.</summary>
    private async Task FinaliseAsync(IPage chair)
    {
        await chair.GotoAsync(Conclude);
        await chair.GetByRole(AriaRole.Link, new() { Name = "Finalise the programme (the chair, Justin Russell)" }).ClickAsync();
        await chair.ArriveAtAsync($"**/manage/rounds/{Round}/finalise");
        failures.AddRange(await PageChecks.CheckShownAsync(chair, "finalise page"));
        await Expect(chair.Locator("[data-field=proposed] li")).ToHaveTextAsync([SuggestionTitle]);
        await chair.GetByRole(AriaRole.Button, new() { Name = $"Finalise the {RoundLabel} programme" }).ClickAsync();
        await chair.ArriveAtAsync($"**{Conclude}");
        await Expect(chair.Locator("[data-field=done]")).ToHaveTextAsync($"The {RoundLabel} programme is final: the public can read it as the final programme");
    }

    /// <summary>The secretariat follows the task list to the publish page, checks the counts and publishes the outcome.</summary>
    private async Task PublishTheOutcomeAsync(IPage secretariat)
    {
        await secretariat.GotoAsync(Conclude);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Publish the outcome (the secretariat)" }).ClickAsync();
        await secretariat.ArriveAtAsync($"**/manage/rounds/{Round}/publish-outcome");
        failures.AddRange(await PageChecks.CheckShownAsync(secretariat, "publish-outcome page"));
        await Expect(secretariat.Locator("[data-field=published]")).ToHaveTextAsync("2");
        await Expect(secretariat.Locator("[data-field=withheld]")).ToHaveTextAsync("1");
        await Expect(secretariat.Locator("[data-field=not-for-publication]")).ToHaveTextAsync("1");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = $"Publish the {RoundLabel} outcome" }).ClickAsync();
        await secretariat.ArriveAtAsync($"**{Conclude}");
        await Expect(secretariat.Locator("[data-field=done]")).ToHaveTextAsync($"The {RoundLabel} outcome is published: the round is concluded");
    }
}
