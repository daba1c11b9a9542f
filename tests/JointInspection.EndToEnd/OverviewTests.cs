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

    private static async Task<IPage> SignedInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage/overview");
        Assert.Equal("Risk and resources", (await page.Locator("h1").InnerTextAsync()).Trim());
        return page;
    }
}
