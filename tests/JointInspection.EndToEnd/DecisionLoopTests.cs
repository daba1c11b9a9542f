using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// The whole loop in a real browser: a stakeholder suggests a topic, a chief inspector finds it, assesses it and
/// accepts it, the public programme shows the proposed workstream, and the stakeholder's outcome email arrives.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed partial class DecisionLoopTests(PortalBrowserFixture portal)
{
    // A word no other test in the collection uses, so the search finds this suggestion whatever ran first.
    private const string Word = "Marrowgate";
    private const string Title = $"Remand of children in {Word}";
    private const string Stakeholder = "marrowgate.parent@mail.example";
    private const string Rationale = "Children on remand are a gap in the programme, and HMI Prisons has the days to lead it.";

    [Fact]
    public async Task A_suggestion_is_assessed_accepted_shown_in_the_programme_and_its_outcome_emailed()
    {
        var failures = new List<string>();
        var reference = await SuggestAsync();

        await using var staff = await portal.NewContextAsync();
        var page = await staff.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Justin Russell", "/triage");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(Word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage?*q={Word}*");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tbody tr[data-reference={reference}] [data-field=title]")).ToHaveTextAsync(Title);
        await page.Locator($"tbody tr[data-reference={reference}] a[href='/triage/{reference}']").ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(reference);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "submission page"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess risk and resources" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}/assess");

        await page.Locator("#likelihood-4").CheckAsync();
        await page.Locator("#impact-4").CheckAsync();
        await page.Locator("#programmeYear-2022-23").CheckAsync();
        await page.GetByLabel("Inspector-days from HMI Prisons").FillAsync("40");
        await page.GetByLabel("Inspector-days from HMI Probation").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the decision" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}/decide");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Record the decision on {reference}");
        await Expect(page.Locator("[data-field=risk]")).ToHaveTextAsync("16 (High)");
        await Expect(page.Locator("[data-field=capacity] [data-inspectorate=hmi-prisons] [data-requested]")).ToHaveTextAsync("40");
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "decision page"));

        // Sending nothing: the errors, each linking to its field, and the page still accessible.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.Locator("a")).ToHaveTextAsync(
            ["Select a decision for this suggestion: accept, merge, defer or decline", "Give the reasons for the decision: the respondent will read them"]);
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        foreach (var errorLink in await summary.Locator("a").AllAsync())
        {
            Assert.Equal(1, await page.Locator((await errorLink.GetAttributeAsync("href"))!).CountAsync());
        }

        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "decision page with errors"));

        var title = page.GetByLabel("Title of the proposed workstream");
        await Expect(title).ToBeHiddenAsync();
        await page.GetByLabel("Accept: add it to the programme as a proposed workstream").CheckAsync();
        await Expect(title).ToBeVisibleAsync();
        await Expect(title).ToHaveValueAsync(Title);
        var lead = page.GetByRole(AriaRole.Group, new() { Name = "Lead inspectorate" });
        await Expect(lead.GetByLabel("HM Inspectorate of Prisons (HMI Prisons)")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Areas of focus" }).GetByLabel("Custodial conditions")).ToBeCheckedAsync();
        await Expect(page.GetByRole(AriaRole.Group, new() { Name = "Programme year" }).GetByLabel("2022–23")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Supporting inspectorates" }).GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await page.GetByLabel("Full inspection").CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync(Rationale);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // The email exactly as the respondent will get it, and when: HMI Prisons leads, so it must agree first.
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Check the email before you record the decision on {reference}");
        await Expect(page.Locator("[data-field=preview-to]")).ToHaveTextAsync(Stakeholder);
        await Expect(page.Locator("[data-field=preview-subject]")).ToHaveTextAsync($"Decision on {reference}");
        await Expect(page.Locator("[data-field=preview-body]")).ToContainTextAsync(Rationale);
        await Expect(page.Locator("[data-field=when-sent]")).ToContainTextAsync("once every inspectorate taking part has agreed");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "decision preview"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();

        // On to the next submission waiting for a decision, or the queue, with a banner naming the one just decided.
        await page.ArriveAtAsync($"**decided={reference}*");
        await Expect(page.Locator("[data-field=decided]")).ToContainTextAsync($"Decision recorded on {reference}");
        await Expect(page.Locator("[data-field=decided]")).ToContainTextAsync("awaiting the agreement of the other inspectorates");
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "page after recording a decision"));
        await page.GotoAsync($"/triage/{reference}/decide");
        await Expect(page.Locator("[data-field=current] [data-field=outcome]"))
            .ToHaveTextAsync($"Accepted. It is now a proposed workstream in the draft programme: “{Title}”.");
        await Expect(page.Locator("[data-field=agreement-state]")).ToContainTextAsync("Awaiting agreement");
        await Expect(page.Locator("[data-agreement-form]")).ToHaveCountAsync(0);

        // Charlie Taylor agrees for HMI Prisons, the lead, on the same page.
        await using var prisons = await portal.NewContextAsync();
        var charlie = await prisons.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(charlie, "Charlie Taylor", $"/triage/{reference}/decide");
        await charlie.GotoAsync($"/triage/{reference}/decide");
        await Expect(charlie.Locator("[data-party=hmi-probation] [data-field=response]")).ToContainTextAsync("Agreed by");
        await Expect(charlie.Locator("[data-party=hmi-prisons] [data-field=response]")).ToHaveTextAsync("Not answered yet");
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(charlie, "decision page awaiting agreement"));
        await charlie.GetByLabel("Yes, HMI Prisons agrees").CheckAsync();
        await charlie.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }).ClickAsync();
        await Expect(charlie.Locator("[data-field=answered]")).ToContainTextAsync("Your agreement has been recorded. The decision is now: agreed.");
        await Expect(charlie.Locator("[data-field=agreement-state]")).ToContainTextAsync("Agreed");

        // The public programme, read by someone who is not signed in.
        await using var visitor = await portal.NewContextAsync();
        var reader = await visitor.NewPageAsync();
        await reader.GotoAsync("/programmes/2021-23");
        var card = reader.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true });
        await Expect(card).ToHaveCountAsync(1);
        var href = await card.GetAttributeAsync("href");
        Assert.Matches(WorkstreamPath(), href);
        await card.ClickAsync();
        await reader.ArriveAtAsync($"**{href}");
        await Expect(reader.Locator("h1")).ToHaveTextAsync(Title);
        await Expect(reader.Locator("[data-field=agreed-by]")).ToHaveTextAsync("Agreed by HMI Prisons (lead), HMI Probation");

        var email = await portal.WaitForEmailAsync(Stakeholder, $"Decision on {reference}");
        var link = new Uri(portal.BaseAddress, href!.TrimStart('/')).ToString();
        Assert.Contains(Rationale, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(link, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", email.HtmlBody, StringComparison.Ordinal);
        var followed = await reader.GotoAsync(link);
        Assert.Equal(200, followed?.Status);
        await Expect(reader.Locator("h1")).ToHaveTextAsync(Title);

        PageChecks.AssertNone(failures);
    }

    /// <summary>The stakeholder's suggestion, sent through the /suggest pages; returns its reference.</summary>
    private async Task<string> SuggestAsync()
    {
        await using var context = await portal.NewContextAsync();
        return await BrowserSteps.SuggestAsync(
            await context.NewPageAsync(), Title, "Robin Marsh", Stakeholder, "HM Inspectorate of Prisons (HMI Prisons)", "Ofsted");
    }

    [GeneratedRegex("^/programmes/2021-23/workstreams/remand-of-children-in-marrowgate-ji-\\d{6}$")]
    private static partial Regex WorkstreamPath();
}
