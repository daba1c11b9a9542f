using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// A programme round's whole life in a real browser: the secretariat creates the next round from 2021–23, edits its
/// draft programme, enters its capacity and opens its consultation; a stakeholder suggests a topic for its first year; a
/// chief inspector assesses it against that year's capacity and accepts it; the public reads the new programme, and the
/// 2021–23 programme stays at its own address. Every page the rounds brought is checked with axe on the way.
/// </summary>
[Collection(PortalForANewRound.Name)]
public sealed partial class ProgrammeRoundTests(PortalBrowserFixture portal)
{
    private const string Secretariat = "Priya Shah";
    private const string ChiefInspector = "Justin Russell";

    /// <summary>A carried-forward thematic workstream the secretariat changes: led by HMI Prisons in 2021–23.</summary>
    private const string ChangedSlug = "neurodiversity-evidence-review";
    private const string ChangedTitle = "Neurodiversity in the CJS evidence review";
    private const string ChangedSummary = "A follow-up review of how the justice system meets the needs of neurodivergent people, led this time by HMI Probation.";

    private const string AddedTitle = "Bail accommodation for women leaving court";

    // A word no seeded text uses, so the queue's search finds the suggestion alone.
    private const string Word = "Larkhollow";
    private const string SuggestedTitle = $"Approved premises in {Word}";
    private const string Stakeholder = "larkhollow.resident@mail.example";

    /// <summary>Available inspector-days the secretariat enters: each inspectorate's short name, then the round's first and second year.</summary>
    private static readonly (string Code, string Name, int FirstYear, int SecondYear)[] Capacity =
    [
        ("hmicfrs", "HMICFRS", 800, 820),
        ("hmcpsi", "HMCPSI", 300, 310),
        ("hmi-probation", "HMI Probation", 650, 660),
        ("hmi-prisons", "HMI Prisons", 500, 520),
    ];

    private readonly NextRound round = NextRound.ByTheClock(DateTimeOffset.UtcNow);
    private readonly List<string> failures = [];

    [Fact]
    public async Task The_secretariat_runs_the_next_round_and_a_suggestion_for_its_first_year_is_accepted()
    {
        await using var secretariat = await portal.NewContextAsync();
        var staff = await secretariat.NewPageAsync();
        await SignInAsStaffAsync(staff, Secretariat, "/manage");

        await CreateTheNextRoundAsync(staff);
        await ChangeACarriedForwardWorkstreamAsync(staff);
        var addedSlug = await AddAWorkstreamAsync(staff);
        await LookAtWithdrawingAsync(staff, addedSlug);
        await EnterCapacityAsync(staff);
        await PreviewTheDraftAsync(staff);
        await CloseTheFirstRoundAsync(staff);
        await OpenTheNewRoundAsync(staff);

        var reference = await SuggestATopicForTheFirstYearAsync();
        await AssessAndAcceptAsync(reference);
        await ReadThePublicProgrammesAsync(reference, addedSlug);

        PageChecks.AssertNone(failures);
    }

    /// <summary>/manage, then the form for the next round with its year, title and carried-forward work filled in.</summary>
    private async Task CreateTheNextRoundAsync(IPage page)
    {
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage"));
        await Expect(page.Locator("tr[data-round='2021-23']")).ToBeVisibleAsync();
        await Expect(page.Locator($"tr[data-round='{round.Code}']")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create the next round" }).ClickAsync();
        await page.ArriveAtAsync("**/manage/rounds/new");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/new"));
        await Expect(page.GetByLabel("The year the programme starts")).ToHaveValueAsync(round.FirstYear.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync($"Joint inspection programme {round.Label}");
        var carryForward = page.GetByRole(AriaRole.Group, new() { Name = "Which workstreams of 2021–23 carry forward?" });
        // Rolling programmes and thematic work under way are ticked; finished and planned one-off work is not.
        await Expect(carryForward.GetByLabel("Police and UK Borders Authority custody inspections")).ToBeCheckedAsync();
        await Expect(carryForward.GetByLabel(ChangedTitle)).ToBeCheckedAsync();
        await Expect(carryForward.GetByLabel("Racial disproportionality within the CJS")).Not.ToBeCheckedAsync();
        var ticked = await carryForward.Locator("input:checked").CountAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Create the round" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}");
        await ExpectDoneAsync(page, $"Round {round.Label} created, with {ticked} workstreams carried forward. It is a draft: only staff can see it until its consultation opens.");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Joint inspection programme {round.Label}");
        await Expect(page.Locator("[data-field=state]")).ToHaveTextAsync("Draft");
        await Expect(page.Locator("[data-field=workstreams] tbody tr")).ToHaveCountAsync(ticked);
        await Expect(page.Locator("[data-field=capacity-source]")).ToContainTextAsync("Not entered yet");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round} after creating it"));
    }

    /// <summary>The carried-forward copy gets a new lead and summary; no reason is asked while the round is a draft.</summary>
    private async Task ChangeACarriedForwardWorkstreamAsync(IPage page)
    {
        var row = page.Locator($"[data-field=workstreams] tr[data-workstream='{ChangedSlug}']");
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("HMI Prisons");
        await row.GetByRole(AriaRole.Link, new() { Name = $"Change “{ChangedTitle}”" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}/workstreams/{ChangedSlug}");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Change “{ChangedTitle}”");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/workstreams/{slug}"));
        await Expect(page.GetByLabel("Why is this changing?")).ToHaveCountAsync(0);

        await page.GetByLabel("Summary").FillAsync(ChangedSummary);
        await Group(page, "Lead inspectorate").GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        var supporting = Group(page, "Supporting inspectorates");
        await supporting.GetByLabel("HM Inspectorate of Probation (HMI Probation)").UncheckAsync();
        await supporting.GetByLabel("HM Inspectorate of Prisons (HMI Prisons)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(RoundPage());
        await ExpectDoneAsync(page, new Regex($"^“{Regex.Escape(ChangedTitle)}” was changed\\. "));
        await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("HMI Probation");
    }

    /// <summary>New work for the round's second year, led by HMICFRS with two more inspectorates; returns its slug.</summary>
    private async Task<string> AddAWorkstreamAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a workstream" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}/workstreams/new");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Add a workstream");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/workstreams/new"));

        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(AddedTitle);
        await page.GetByLabel("Summary").FillAsync("Whether women granted bail have somewhere safe to live, and how police, prosecutors and probation share what they know.");
        await Group(page, "Section").GetByLabel("New work", new() { Exact = true }).CheckAsync();
        await Group(page, "Lead inspectorate").GetByLabel("HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS)").CheckAsync();
        await Group(page, "Supporting inspectorates").GetByLabel("HM Crown Prosecution Service Inspectorate (HMCPSI)").CheckAsync();
        await Group(page, "Supporting inspectorates").GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await Group(page, "Areas of focus").GetByLabel("Community safety").CheckAsync();
        await Group(page, "Programme year").GetByLabel(round.SecondYearLabel, new() { Exact = true }).CheckAsync();
        await Group(page, "Kind of work").GetByLabel("Inspection", new() { Exact = true }).CheckAsync();
        await Group(page, "Status").GetByLabel("Planned", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add the workstream" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(RoundPage());
        await ExpectDoneAsync(page, $"“{AddedTitle}” was added to the programme");
        var row = page.Locator("[data-field=workstreams] tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = AddedTitle, Exact = true }) });
        await Expect(row.Locator("td")).ToHaveTextAsync(new Regex[]
        {
            new(Regex.Escape(AddedTitle)), new("^New work$"), new("^HMICFRS$"), new($"^{round.SecondYearLabel}$"), new("^Planned$"), new("Change"),
        });
        return (await row.GetAttributeAsync("data-workstream"))!;
    }

    /// <summary>The page that asks before withdrawing a workstream, looked at and left without withdrawing.</summary>
    private async Task LookAtWithdrawingAsync(IPage page, string slug)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Withdraw “{AddedTitle}”" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}/workstreams/{slug}/withdraw");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Are you sure you want to withdraw “{AddedTitle}” from the {round.Label} programme?");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/workstreams/{slug}/withdraw"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RoundPage());
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = AddedTitle, Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>A negative figure comes back with everything as typed; then every figure is saved.</summary>
    private async Task EnterCapacityAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Change capacity for {round.Label}" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}/capacity");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/capacity"));
        foreach (var (_, name, first, second) in Capacity)
        {
            await CapacityField(page, round.FirstYearLabel, name).FillAsync(first.ToString(CultureInfo.InvariantCulture));
            await CapacityField(page, round.SecondYearLabel, name).FillAsync(second.ToString(CultureInfo.InvariantCulture));
        }

        var mistake = CapacityField(page, round.SecondYearLabel, "HMI Prisons");
        await mistake.FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save capacity" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync([$"HMI Prisons’ inspector-days for {round.SecondYearLabel} cannot be negative: enter 0 or more"]);
        await Expect(mistake).ToHaveValueAsync("-5");
        await Expect(CapacityField(page, round.FirstYearLabel, "HMI Probation")).ToHaveValueAsync(FirstYearCapacity("hmi-probation"));
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/capacity with an error"));

        await mistake.FillAsync(Capacity.Single(c => c.Code == "hmi-prisons").SecondYear.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save capacity" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}");
        await ExpectDoneAsync(page, $"Capacity for {round.Label} saved");
        foreach (var (code, _, first, second) in Capacity)
        {
            var figures = page.Locator($"[data-field=capacity] tr[data-inspectorate='{code}']");
            await Expect(figures.Locator($"td[data-year='{round.FirstYearCode}']")).ToHaveTextAsync(first.ToString("N0", CultureInfo.InvariantCulture));
            await Expect(figures.Locator($"td[data-year='{round.SecondYearCode}']")).ToHaveTextAsync(second.ToString("N0", CultureInfo.InvariantCulture));
        }

        await Expect(page.Locator("[data-field=capacity-source]")).ToHaveTextAsync(new Regex($"^Entered by {Secretariat} on "));
    }

    /// <summary>Staff read the draft as the public will, under a "Draft" banner; the public cannot read it yet.</summary>
    private async Task PreviewTheDraftAsync(IPage page)
    {
        failures.AddRange(await PageChecks.CheckAsync(page, $"/programmes/{round.Code}"));
        await Expect(page.Locator("[data-field=draft-preview]")).ToContainTextAsync("Only staff can see this programme.");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = AddedTitle, Exact = true })).ToBeVisibleAsync();

        await using var visitor = await portal.NewContextAsync();
        var reader = await visitor.NewPageAsync();
        Assert.Equal(404, (await reader.GotoAsync($"/programmes/{round.Code}"))?.Status);
    }

    /// <summary>A fresh portal's 2021–23 consultation is open, and two consultations may not overlap: it is closed first.</summary>
    private async Task CloseTheFirstRoundAsync(IPage page)
    {
        failures.AddRange(await PageChecks.CheckAsync(page, "/manage/rounds/2021-23/dates"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Close the consultation now" }).ClickAsync();
        await page.ArriveAtAsync("**/manage/rounds/2021-23");
        await ExpectDoneAsync(page, new Regex("^The 2021–23 consultation is closed\\. It closed at "));
        await Expect(page.Locator("[data-field=state]")).ToHaveTextAsync("Closed");
    }

    private async Task OpenTheNewRoundAsync(IPage page)
    {
        await page.GotoAsync($"/manage/rounds/{round.Code}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set the dates, open, close or extend the consultation" }).ClickAsync();
        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}/dates");
        await Expect(page.Locator("[data-field=state]")).ToContainTextAsync("The consultation is Draft.");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round}/dates"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the consultation now" }).ClickAsync();

        await page.ArriveAtAsync($"**/manage/rounds/{round.Code}");
        await ExpectDoneAsync(page, new Regex($"^The {round.Label} consultation is open\\. It closes at "));
        await Expect(page.Locator("[data-field=state]")).ToHaveTextAsync("Open");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/manage/rounds/{round} once open"));

        failures.AddRange(await PageChecks.CheckAsync(page, "/manage"));
        await Expect(page.Locator($"tr[data-round='{round.Code}'] strong")).ToHaveTextAsync("Open");
        await Expect(page.Locator("tr[data-round='2021-23'] strong")).ToHaveTextAsync("Closed");
        await Expect(page.Locator("tr[data-round='2021-23'] [data-field=response-clock]")).ToContainTextAsync("Response due by");
    }

    /// <summary>A stakeholder, not signed in, finds the new round's consultation and suggests a topic for its first year.</summary>
    private async Task<string> SuggestATopicForTheFirstYearAsync()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Have your say on the joint inspection programme {round.Label}");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/ once the new round is open"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest a topic" }).ClickAsync();
        await page.ArriveAtAsync("**/suggest");

        await page.GetByLabel("Title of the topic").FillAsync(SuggestedTitle);
        await page.GetByLabel("What should the inspection look at?").FillAsync("How approved premises keep residents and neighbours safe in the first weeks after release.");
        await page.GetByLabel("Why does it matter").FillAsync("The first weeks after release carry the highest risk of serious further offending.");
        await ContinueAsync(page, "suggest/scope");
        await page.GetByLabel("Management of people under criminal justice supervision").CheckAsync();
        await ContinueAsync(page, "suggest/inspectorates");
        var takingPart = Group(page, "Which inspectorates should take part?");
        await takingPart.GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await takingPart.GetByLabel("HM Inspectorate of Prisons (HMI Prisons)").CheckAsync();
        await Group(page, "Which inspectorate should lead it?").GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await ContinueAsync(page, "suggest/timing");

        // The round's own years, then later than the round, then not knowing: nothing from 2021–23.
        await Expect(page.Locator(".govuk-radios__label")).ToHaveTextAsync(
            [round.FirstYearLabel, round.SecondYearLabel, $"Later than {round.FirstYear + 2}", "I don’t know"]);
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/suggest/timing in the new round"));
        await page.GetByLabel(round.FirstYearLabel, new() { Exact = true }).CheckAsync();
        await ContinueAsync(page, "suggest/evidence");
        await ContinueAsync(page, "suggest/documents");
        await ContinueAsync(page, "suggest/about-you");
        await page.GetByLabel("Full name").FillAsync("Sam Okafor");
        await page.GetByLabel("Email address").FillAsync(Stakeholder);
        await page.GetByLabel("As an individual").CheckAsync();
        await page.GetByLabel("Publish my suggestion with my name").CheckAsync();
        await ContinueAsync(page, "suggest/check");
        await Expect(page.Locator("main")).ToContainTextAsync(round.FirstYearLabel);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Submission sent");
        return (await page.Locator(".govuk-panel--confirmation strong").InnerTextAsync()).Trim();
    }

    /// <summary>A chief inspector weighs the suggestion against the first year's capacity, then accepts it for that year.</summary>
    private async Task AssessAndAcceptAsync(string reference)
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsStaffAsync(page, ChiefInspector, "/triage");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(Word);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage?*q={Word}*");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await page.Locator($"tbody tr[data-reference={reference}] a[href='/triage/{reference}']").ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess risk and resources" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}/assess");

        // The year the stakeholder chose, against the capacity the secretariat entered for it.
        var capacity = page.Locator("[data-field=capacity]");
        await Expect(capacity.Locator("caption")).ToHaveTextAsync($"Capacity in {round.FirstYearLabel} (inspector-days)");
        await Expect(Group(page, "Programme year").Locator("label")).ToHaveTextAsync([round.FirstYearLabel, round.SecondYearLabel]);
        var probation = capacity.Locator("tr[data-inspectorate=hmi-probation] td");
        var available = FirstYearCapacity("hmi-probation");
        await Expect(probation.Nth(0)).ToHaveTextAsync(available);
        await Expect(capacity.Locator("tr[data-inspectorate=hmi-prisons] td").Nth(0)).ToHaveTextAsync(FirstYearCapacity("hmi-prisons"));

        await page.Locator("#likelihood-3").CheckAsync();
        await page.Locator("#impact-4").CheckAsync();
        await Group(page, "Programme year").GetByLabel(round.FirstYearLabel, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Inspector-days from HMI Probation").FillAsync("45");
        await page.GetByLabel("Inspector-days from HMI Prisons").FillAsync("20");
        await Expect(capacity.Locator("tr[data-inspectorate=hmi-probation] [data-requested]")).ToHaveTextAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");
        await Expect(probation.Nth(0)).ToHaveTextAsync(available);
        var committed = int.Parse(await probation.Nth(1).InnerTextAsync(), CultureInfo.InvariantCulture);
        await Expect(capacity.Locator("tr[data-inspectorate=hmi-probation] [data-left]")).ToHaveTextAsync((int.Parse(available, CultureInfo.InvariantCulture) - committed - 45).ToString(CultureInfo.InvariantCulture));
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/triage/{reference}/assess in the new round"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the decision" }).ClickAsync();
        await page.ArriveAtAsync($"**/triage/{reference}/decide");
        await page.GetByLabel("Accept: add it to the programme as a proposed workstream").CheckAsync();
        await Expect(page.GetByLabel("Title of the proposed workstream")).ToHaveValueAsync(SuggestedTitle);
        await Expect(Group(page, "Lead inspectorate").GetByLabel("HM Inspectorate of Probation (HMI Probation)")).ToBeCheckedAsync();
        var year = Group(page, "Programme year");
        await Expect(year.Locator("label")).ToHaveTextAsync([round.FirstYearLabel, round.SecondYearLabel]);
        await Expect(year.GetByLabel(round.FirstYearLabel, new() { Exact = true })).ToBeCheckedAsync();
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "/triage/{reference}/decide in the new round"));
        await page.GetByLabel("Full inspection").CheckAsync();
        await page.GetByLabel("Reasons for the decision").FillAsync("Approved premises are not in the programme, and HMI Probation has the days to lead it in its first year.");
        await RecordTheDecisionAsync(page, reference);
        await Expect(page.Locator("[data-field=decided]")).ToContainTextAsync($"Decision recorded on {reference}");

        // HMI Prisons supports the workstream, so its chief inspector agrees before the outcome goes out.
        await using var prisons = await portal.NewContextAsync();
        await AgreeAsync(prisons, "Charlie Taylor", "HMI Prisons", reference);
        await page.GotoAsync($"/triage/{reference}/decide");
        await Expect(page.Locator("[data-field=current] [data-field=outcome]"))
            .ToHaveTextAsync($"Accepted. It is now a proposed workstream in the draft programme: “{SuggestedTitle}”.");
    }

    /// <summary>
    /// The public read the new round's programme, with the proposed and the added work, and the stakeholder's outcome
    /// email links to it; 2021–23 keeps its own programme at its own address.
    /// </summary>
    private async Task ReadThePublicProgrammesAsync(string reference, string addedSlug)
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        failures.AddRange(await PageChecks.CheckAsync(page, $"/programmes/{round.Code}"));
        await Expect(page.Locator("h1")).ToHaveTextAsync($"Draft joint inspection programme {round.Label}");
        await Expect(page.Locator("[data-field=draft-preview]")).ToHaveCountAsync(0);
        // Edited while a draft nobody outside could read: there is no published draft to list changes against.
        await Expect(page.Locator("#changes")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = AddedTitle, Exact = true })).ToHaveAttributeAsync("href", $"/programmes/{round.Code}/workstreams/{addedSlug}");
        var proposed = page.GetByRole(AriaRole.Link, new() { Name = SuggestedTitle, Exact = true });
        await Expect(proposed).ToHaveAttributeAsync("href", ProposedWorkstreamPath(round.Code));
        var proposedPath = (await proposed.GetAttributeAsync("href"))!;
        await proposed.ClickAsync();
        await page.ArriveAtAsync($"**{proposedPath}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(SuggestedTitle);
        await Expect(page.Locator("main")).ToContainTextAsync(round.FirstYearLabel);
        failures.AddRange(await PageChecks.CheckShownAsync(page, "/programmes/{round}/workstreams/{proposed}"));
        failures.AddRange(await PageChecks.CheckAsync(page, $"/programmes/{round.Code}/workstreams/{addedSlug}"));
        await Expect(page.Locator("h1")).ToHaveTextAsync(AddedTitle);

        // The stakeholder is told, with a link to the proposed workstream at the new round's address.
        var email = await portal.WaitForEmailAsync(Stakeholder, $"Decision on {reference}");
        Assert.Contains(new Uri(portal.BaseAddress, proposedPath.TrimStart('/')).ToString(), email.TextBody, StringComparison.Ordinal);

        await page.GotoAsync($"/programmes/{round.Code}/workstreams/{ChangedSlug}");
        await Expect(page.Locator("main")).ToContainTextAsync(ChangedSummary);

        failures.AddRange(await PageChecks.CheckAsync(page, "/programmes/2021-23"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Draft joint inspection programme 2021–23");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Racial disproportionality within the CJS", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = AddedTitle, Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = SuggestedTitle, Exact = true })).ToHaveCountAsync(0);
        // The copy was changed, not the workstream it was carried from.
        await page.GotoAsync($"/programmes/2021-23/workstreams/{ChangedSlug}");
        await Expect(page.Locator("h1")).ToHaveTextAsync(ChangedTitle);
        await Expect(page.Locator("main")).Not.ToContainTextAsync(ChangedSummary);

        await page.GotoAsync("/programme");
        await Expect(page).ToHaveURLAsync(new Regex($"/programmes/{round.Code}$"));
    }

    private static string FirstYearCapacity(string inspectorate) =>
        Capacity.Single(c => c.Code == inspectorate).FirstYear.ToString(CultureInfo.InvariantCulture);

    private static ILocator Group(IPage page, string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

    private static ILocator CapacityField(IPage page, string yearLabel, string inspectorate) =>
        Group(page, yearLabel).GetByLabel(inspectorate, new() { Exact = true });

    private static Task ExpectDoneAsync(IPage page, string message) => Expect(page.Locator("[data-field=done]")).ToHaveTextAsync(message);

    private static Task ExpectDoneAsync(IPage page, Regex message) => Expect(page.Locator("[data-field=done]")).ToHaveTextAsync(message);

    private Regex RoundPage() => new($"/manage/rounds/{Regex.Escape(round.Code)}(#programme)?$");

    private static Regex ProposedWorkstreamPath(string code) => new($"^/programmes/{Regex.Escape(code)}/workstreams/approved-premises-in-larkhollow-ji-\\d{{6}}$");

    /// <summary>
    /// The round the secretariat can create next: rounds run two years at a time from 2021, and a new one must not have
    /// begun (its first programme year starts on 1 April), so this is worked out from the clock, never read off the page.
    /// </summary>
    private sealed record NextRound(int FirstYear)
    {
        public static NextRound ByTheClock(DateTimeOffset now)
        {
            var year = 2021;
            while (new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.Zero) <= now)
            {
                year += 2;
            }

            return new NextRound(year);
        }

        /// <summary>"2027-29": the round's address.</summary>
        public string Code => $"{FirstYear}-{(FirstYear + 2) % 100:00}";

        /// <summary>"2027–29", as pages write it.</summary>
        public string Label => Code.Replace('-', '–');

        public string FirstYearCode => YearCode(FirstYear);

        public string SecondYearCode => YearCode(FirstYear + 1);

        public string FirstYearLabel => FirstYearCode.Replace('-', '–');

        public string SecondYearLabel => SecondYearCode.Replace('-', '–');

        private static string YearCode(int year) => $"{year}-{(year + 1) % 100:00}";
    }
}
