using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>What the public read once the round is concluded: the outcome, the published responses and the final programme.</summary>
public sealed partial class ConclusionJourneyTests
{
    private const string OutcomeLink = "Read what respondents said and what the chief inspectors decided";
    private const string FinalProgrammeLink = $"Read the final programme for {RoundLabel}";

    /// <summary>What must never reach the public: the redacted passage, unpublished and withheld texts, the anonymous writer's name, any email address.</summary>
    private static readonly string[] NeverPublished = [PrivatePassage, PrivateText, AbusiveText, AnonymousName, PrivateName, AbusiveName, "@"];

    private async Task ThePublicReadTheOutcomeAsync(Sent sent)
    {
        await using var visitor = await portal.NewContextAsync();
        var page = await visitor.NewPageAsync();

        // The programme page links to both; the start page's links are followed.
        await page.GotoAsync($"/programmes/{Round}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = OutcomeLink })).ToHaveAttributeAsync("href", $"/programmes/{Round}/outcome");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = FinalProgrammeLink })).ToHaveAttributeAsync("href", $"/programmes/{Round}/final");
        // The accepted suggestion is new work now, and no empty "proposed" section says that nothing was accepted.
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = SuggestionTitle, Exact = true })).ToHaveCountAsync(1);
        await Expect(page.Locator("h2#proposed")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = FinalProgrammeLink })).ToHaveAttributeAsync("href", $"/programmes/{Round}/final");
        await page.GetByRole(AriaRole.Link, new() { Name = OutcomeLink }).ClickAsync();
        await page.ArriveAtAsync($"**/programmes/{Round}/outcome");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "outcome page"));

        await Expect(page.Locator("[data-field=summary]")).ToContainTextAsync("3 responses and 1 suggested topic");
        await Expect(page.Locator("[data-field=decision-count]")).ToContainTextAsync("made 4 decisions");
        await Expect(page.Locator("[data-field=published-count]")).ToContainTextAsync("2 of the 4 responses and suggestions are published");
        var accepted = page.Locator($"[data-decision={sent.Suggestion}]");
        await Expect(accepted.Locator("[data-field=title]")).ToHaveTextAsync(SuggestionTitle);
        await Expect(accepted.Locator("[data-field=respondent]")).ToHaveTextAsync(SuggesterName);
        await Expect(accepted.Locator("[data-field=rationale]")).ToHaveTextAsync(AcceptRationale);
        await Expect(accepted.Locator("[data-field=risk]")).ToContainTextAsync("16");
        await Expect(accepted.Locator("[data-field=agreed-by]")).ToHaveTextAsync("HMI Probation (lead), HMI Prisons");
        foreach (var unpublished in new[] { sent.Private, sent.Abusive })
        {
            await Expect(page.Locator($"[data-decision={unpublished}] [data-field=not-published]")).ToBeVisibleAsync();
            await Expect(page.Locator($"[data-decision={unpublished}] [data-field=rationale]")).ToHaveTextAsync(NotedRationale);
        }

        await ExpectNothingUnpublishedAsync(page, "outcome page");

        await page.GetByRole(AriaRole.Link, new() { Name = "Read and search the published responses" }).ClickAsync();
        await page.ArriveAtAsync($"**/programmes/{Round}/outcome/responses");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "published responses page"));
        await Expect(page.Locator("[data-response]")).ToHaveCountAsync(2);
        var suggestion = page.Locator($"[data-response={sent.Suggestion}]");
        await Expect(suggestion.Locator("[data-field=respondent]")).ToHaveTextAsync(SuggesterName);
        var anonymous = page.Locator($"[data-response={sent.Anonymous}]");
        await Expect(anonymous.Locator("[data-field=respondent]")).ToHaveTextAsync("Anonymous");
        await Expect(anonymous.Locator("[data-field=text]")).ToContainTextAsync("My caseworker, [redacted], told me nothing");
        await Expect(anonymous.Locator("[data-field=redacted]")).ToBeVisibleAsync();
        await ExpectNothingUnpublishedAsync(page, "published responses page");

        // Searching for what was redacted or withheld finds nothing.
        foreach (var search in new[] { "Brandreth", "Glasbury", "parasites", "Treloar" })
        {
            await page.GotoAsync($"/programmes/{Round}/outcome/responses?q={search}");
            await Expect(page.Locator("[data-field=found]")).ToContainTextAsync($"0 results for ‘{search}’");
        }
    }

    private static async Task ExpectNothingUnpublishedAsync(IPage page, string label)
    {
        var main = page.Locator("main");
        foreach (var text in NeverPublished)
        {
            await Expect(main).Not.ToContainTextAsync(text);
        }

        var html = await main.InnerHTMLAsync();
        Assert.False(html.Contains("mailto:", StringComparison.OrdinalIgnoreCase), $"{label} links to an email address");
        Assert.DoesNotContain("mail.example", html, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The final programme lists the accepted suggestion as new bilateral work, and its Word document has the page's workstreams.</summary>
    private async Task ThePublicReadTheFinalProgrammeAsync()
    {
        await using var visitor = await portal.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        var page = await visitor.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = FinalProgrammeLink }).ClickAsync();
        await page.ArriveAtAsync($"**/programmes/{Round}/final");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "final programme"));

        var accepted = page.Locator("tr[data-workstream]").Filter(new() { HasText = SuggestionTitle });
        await Expect(accepted).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-group=bilateral] tr[data-workstream]").Filter(new() { HasText = SuggestionTitle })).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-group=bilateral] h3")).ToHaveTextAsync("New work: joint inspections involving two criminal justice inspectorates");
        await Expect(accepted.Locator("[data-field=lead]")).ToContainTextAsync("HMI Probation");
        await Expect(accepted.Locator("[data-field=supporting]")).ToContainTextAsync("HMI Prisons");
        await Expect(page.Locator("main")).Not.ToContainTextAsync(new Regex("\\bProposed\\b"));

        var titles = (await page.Locator("tr[data-workstream] th").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the programme as a Word document (.docx)" }).ClickAsync());
        using var document = WordprocessingDocument.Open(await download.PathAsync(), isEditable: false);
        var rows = document.MainDocumentPart!.Document!.Body!.Elements<Table>()
            .SelectMany(t => t.Elements<TableRow>().Skip(1))
            .Select(r => r.Elements<TableCell>().First().InnerText.Trim())
            .ToList();
        Assert.Equal(titles, rows);
        Assert.Contains(SuggestionTitle, rows);
    }
}
