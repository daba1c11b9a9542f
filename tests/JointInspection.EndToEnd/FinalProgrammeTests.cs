using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using JointInspection.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// The final programme in Chromium: before the chair finalises the round its address says it is not final yet; once
/// finalised, the programme page links to it, it passes axe, its print stylesheet applies when printed, and its Word
/// document downloads and opens with the programme's workstreams.
/// </summary>
[Collection(PortalForAFinalProgramme.Name)]
public sealed class FinalProgrammeTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task The_final_programme_is_published_once_the_round_is_finalised_and_passes_axe()
    {
        await using var context = await portal.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await context.NewPageAsync();

        var failures = new List<string>(await PageChecks.CheckAsync(page, "/programmes/2021-23/final", expectedStatus: 404));
        await Expect(page.Locator("h1")).ToHaveTextAsync("The 2021–23 programme is not final yet");

        await FinaliseAsync();
        await page.GotoAsync("/programmes/2021-23");
        await page.GetByRole(AriaRole.Link, new() { Name = "Read the final programme for 2021–23" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/programmes/2021-23/final").ToString());
        failures.AddRange(await PageChecks.CheckShownAsync(page, "final programme"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Joint inspection programme 2021–23");
        var rows = await page.Locator("tr[data-workstream]").CountAsync();
        Assert.True(rows >= 16, $"expected the 16 seeded workstreams at least, found {rows}");

        // Printed, the site's navigation goes and each section starts a page.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".govuk-service-navigation")).ToBeHiddenAsync();
        await Expect(page.Locator("footer")).ToBeHiddenAsync();
        Assert.Equal("page", await page.Locator("section:has(#context)").EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(page.Locator(".govuk-service-navigation")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the programme as a Word document (.docx)" }).ClickAsync());
        Assert.Equal("joint-inspection-programme-2021-23.docx", download.SuggestedFilename);
        var path = await download.PathAsync();
        using (var document = WordprocessingDocument.Open(path, isEditable: false))
        {
            var titles = document.MainDocumentPart!.Document!.Body!.Elements<Table>()
                .SelectMany(t => t.Elements<TableRow>().Skip(1))
                .Select(r => r.Elements<TableCell>().First().InnerText)
                .ToList();
            Assert.Equal(rows, titles.Count);
            Assert.Contains("Mental health", titles);
        }

        PageChecks.AssertNone(failures);
    }

    private Task FinaliseAsync() => Conclusions.FinaliseAsync(portal.Services);
}
