using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>The risk and resources overview in the browser: empty on a new database, and with an assessed suggestion, accessible both ways.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class OverviewTests(PortalBrowserFixture portal)
{
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
        await page.WaitForURLAsync("**/assess?saved=1");

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
        await page.WaitForURLAsync($"**/triage/{reference}/assess");
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
        await page.WaitForURLAsync("**/triage/overview?*#scenario");
        Assert.Contains($"accept={references[0]}", page.Url, StringComparison.Ordinal);
        Assert.Contains($"accept={references[1]}", page.Url, StringComparison.Ordinal);

        var row = page.Locator("table[data-scenario-year='2022-23'] tr[data-inspectorate=hmcpsi]");
        await Expect(row.Locator("[data-field=change]")).ToHaveTextAsync("+400");
        var available = Number(await row.Locator("[data-field=available]").InnerTextAsync());
        var committed = Number(await row.Locator("[data-field=committed]").InnerTextAsync());
        var left = available - committed - 400;
        Assert.True(left < 0, $"HMCPSI would have {left} left");
        await Expect(row.Locator("[data-value]")).ToHaveTextAsync(left.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(row.Locator("[data-field=over]")).ToHaveTextAsync($"Over by {-left:N0}");
        await Expect(page.Locator("[data-field=scenario-summary] .govuk-warning-text").First)
            .ToContainTextAsync($"Accepting these 2 would take HMCPSI over its 2022–23 capacity by {-left:N0} inspector-days");
        // HMICFRS is named, so its 10 days each are drawn too; the other year is untouched.
        await Expect(page.Locator("table[data-scenario-year='2022-23'] tr[data-inspectorate=hmicfrs] [data-field=change]")).ToHaveTextAsync("+20");
        await Expect(page.Locator("table[data-scenario-year='2021-22'] tr[data-inspectorate=hmcpsi] [data-field=change]")).ToHaveTextAsync("0");
        await Expect(form.GetByLabel("Charging delays in Quellbury")).ToBeCheckedAsync();

        var failures = await PageChecks.CheckShownAsync(page, "/triage/overview with a scenario");

        // Nothing was accepted: the suggestions still wait for a decision, and the capacity table above still counts them as such.
        await page.GotoAsync($"/triage/{references[0]}");
        await Expect(page.Locator("[data-field=decision]")).ToHaveTextAsync("No decision yet");
        PageChecks.AssertNone(failures);
    }

    private static int Number(string text) => int.Parse(text.Trim().Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage/overview");
        Assert.Equal("Risk and resources", (await page.Locator("h1").InnerTextAsync()).Trim());
        return page;
    }
}
