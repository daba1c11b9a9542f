using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>The risk and resources overview in the browser: empty on a new database, and with an assessed suggestion, accessible both ways.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class OverviewTests(PortalBrowserFixture portal)
{
    private static readonly string[] Hmicfrs = ["hmicfrs"];
    private static readonly string[] BringingOffendersToJustice = ["bringing-offenders-to-justice"];

    [Fact]
    public async Task The_overview_is_accessible_empty_and_with_an_assessed_suggestion()
    {
        var failures = new List<string>();

        // Other tests in the collection may assess suggestions, so the empty state gets a portal of its own.
        using (var fresh = new PortalWithDevIdentity())
        {
            // A portal's first request pays for compiling the pipeline, which on a busy machine can outlast the
            // browser's navigation timeout; an HTTP client waits for it.
            using (var warmUp = new HttpClient { BaseAddress = fresh.BaseAddress })
            {
                (await warmUp.GetAsync("/")).EnsureSuccessStatusCode();
            }

            await using var emptyContext = await portal.Browser.NewContextAsync(new() { BaseURL = fresh.BaseAddress.ToString() });
            emptyContext.SetDefaultTimeout(10_000);
            var empty = await SignedInAsync(emptyContext);
            Assert.Equal("No suggestions have been assessed yet.", (await empty.Locator("[data-field=none]").InnerTextAsync()).Trim());
            Assert.Equal(0, await empty.Locator("svg.app-risk-matrix circle").CountAsync());
            failures.AddRange(await PageChecks.CheckAsync(empty, "/triage/overview"));
        }

        string reference;
        using (var client = portal.CreateHttpClient())
        {
            // A word no other test in the collection uses, so the row found below is this one.
            reference = (await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Probation caseloads in Wrenford"))).Reference;
        }

        await using var context = await portal.NewContextAsync();
        var page = await SignedInAsync(context);
        await page.GotoAsync($"/triage/{reference}/assess");
        await page.Locator("#likelihood-4").CheckAsync();
        await page.Locator("#impact-3").CheckAsync();
        await page.Locator("#programmeYear-2022-23").CheckAsync();
        await page.Locator("#days-hmi-probation").FillAsync("45");
        await page.Locator("#days-hmcpsi").FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await page.ArriveAtAsync("**/assess?saved=1");

        // The capacity table follows the days as they are typed, before anything is sent.
        var left = page.Locator("[data-field=capacity] tr[data-inspectorate=hmi-probation] [data-left]");
        var before = int.Parse((await left.InnerTextAsync()).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-check-capacity]")).ToHaveCountAsync(0);
        await page.Locator("#days-hmi-probation").FillAsync("145");
        await Expect(left).ToHaveTextAsync((before - 100).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("[data-field=capacity] tr[data-inspectorate=hmi-probation] [data-requested]")).ToHaveTextAsync("145");
        await page.Locator("#days-hmi-probation").FillAsync("45");
        await Expect(left).ToHaveTextAsync(before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("/assess?saved=1", page.Url, StringComparison.Ordinal);

        failures.AddRange(await PageChecks.CheckAsync(page, "/triage/overview"));
        var row = page.Locator($"tr[data-reference={reference}]");
        Assert.Equal("Probation caseloads in Wrenford", (await row.Locator("[data-field=title]").InnerTextAsync()).Trim());
        Assert.Equal("12", (await row.Locator("[data-field=score]").InnerTextAsync()).Trim());
        Assert.Equal("High", (await row.Locator("[data-field=band]").InnerTextAsync()).Trim());
        Assert.Equal("60", (await row.Locator("[data-field=days]").InnerTextAsync()).Trim());
        var circle = page.Locator($"svg.app-risk-matrix circle[data-reference={reference}]");
        Assert.Equal(
            $"{reference}: Probation caseloads in Wrenford. Risk score 12 (high), 60 inspector-days.",
            await circle.Locator("title").TextContentAsync());
        await Expect(circle).ToBeVisibleAsync();

        // The table's link is the keyboard's way to the assessment.
        await row.GetByRole(AriaRole.Link).PressAsync("Enter");
        await page.ArriveAtAsync($"**/triage/{reference}/assess");
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task A_chief_inspector_ticks_two_suggestions_and_sees_what_accepting_them_would_leave_without_saving_it()
    {
        var references = new List<string>();
        using (var client = portal.CreateHttpClient())
        {
            // Words no other test in the collection uses, so the boxes ticked below are these.
            foreach (var title in new[] { "Charging delays in Quellbury", "Disclosure failures in Quellbury" })
            {
                references.Add((await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion(title))).Reference);
            }
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Justin Russell", "/triage");
        // The sample suggestion names HMCPSI (its lead) and HMICFRS: 200 HMCPSI days each in 2022–23, where HMCPSI has 260.
        foreach (var reference in references)
        {
            await page.GotoAsync($"/triage/{reference}/assess");
            await page.Locator("#likelihood-4").CheckAsync();
            await page.Locator("#impact-4").CheckAsync();
            await page.Locator("#programmeYear-2022-23").CheckAsync();
            await page.Locator("#days-hmcpsi").FillAsync("200");
            await page.Locator("#days-hmicfrs").FillAsync("10");
            await page.Locator("#overCapacityReason").FillAsync("Other work in the test portal may have taken HMCPSI's days.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
            await Expect(page.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");
        }

        await page.GotoAsync("/triage/overview");
        var form = page.Locator("form[data-scenario-form]");
        await form.GetByLabel("Charging delays in Quellbury").CheckAsync();
        await form.GetByLabel("Disclosure failures in Quellbury").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Show what this would leave" }).ClickAsync();
        await page.ArriveAtAsync("**/triage/overview?*#scenario");
        Assert.Contains($"accept={references[0]}", page.Url, StringComparison.Ordinal);
        Assert.Contains($"accept={references[1]}", page.Url, StringComparison.Ordinal);

        // Two inspectorates take part in each, so accepting them would hold the days provisionally until both agree.
        var row = page.Locator("table[data-scenario-year='2022-23'] tr[data-inspectorate=hmcpsi]");
        await Expect(row.Locator("[data-field=provisional-change]")).ToHaveTextAsync("+400");
        await Expect(row.Locator("[data-field=committed-change]")).ToHaveTextAsync("0");
        var available = Number(await row.Locator("[data-field=available]").InnerTextAsync());
        var committed = Number(await row.Locator("[data-field=committed]").InnerTextAsync());
        var provisional = Number(await row.Locator("[data-field=provisional]").InnerTextAsync());
        var left = available - committed - provisional - 400;
        Assert.True(left < 0, $"HMCPSI would have {left} left");
        await Expect(row.Locator("[data-value]")).ToHaveTextAsync(left.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.Locator("[data-field=over]")).ToHaveTextAsync($"Over by {-left:N0}");
        await Expect(page.Locator("[data-field=scenario-summary] .govuk-warning-text").First)
            .ToContainTextAsync($"Accepting these 2 would take HMCPSI over its 2022–23 capacity by {-left:N0} inspector-days");
        // HMICFRS is named, so its 10 days each are drawn too; the other year is untouched.
        await Expect(page.Locator("table[data-scenario-year='2022-23'] tr[data-inspectorate=hmicfrs] [data-field=provisional-change]")).ToHaveTextAsync("+20");
        await Expect(page.Locator("table[data-scenario-year='2021-22'] tr[data-inspectorate=hmcpsi] [data-field=provisional-change]")).ToHaveTextAsync("0");
        await Expect(page.Locator("table[data-scenario-year='2021-22'] tr[data-inspectorate=hmcpsi] [data-field=committed-change]")).ToHaveTextAsync("0");
        await Expect(form.GetByLabel("Charging delays in Quellbury")).ToBeCheckedAsync();

        var failures = await PageChecks.CheckShownAsync(page, "/triage/overview with a scenario");

        // Nothing was accepted: the suggestions still wait for a decision, and the capacity table above still counts them as such.
        await page.GotoAsync($"/triage/{references[0]}");
        await Expect(page.Locator("[data-field=decision]")).ToHaveTextAsync("No decision yet");
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task A_move_to_the_other_year_is_seen_before_it_is_saved_by_whoever_may_save_it()
    {
        // A portal of its own: the joint proposal this makes stays awaiting agreement, which would hold back a release of
        // the shared portal's outcomes.
        using var fresh = new PortalWithDevIdentity();
        string reference;
        using (var client = new HttpClient { BaseAddress = fresh.BaseAddress })
        {
            // The first request pays for compiling the pipeline, which can outlast the browser's navigation timeout.
            (await client.GetAsync("/")).EnsureSuccessStatusCode();
            // HMCPSI leads and HMICFRS supports, so accepting it needs HMICFRS's agreement too.
            reference = (await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Witness waiting rooms in Quellmere"))).Reference;
        }

        await using var andrewContext = await NewContextAsync(fresh);
        var andrew = await andrewContext.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(andrew, "Andrew Cayley", "/triage");
        await andrew.GotoAsync($"/triage/{reference}/assess");
        await andrew.Locator("#likelihood-3").CheckAsync();
        await andrew.Locator("#impact-3").CheckAsync();
        await andrew.Locator("#programmeYear-2022-23").CheckAsync();
        await andrew.Locator("#days-hmcpsi").FillAsync("5");
        await andrew.Locator("#days-hmicfrs").FillAsync("4");
        await andrew.Locator("#overCapacityReason").FillAsync("Other work in the test portal may have taken the days.");
        await andrew.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(andrew.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");
        // Accepted through the API (the decision page is another test's): awaiting HMICFRS's agreement, its days provisional.
        var accepted = await andrew.APIRequest.PostAsync($"/api/v1/submissions/{reference}/decision", new()
        {
            DataObject = new
            {
                version = 0,
                outcome = "accept",
                rationale = "Waiting rooms matter to witnesses.",
                overCapacityReason = "Other work in the test portal may have taken the days.",
                workstream = new
                {
                    title = "Witness waiting rooms in Quellmere",
                    summary = "Where witnesses wait before giving evidence.",
                    lead = "hmcpsi",
                    supporting = Hmicfrs,
                    areasOfFocus = BringingOffendersToJustice,
                    programmeYear = "2022-23",
                    kind = "inspection",
                },
            },
        });
        Assert.Equal(200, accepted.Status);

        var failures = new List<string>();
        await andrew.GotoAsync("/triage/overview");
        var form = andrew.Locator("form[data-scenario-form]");
        await form.GetByLabel("Witness waiting rooms in Quellmere").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Show what this would leave" }).ClickAsync();
        await andrew.ArriveAtAsync("**/triage/overview?*#scenario");
        var shown = await ScenarioFiguresAsync(andrew, "2021-22", "hmcpsi");
        await andrew.GetByRole(AriaRole.Link, new() { Name = "Move it to 2021–22" }).ClickAsync();
        await andrew.ArriveAtAsync($"**/triage/{reference}/move?to=2021-22");
        await Expect(andrew.Locator("h1")).ToHaveTextAsync("Move “Witness waiting rooms in Quellmere” to 2021–22");
        await Expect(andrew.Locator("[data-field=move]")).ToContainTextAsync("HMICFRS will be asked to agree again");
        Assert.Equal(shown, await ScenarioFiguresAsync(andrew, "2021-22", "hmcpsi"));
        await Expect(andrew.Locator("table[data-scenario-year='2021-22'] tr[data-inspectorate=hmcpsi] [data-field=provisional-change]")).ToHaveTextAsync("+5");
        await Expect(andrew.Locator("#rationale")).ToHaveValueAsync("Waiting rooms matter to witnesses.");
        failures.AddRange(await PageChecks.CheckShownAsync(andrew, "/triage/{reference}/move"));
        // The revised decision's email, as the respondent would get it once HMICFRS agreed: shown, and nothing saved.
        await andrew.GetByRole(AriaRole.Button, new() { Name = "Preview the email" }).ClickAsync();
        await Expect(andrew.Locator("[data-field=preview-body]")).ToContainTextAsync("Waiting rooms matter to witnesses.");
        await Expect(andrew.Locator("[data-field=when-sent]")).ToContainTextAsync("It will be sent once HMICFRS has agreed the move");
        failures.AddRange(await PageChecks.CheckShownAsync(andrew, "/triage/{reference}/move, previewing the email"));
        await andrew.GetByRole(AriaRole.Button, new() { Name = "Change the reasons" }).ClickAsync();
        await Expect(andrew.Locator("#rationale")).ToHaveValueAsync("Waiting rooms matter to witnesses.");
        await andrew.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await andrew.ArriveAtAsync("**/triage/overview?*#scenario");
        await Expect(andrew.Locator("table[data-capacity-year='2022-23'] tr[data-inspectorate=hmcpsi] [data-field=provisional]")).ToHaveTextAsync("5");

        // The plan's own work is the secretariat's to move: the same figures, on its page in /manage.
        await using var priyaContext = await NewContextAsync(fresh);
        var priya = await priyaContext.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(priya, "Priya Shah", "/triage/overview?move=girls-in-custody&scenario=show");
        var planShown = await ScenarioFiguresAsync(priya, "2022-23", "hmi-prisons");
        await priya.GetByRole(AriaRole.Link, new() { Name = "Move it to 2022–23" }).ClickAsync();
        await priya.ArriveAtAsync("**/manage/rounds/2021-23/workstreams/girls-in-custody/programme-year?to=2022-23");
        Assert.Equal(planShown, await ScenarioFiguresAsync(priya, "2022-23", "hmi-prisons"));
        await Expect(priya.Locator("table[data-scenario-year='2022-23'] tr[data-inspectorate=hmi-prisons] [data-field=committed-change]")).ToHaveTextAsync("+60");
        failures.AddRange(await PageChecks.CheckShownAsync(priya, "/manage/rounds/2021-23/workstreams/girls-in-custody/programme-year"));
        await priya.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await priya.ArriveAtAsync("**/manage/rounds/2021-23#programme");

        // Seeing it saved nothing: both are still where they were.
        await Expect(priya.Locator("[data-workstream=girls-in-custody]")).ToContainTextAsync("2021–22");
        PageChecks.AssertNone(failures);
    }

    private async Task<IBrowserContext> NewContextAsync(PortalWithDevIdentity fresh)
    {
        var context = await portal.Browser.NewContextAsync(new() { BaseURL = fresh.BaseAddress.ToString() });
        context.SetDefaultTimeout(10_000);
        return context;
    }

    /// <summary>A scenario table's row as its cells read, for comparing one page's figures with another's.</summary>
    private static async Task<string> ScenarioFiguresAsync(IPage page, string year, string code) =>
        string.Join("|", await page.Locator($"table[data-scenario-year='{year}'] tr[data-inspectorate={code}] td").AllInnerTextsAsync());

    private static int Number(string text) => int.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage/overview");
        Assert.Equal("Risk and resources", (await page.Locator("h1").InnerTextAsync()).Trim());
        return page;
    }
}
