using System.Net.Http.Json;
using System.Text.RegularExpressions;
using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>The staff triage queue in the browser: filtering through its form, and accessible as it is.</summary>
[Collection(PortalInABrowser.Name)]
public sealed class TriageTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task A_secretariat_officer_filters_the_triage_queue()
    {
        using (var client = portal.CreateHttpClient())
        {
            // A word no other test in the collection uses, so the search below finds this one submission whatever ran first.
            using var sent = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion("Remand <b>waiting</b> times in Quillbury"));
            sent.EnsureSuccessStatusCode();
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage");
        Assert.Equal("Triage queue", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Remand <b>waiting</b> times", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "/triage"));

        await page.GetByLabel("Kind").SelectOptionAsync("response");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync("**/triage?*kind=response*");
        Assert.Equal("No submissions match these filters.", (await page.Locator("[data-field=none]").InnerTextAsync()).Trim());
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "/triage filtered"));

        await page.GetByLabel("Kind").SelectOptionAsync("suggestion");
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("Quillbury");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync("**/triage?*q=Quillbury*");
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());

        // The assessment page, with its risk descriptors and capacity table, and its error state.
        await page.Locator("tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess risk and resources" }).ClickAsync();
        await page.ArriveAtAsync("**/assess");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "assessment"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(1);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "assessment with errors"));
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task A_secretariat_officer_finds_a_submission_by_reference_name_and_email_from_the_queue()
    {
        CreatedSubmission sent;
        using (var client = portal.CreateHttpClient())
        {
            // A name and address no other test in the collection uses, so each search finds this submission alone.
            sent = await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion(
                "Bail hostels and housing", name: "Ottoline Brackenridge", email: "o.brackenridge@fernhollow.example"));
        }

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage");

        await SearchAsync(page, "Ottoline Brackenridge", "**/triage?*q=Ottoline+Brackenridge*");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tbody tr[data-reference={sent.Reference}]")).ToHaveCountAsync(1);

        await SearchAsync(page, "o.brackenridge@fernhollow.example", "**/triage?*q=o.brackenridge%40fernhollow.example*");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tbody tr[data-reference={sent.Reference}]")).ToHaveCountAsync(1);

        // A reference is a request for that submission: the search goes straight to it.
        await SearchAsync(page, sent.Reference.ToLowerInvariant(), $"**/triage/{sent.Reference}");
        await Expect(page.Locator("h1")).ToContainTextAsync(sent.Reference);
    }

    [Fact]
    public async Task The_queue_fits_the_screen_at_1280_and_390_pixels_wide()
    {
        using (var client = portal.CreateHttpClient())
        {
            // A long unbroken title is what pushes a table wider than its page.
            using var sent = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion(
                "Resettlement-and-rehabilitation-of-prison-leavers-across-every-probation-region in Wales and England"));
            sent.EnsureSuccessStatusCode();
        }

        await using var context = await portal.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage");

        Assert.True(await PageFitsAsync(page), await WidthsAsync(page));
        var viewport = await page.EvaluateAsync<double>("() => window.innerWidth");
        var riskHeader = await page.Locator("thead th").Last.BoundingBoxAsync();
        var riskCell = await page.Locator("tbody tr [data-field=risk]").First.BoundingBoxAsync();
        var pane = await page.GetByRole(AriaRole.Region, new() { Name = "Submissions table, scrolls sideways" }).BoundingBoxAsync();
        Assert.NotNull(riskHeader);
        Assert.NotNull(riskCell);
        Assert.NotNull(pane);
        Assert.StartsWith("Risk score", (await page.Locator("thead th").Last.InnerTextAsync()).Trim(), StringComparison.Ordinal);
        Assert.True(riskCell.X + riskCell.Width <= Math.Min(viewport, pane.X + pane.Width) + 0.5,
            $"the risk score ends at {riskCell.X + riskCell.Width}px; the viewport is {viewport}px and the table's box ends at {pane.X + pane.Width}px");
        Assert.True(riskHeader.X + riskHeader.Width <= Math.Min(viewport, pane.X + pane.Width) + 0.5);
        await AssertLabelsWholeAsync(page);

        await page.SetViewportSizeAsync(390, 844);
        await page.ReloadAsync();
        Assert.True(await PageFitsAsync(page), await WidthsAsync(page));
        // On a narrow screen the filter waits behind a button, and opens over the list with every label whole.
        await page.GetByRole(AriaRole.Button, new() { Name = "Show filter" }).ClickAsync();
        await Expect(page.GetByLabel("Kind")).ToBeVisibleAsync();
        await AssertLabelsWholeAsync(page);
        Assert.True(await PageFitsAsync(page), await WidthsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(page.GetByLabel("Kind")).ToBeHiddenAsync();

        // The table scrolls inside its own box, which a keyboard user can reach and scroll.
        var region = page.GetByRole(AriaRole.Region, new() { Name = "Submissions table, scrolls sideways" });
        await region.FocusAsync();
        await Expect(region).ToBeFocusedAsync();
        Assert.True(await region.EvaluateAsync<bool>("pane => pane.scrollWidth > pane.clientWidth"), "at 390px the table should scroll inside its box");

        // Without JavaScript the filter sits above the list, whole, and the page still fits.
        await using var noScript = await portal.NewContextAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            JavaScriptEnabled = false,
            StorageState = await context.StorageStateAsync(),
        });
        var plain = await noScript.NewPageAsync();
        await plain.GotoAsync("/triage");
        await Expect(plain.GetByLabel("Kind")).ToBeVisibleAsync();
        await AssertLabelsWholeAsync(plain);
        Assert.True(await PageFitsAsync(plain), await WidthsAsync(plain));
    }

    [Fact]
    public async Task The_queue_sorts_by_its_headings_through_the_server_without_JavaScript()
    {
        // Signing in takes JavaScript (the provider posts its answer back with a script); the queue itself does not.
        string signedIn;
        await using (var signingIn = await portal.NewContextAsync())
        {
            await BrowserSteps.SignInAsStaffAsync(await signingIn.NewPageAsync(), "Priya Shah", "/triage");
            signedIn = await signingIn.StorageStateAsync();
        }

        await using var context = await portal.NewContextAsync(new() { JavaScriptEnabled = false, StorageState = signedIn });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/triage");

        var received = page.Locator("thead th", new() { HasText = "Received" });
        await Expect(received).ToHaveAttributeAsync("aria-sort", "descending");
        await received.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/triage\\?sort=oldest$"));
        await Expect(page.Locator("thead th", new() { HasText = "Received" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.GetByLabel("Sort by")).ToHaveValueAsync("oldest");

        await page.Locator("thead th", new() { HasText = "Risk score" }).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/triage\\?sort=risk$"));
        await Expect(page.Locator("thead th", new() { HasText = "Risk score" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("thead th", new() { HasText = "Received" })).ToHaveAttributeAsync("aria-sort", "none");
        await Expect(page.GetByLabel("Sort by")).ToHaveValueAsync("risk");
    }

    /// <summary>Searches the queue for <paramref name="words"/> and waits for the page the search leads to, so nothing is read from the page before it.</summary>
    private static async Task SearchAsync(IPage page, string words, string arrivingAt)
    {
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(words);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.ArriveAtAsync(arrivingAt);
    }

    private static Task<bool> PageFitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");

    private static Task<string> WidthsAsync(IPage page) =>
        page.EvaluateAsync<string>(
            """
            () => `the page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window; too wide: `
                + [...document.querySelectorAll('body *')]
                    .filter(element => element.getBoundingClientRect().right > window.innerWidth + 0.5)
                    .slice(0, 5)
                    .map(element => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)}px)`)
                    .join(', ')
            """);

    /// <summary>Every visible label of the filter shows all its text: none is clipped or runs out of the window.</summary>
    private static async Task AssertLabelsWholeAsync(IPage page)
    {
        var cut = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('.moj-filter label, .moj-filter select, .moj-filter input')]
                .filter(element => element.offsetParent !== null)
                .filter(element => {
                    const box = element.getBoundingClientRect();
                    return element.scrollWidth > element.clientWidth + 1 || box.left < 0 || box.right > window.innerWidth + 0.5;
                })
                .map(element => `${element.id || element.htmlFor || element.textContent.trim()}: ${element.scrollWidth}px of text in ${element.clientWidth}px, right edge ${element.getBoundingClientRect().right}px`)
            """);
        Assert.True(cut.Length == 0, string.Join(Environment.NewLine, cut));
    }
}
