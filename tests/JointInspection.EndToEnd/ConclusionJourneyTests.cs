using System.Text.RegularExpressions;
using JointInspection.TestSupport;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// A round from open to concluded in Chromium. Four people write in: a named suggestion the chief inspectors take on as
/// joint work, an anonymous response naming a private individual, a response whose writer asked not to be published,
/// and an abusive one. The secretariat closes the consultation; the chief inspectors decide every submission, the
/// accepted suggestion agreed by both inspectorates taking part; the secretariat redacts, publishes and withholds; the
/// chair finalises the programme and the secretariat publishes the outcome. The public then find the outcome and the
/// final programme from the start page, read only what was published, and download the programme as a Word document.
/// Every page new to concluding a round passes axe on the way.
/// </summary>
[Collection(PortalForAConcludedRound.Name)]
public sealed partial class ConclusionJourneyTests(PortalBrowserFixture portal)
{
    private const string Round = "2021-23";
    private const string RoundLabel = "2021–23";
    private const string Conclude = $"/manage/rounds/{Round}/conclude";

    private const string SuggestionTitle = "Women leaving prison in Kestlebury";
    private const string SuggesterName = "Sam Okafor";
    private const string SuggesterEmail = "kestlebury.support@mail.example";
    private const string AcceptRationale = "Women leaving prison are not in the programme, and HMI Probation and HMI Prisons have the days to look at it together.";

    private const string AnonymousName = "Morwenna Treloar";
    private const string AnonymousEmail = "m.treloar@mail.example";
    private const string PrivatePassage = "Ellis Brandreth of 12 Quarry Lane";
    private const string AnonymousText = $"Victims need to hear what is happening. My caseworker, {PrivatePassage}, told me nothing for months after the trial.";

    private const string PrivateName = "Dafydd Rees";
    private const string PrivateEmail = "dafydd.rees@mail.example";
    private const string PrivateText = "Please keep this to yourselves: the Glasbury youth offending service needs a proper look.";

    private const string AbusiveName = "Vernon Pike";
    private const string AbusiveEmail = "vernon.pike@mail.example";
    private const string AbusiveText = "You are all useless, lazy parasites and every one of you should be sacked.";

    private const string NotedRationale = "Thank you: the chief inspectors read every response when they agreed the programme.";

    private static readonly string[] TakingPart = ["hmi-probation", "hmi-prisons"];
    private static readonly string[] ManagementUnderSupervision = ["management-under-supervision"];

    private readonly List<string> failures = [];

    [Fact]
    public async Task A_round_is_taken_from_open_to_concluded_in_the_browser_and_the_public_read_only_what_was_published()
    {
        var sent = await SendTheSubmissionsAsync();

        await using var secretariatContext = await portal.NewContextAsync();
        var secretariat = await secretariatContext.NewPageAsync();
        await SignInAsStaffAsync(secretariat, "Priya Shah", Conclude);
        failures.AddRange(await PageChecks.CheckShownAsync(secretariat, "conclude task list, open round"));
        await Expect(Task(secretariat, "Close the consultation")).ToContainTextAsync("Not yet started");
        await CloseTheConsultationAsync(secretariat);

        await using var probation = await portal.NewContextAsync();
        var chair = await probation.NewPageAsync();
        await SignInAsStaffAsync(chair, "Justin Russell", $"/triage/{sent.Suggestion}");
        await AssessAsync(chair, sent.Suggestion);
        await AcceptAsJointWorkAsync(chair, sent.Suggestion);
        foreach (var response in new[] { sent.Anonymous, sent.Private, sent.Abusive })
        {
            await NoteAsync(chair, response);
        }

        await using var prisons = await portal.NewContextAsync();
        await AgreeAsync(prisons, "Charlie Taylor", "HMI Prisons", sent.Suggestion);
        // Agreed and released at once (the round releases outcomes as they are made): the suggester hears first.
        var outcomeEmail = await portal.WaitForEmailAsync(SuggesterEmail, $"Decision on {sent.Suggestion}");
        Assert.Contains(AcceptRationale, outcomeEmail.TextBody, StringComparison.Ordinal);

        await ModerateAsync(secretariat, sent);
        await FinaliseAsync(chair);
        await PublishTheOutcomeAsync(secretariat);

        await secretariat.GotoAsync(Conclude);
        await Expect(secretariat.Locator("[data-task] .govuk-task-list__status")).ToHaveTextAsync(Enumerable.Repeat(new Regex("^\\s*Completed\\s*$"), 7));
        failures.AddRange(await PageChecks.CheckShownAsync(secretariat, "conclude task list, concluded round"));

        await ThePublicReadTheOutcomeAsync(sent);
        await ThePublicReadTheFinalProgrammeAsync();

        PageChecks.AssertNone(failures);
    }

    private sealed record Sent(string Suggestion, string Anonymous, string Private, string Abusive);

    /// <summary>The public write in through the API (the submission journey's pages have tests of their own).</summary>
    private async Task<Sent> SendTheSubmissionsAsync()
    {
        using var client = portal.CreateHttpClient();
        var suggestion = await SampleSubmissions.SendAsync(client, new
        {
            kind = "suggestion",
            title = SuggestionTitle,
            text = "How women are supported and supervised in the months after they leave prison.",
            reason = "Many are recalled within weeks, often for want of a home.",
            areasOfFocus = ManagementUnderSupervision,
            inspectorates = TakingPart,
            lead = "hmi-probation",
            timing = "2022-23",
            name = SuggesterName,
            email = SuggesterEmail,
            respondentType = "individual",
            publicationConsent = "named",
        });
        var anonymous = await SampleSubmissions.SendAsync(client, Response(AnonymousText, AnonymousName, AnonymousEmail, "anonymous"));
        var unpublished = await SampleSubmissions.SendAsync(client, Response(PrivateText, PrivateName, PrivateEmail, "none"));
        var abusive = await SampleSubmissions.SendAsync(client, Response(AbusiveText, AbusiveName, AbusiveEmail, "named"));
        return new Sent(suggestion.Reference, anonymous.Reference, unpublished.Reference, abusive.Reference);
    }

    private static object Response(string text, string name, string email, string consent) => new
    {
        kind = "response",
        responseTo = "programme",
        stance = "support-with-changes",
        text,
        name,
        email,
        respondentType = "individual",
        publicationConsent = consent,
    };

    private static ILocator Task(IPage page, string name) =>
        page.Locator("[data-task]").Filter(new() { Has = page.Locator(".govuk-task-list__name-and-hint", new() { HasText = name }) });

    /// <summary>The secretariat follows the task list to the consultation's dates and closes it now.</summary>
    private static async Task CloseTheConsultationAsync(IPage secretariat)
    {
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Close the consultation" }).ClickAsync();
        await secretariat.ArriveAtAsync($"**/manage/rounds/{Round}/dates");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Close the consultation now" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToContainTextAsync("consultation is closed");
        await secretariat.GotoAsync(Conclude);
        await Expect(Task(secretariat, "Close the consultation").Locator(".govuk-task-list__status")).ToHaveTextAsync("Completed");
        await Expect(Task(secretariat, "Decide every submission")).ToContainTextAsync("4 of 4 still to decide");
    }

    private static async Task AssessAsync(IPage page, string reference)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess risk and resources" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}/assess");
        await page.Locator("#likelihood-4").CheckAsync();
        await page.Locator("#impact-4").CheckAsync();
        await page.Locator("#programmeYear-2022-23").CheckAsync();
        await page.GetByLabel("Inspector-days from HMI Probation").FillAsync("40");
        await page.GetByLabel("Inspector-days from HMI Prisons").FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");
    }

    /// <summary>Justin Russell (HMI Probation) accepts the suggestion, HMI Prisons supporting: a joint proposal awaiting HMI Prisons.</summary>
    private static async Task AcceptAsJointWorkAsync(IPage chief, string reference)
    {
        await chief.GetByRole(AriaRole.Link, new() { Name = "Record the decision" }).ClickAsync();
        await chief.ArriveAtAsync($"**/triage/{reference}/decide");
        await chief.GetByLabel("Accept: add it to the programme as a proposed workstream").CheckAsync();
        await chief.GetByRole(AriaRole.Group, new() { Name = "Lead inspectorate" }).GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await Expect(chief.GetByRole(AriaRole.Group, new() { Name = "Supporting inspectorates" }).GetByLabel("HM Inspectorate of Prisons (HMI Prisons)")).ToBeCheckedAsync();
        await chief.GetByLabel("Full inspection").CheckAsync();
        await chief.GetByLabel("Reasons for the decision").FillAsync(AcceptRationale);
        await RecordTheDecisionAsync(chief, reference);
        await Expect(chief.Locator("[data-field=decided]")).ToContainTextAsync("awaiting the agreement of the other inspectorates");
    }

    private static async Task NoteAsync(IPage chief, string reference)
    {
        await chief.GotoAsync($"/triage/{reference}/decide");
        await chief.GetByLabel("Noted", new() { Exact = true }).CheckAsync();
        await chief.GetByLabel("Reasons for the decision").FillAsync(NotedRationale);
        await RecordTheDecisionAsync(chief, reference);
    }
}
