using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// "Singly-led but jointly owned", in a real browser: the secretariat holds the round's outcomes; Justin Russell (HMI
/// Probation) proposes a suggestion as a workstream with HMI Prisons supporting; Charlie Taylor (HMI Prisons) agrees;
/// the secretariat releases the round's outcomes; the respondent's email arrives once, and the public workstream page
/// says who agreed. Nothing is public, and nothing is sent, before the release.
/// </summary>
[Collection(PortalForHeldOutcomes.Name)]
public sealed class JointDecisionTests(PortalBrowserFixture portal)
{
    private const string Title = "Women leaving prison in Wrenfield";
    private const string Stakeholder = "wrenfield.support@mail.example";
    private const string Rationale = "Women leaving prison are not in the programme, and HMI Probation and HMI Prisons have the days to look at it together.";
    private const string Outcomes = "/manage/rounds/2021-23/outcomes";

    private static readonly string[] TakingPart = ["hmi-probation", "hmi-prisons"];
    private static readonly string[] ManagementUnderSupervision = ["management-under-supervision"];

    private readonly List<string> failures = [];

    [Fact]
    public async Task A_joint_proposal_is_agreed_by_both_chief_inspectors_and_released_with_the_round()
    {
        await using var secretariatContext = await portal.NewContextAsync();
        var secretariat = await secretariatContext.NewPageAsync();
        await SignInAsStaffAsync(secretariat, "Priya Shah", Outcomes);
        failures.AddRange(await PageChecks.AxeFailuresAsync(secretariat, "outcomes page"));
        await secretariat.GetByLabel("Together, when we release them").CheckAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Save how outcomes are released" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToHaveTextAsync("Outcomes will be held until you release them");

        var reference = await SuggestAsync();
        await AssessAsync(secretariat, reference);

        // Justin Russell proposes it, HMI Probation leading and HMI Prisons supporting, after reading the email it will send.
        await using var probation = await portal.NewContextAsync();
        var justin = await probation.NewPageAsync();
        await SignInAsStaffAsync(justin, "Justin Russell", $"/triage/{reference}/decide");
        await justin.GetByLabel("Accept: add it to the programme as a proposed workstream").CheckAsync();
        await justin.GetByRole(AriaRole.Group, new() { Name = "Lead inspectorate" }).GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await Expect(justin.GetByRole(AriaRole.Group, new() { Name = "Supporting inspectorates" }).GetByLabel("HM Inspectorate of Prisons (HMI Prisons)")).ToBeCheckedAsync();
        await justin.GetByLabel("Full inspection").CheckAsync();
        await justin.GetByLabel("Reasons for the decision").FillAsync(Rationale);
        await justin.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(justin.Locator("[data-field=preview-body]")).ToContainTextAsync(Rationale);
        failures.AddRange(await PageChecks.AxeFailuresAsync(justin, "decision preview"));
        await justin.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await justin.ArriveAtAsync($"**decided={reference}*");
        await Expect(justin.Locator("[data-field=decided]")).ToContainTextAsync("awaiting the agreement of the other inspectorates");

        await using var prisons = await portal.NewContextAsync();
        await AgreeAsync(prisons, "Charlie Taylor", "HMI Prisons", reference);

        // Agreed, so final, but held: the public see nothing of it yet, and no email has been written.
        await using var visitor = await portal.NewContextAsync();
        var reader = await visitor.NewPageAsync();
        await reader.GotoAsync("/programmes/2021-23");
        await Expect(reader.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true })).ToHaveCountAsync(0);
        Assert.Empty(portal.EmailsReceived(Stakeholder, $"Decision on {reference}"));

        await secretariat.GotoAsync(Outcomes);
        await Expect(secretariat.Locator("[data-field=held]")).ToHaveTextAsync("1");
        failures.AddRange(await PageChecks.AxeFailuresAsync(secretariat, "outcomes page with one held"));
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Release 1 outcome" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=done]")).ToHaveTextAsync("1 outcome released: the emails are on their way");

        var email = await portal.WaitForEmailAsync(Stakeholder, $"Decision on {reference}");
        Assert.Contains(Rationale, email.TextBody, StringComparison.Ordinal);
        await WaitUntilTheReleaseIsSentAsync(secretariat);
        Assert.Single(portal.EmailsReceived(Stakeholder, $"Decision on {reference}"));

        await reader.GotoAsync("/programmes/2021-23");
        await reader.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).ClickAsync();
        await Expect(reader.Locator("h1")).ToHaveTextAsync(Title);
        await Expect(reader.Locator("[data-field=agreed-by]")).ToHaveTextAsync("Agreed by HMI Probation (lead), HMI Prisons");
        failures.AddRange(await PageChecks.AxeFailuresAsync(reader, "proposed workstream agreed by two inspectorates"));

        PageChecks.AssertNone(failures);
    }

    /// <summary>The stakeholder's suggestion through the API (the journey's pages have their own tests), naming both inspectorates.</summary>
    private async Task<string> SuggestAsync()
    {
        using var client = portal.CreateHttpClient();
        using var response = await client.PostAsJsonAsync("/api/v1/submissions", new
        {
            kind = "suggestion",
            title = Title,
            text = "How women are supported and supervised in the months after they leave prison.",
            reason = "Many are recalled within weeks, often for want of a home.",
            areasOfFocus = ManagementUnderSupervision,
            inspectorates = TakingPart,
            lead = "hmi-probation",
            timing = "2022-23",
            name = "Sam Okafor",
            email = Stakeholder,
            respondentType = "individual",
            publicationConsent = "named",
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!;
    }

    private static async Task AssessAsync(IPage page, string reference)
    {
        await page.GotoAsync($"/triage/{reference}/assess");
        await page.Locator("#likelihood-4").CheckAsync();
        await page.Locator("#impact-4").CheckAsync();
        await page.Locator("#programmeYear-2022-23").CheckAsync();
        await page.GetByLabel("Inspector-days from HMI Probation").FillAsync("40");
        await page.GetByLabel("Inspector-days from HMI Prisons").FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");
    }

    /// <summary>Reloads the outcomes page until the release's one email is counted as sent (the outbox marks it after the mail server takes it).</summary>
    private static async Task WaitUntilTheReleaseIsSentAsync(IPage page)
    {
        using var patience = new CancellationTokenSource(JointInspection.TestSupport.TestPatience.SafetyNet);
        while (true)
        {
            await page.GotoAsync(Outcomes);
            if ((await page.Locator("tr[data-release] [data-field=sent]").InnerTextAsync()).Trim() == "1")
            {
                await Expect(page.Locator("tr[data-release] [data-field=waiting]")).ToHaveTextAsync("0");
                return;
            }

            // The email has arrived, so the outbox marks it within moments; each reload (which waits for its page to load)
            // is the pause between looks.
            patience.Token.ThrowIfCancellationRequested();
        }
    }
}
