using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// An export in the browser: the secretariat follows "Export these submissions" from a filtered queue, sees the filter
/// it will export, chooses CSV, watches the export's page until its download link appears, and downloads the file. The
/// request page, its error and the finished export's page pass axe.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed class ExportTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task The_secretariat_exports_the_queues_view_and_downloads_it()
    {
        var failures = new List<string>();
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await BrowserSteps.SignInAsStaffAsync(page, "Priya Shah", "/triage?kind=suggestion");

        await page.GetByRole(AriaRole.Link, new() { Name = "Export these submissions" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/triage/exports/new\\?kind=suggestion$"));
        await Expect(page.Locator("[data-field=filter]")).ToContainTextAsync("Suggestions");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "export request"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select CSV or XLSX");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "export request with an error"));

        await page.GetByLabel("CSV", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/triage/exports/\\d+$"));
        // The page moves itself on (export-progress.mjs); without JavaScript its Refresh link would.
        var download = page.Locator("[data-field=download]");
        await Expect(download).ToBeVisibleAsync();
        await Expect(page.Locator("[data-field=removed-after]")).ToContainTextAsync("removed a day after it was written");
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "export ready"));

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        Assert.EndsWith(".csv", file.SuggestedFilename, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(await file.PathAsync());
        Assert.StartsWith("Reference,Programme round,Kind,", text, StringComparison.Ordinal);

        PageChecks.AssertNone(failures);
    }
}
