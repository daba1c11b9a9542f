using System.Net.Http.Json;
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
        await page.WaitForURLAsync("**/triage?*kind=response*");
        Assert.Equal("No submissions match these filters.", (await page.Locator("[data-field=none]").InnerTextAsync()).Trim());
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "/triage filtered"));

        await page.GetByLabel("Kind").SelectOptionAsync("suggestion");
        await page.GetByLabel("Search titles and text").FillAsync("Quillbury");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync("**/triage?*q=Quillbury*");
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());

        // The assessment page, with its risk descriptors and capacity table, and its error state.
        await page.Locator("tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Assess risk and resources" }).ClickAsync();
        await page.WaitForURLAsync("**/assess");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "assessment"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToHaveCountAsync(1);
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "assessment with errors"));
        PageChecks.AssertNone(failures);
    }
}
