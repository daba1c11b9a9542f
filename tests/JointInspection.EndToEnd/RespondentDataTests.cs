using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// A respondent's data from first word to erasure, in Chromium: saved on the second page, brought back by the emailed
/// link in another browser, finished and sent with a PDF; staff find a word that is only in the PDF; the respondent
/// downloads everything held and asks for erasure; after the secretariat carries it out, the name and email address
/// are on no page, in no API answer and in no export. Every new page is checked by axe on the way.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed partial class RespondentDataTests(PortalBrowserFixture portal)
{
    private const string Name = "Robin Ashworth-Kell";
    private const string Email = "robin.ashworth-kell@example.org";

    // Only in the PDF: a word no other test writes, so the search finds this submission alone.
    private const string PdfWord = "Quillwort";

    [Fact]
    public async Task A_response_saved_finished_elsewhere_with_a_pdf_then_erased_leaves_no_name_or_email_anywhere()
    {
        var failures = new List<string>();

        // Saved on the second page, in the first browser.
        await using (var first = await portal.NewContextAsync())
        {
            var page = await first.NewPageAsync();
            await page.GotoAsync("/respond");
            await page.GetByLabel("The draft programme as a whole").CheckAsync();
            await ContinueAsync(page, "respond/response");
            await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync("Half of what I mean to say about custody.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save and come back later" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/respond/save\\?from=Response$"));
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "save and come back later"));
            await page.GetByLabel("Email address").FillAsync(Email);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send me the link" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/respond/saved$"));
            await Expect(page.Locator("[data-field=sent-to]")).ToHaveTextAsync(Email);
            failures.AddRange(await PageChecks.AxeFailuresAsync(page, "check your email"));
        }

        var link = LinkIn(await portal.WaitForEmailAsync(Email, "Your saved response"), "/saved-answers/");

        // Finished in a second browser, with a PDF attached.
        await using var second = await portal.NewContextAsync();
        var respondent = await second.NewPageAsync();
        await respondent.GotoAsync(link);
        await Expect(respondent.Locator("h1")).ToHaveTextAsync("Continue your response");
        await Expect(respondent.Locator("[data-field=expires]")).ToContainTextAsync("This link works once, until");
        failures.AddRange(await PageChecks.AxeFailuresAsync(respondent, "saved answers link"));
        await respondent.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(respondent).ToHaveURLAsync(new Regex("/respond/response$"));
        await Expect(respondent.GetByLabel("What would you like to tell the chief inspectors?")).ToHaveValueAsync("Half of what I mean to say about custody.");
        await respondent.GetByLabel("I support it", new() { Exact = true }).CheckAsync();
        await ContinueAsync(respondent, "respond/documents");
        await respondent.GetByLabel("Upload a file").SetInputFilesAsync(
            new FilePayload { Name = "evidence.pdf", MimeType = "application/pdf", Buffer = TestSupport.SampleFiles.Pdf($"Our survey of {PdfWord} wings") });
        await respondent.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Expect(respondent.Locator("main")).ToContainTextAsync("evidence.pdf");
        await ContinueAsync(respondent, "respond/about-you");
        await respondent.GetByLabel("Full name").FillAsync(Name);
        await respondent.GetByLabel("Email address").FillAsync(Email);
        await respondent.GetByLabel("As an individual").CheckAsync();
        await respondent.GetByLabel("Publish my response with my name").CheckAsync();
        await ContinueAsync(respondent, "respond/check");
        await respondent.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(respondent).ToHaveURLAsync(new Regex("/respond/sent$"));
        var reference = (await respondent.Locator("[data-field=reference]").InnerTextAsync()).Trim();

        // Staff find it by a word only the PDF holds.
        await using var staff = await portal.NewContextAsync();
        var secretariat = await staff.NewPageAsync();
        await SignInAsStaffAsync(secretariat, "Priya Shah", $"/triage?assigned=&search={PdfWord}");
        await Expect(secretariat.Locator("main")).ToContainTextAsync(reference);

        // The respondent downloads everything held, then asks for erasure.
        var statusLink = LinkIn(await portal.WaitForEmailAsync(Email, $"We have received your submission {reference}"), "/submissions/");
        await respondent.GotoAsync(statusLink);
        await respondent.GetByRole(AriaRole.Link, new() { Name = "See and download everything we hold about you" }).ClickAsync();
        await Expect(respondent.Locator("[data-field=held-documents]")).ToContainTextAsync("evidence.pdf");
        failures.AddRange(await PageChecks.AxeFailuresAsync(respondent, "your data"));
        var download = await respondent.RunAndWaitForDownloadAsync(() => respondent.Locator("[data-field=download-json]").ClickAsync());
        Assert.Equal($"{reference}-your-data.json", download.SuggestedFilename);
        using (var held = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())))
        {
            Assert.Contains(held.RootElement.GetProperty("answers").EnumerateArray(), a => a.GetProperty("answer").GetString() == Name);
        }

        await respondent.GetByRole(AriaRole.Link, new() { Name = "Ask us to delete your data" }).ClickAsync();
        failures.AddRange(await PageChecks.AxeFailuresAsync(respondent, "ask for erasure"));
        await respondent.GetByRole(AriaRole.Button, new() { Name = "Ask us to delete it" }).ClickAsync();
        await Expect(respondent.Locator("[data-field=asked]")).ToContainTextAsync("We have received your request");
        await portal.WaitForEmailAsync(Email, $"We have received your request about {reference}");

        // The secretariat carries it out.
        await secretariat.GotoAsync("/manage/data-requests");
        failures.AddRange(await PageChecks.AxeFailuresAsync(secretariat, "requests about personal data"));
        await secretariat.Locator("tr", new() { HasText = reference }).GetByRole(AriaRole.Link, new() { Name = "Erasure" }).ClickAsync();
        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(secretariat, "an erasure request"));
        await secretariat.GetByLabel("Yes, delete their personal data and what they wrote").CheckAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Carry out the erasure" }).ClickAsync();
        await Expect(secretariat.Locator("[data-field=closed]")).ToContainTextAsync("priya.shah@");
        await portal.WaitForEmailAsync(Email, $"We have deleted your data held with {reference}");

        // Gone from every page, API answer and export.
        foreach (var (page, path) in new[]
        {
            (secretariat, $"/triage/{reference}"),
            (secretariat, $"/triage?assigned=&search={Uri.EscapeDataString("Ashworth")}"),
            (respondent, statusLink),
            (respondent, statusLink + "/your-data"),
        })
        {
            await page.GotoAsync(path);
            AssertNoneOfThem(await page.ContentAsync(), path);
        }

        var api = await secretariat.APIRequest.GetAsync("/api/v1/triage/submissions?assigned=");
        Assert.Equal(200, api.Status);
        var listed = await api.TextAsync();
        Assert.Contains(reference, listed, StringComparison.Ordinal);
        AssertNoneOfThem(listed, "the triage API");

        await secretariat.GotoAsync("/triage/exports/new?assigned=");
        await secretariat.GetByLabel("CSV", new() { Exact = true }).CheckAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Export" }).ClickAsync();
        var exported = await secretariat.RunAndWaitForDownloadAsync(() => secretariat.Locator("[data-field=download]").ClickAsync());
        var csv = await File.ReadAllTextAsync(await exported.PathAsync());
        Assert.Contains(reference, csv, StringComparison.Ordinal);
        AssertNoneOfThem(csv, "the export");

        PageChecks.AssertNone(failures);
    }

    private static void AssertNoneOfThem(string text, string where)
    {
        Assert.False(text.Contains(Name, StringComparison.OrdinalIgnoreCase), $"{where} still shows the name");
        Assert.False(text.Contains(Email, StringComparison.OrdinalIgnoreCase), $"{where} still shows the email address");
    }

    /// <summary>The path of the first link in the email's text whose path starts <paramref name="prefix"/>.</summary>
    private static string LinkIn(DevServices.ReceivedMessage email, string prefix)
    {
        var match = Link().Matches(email.Message.TextBody ?? "").Select(m => new Uri(m.Value)).First(uri => uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal));
        return match.AbsolutePath;
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
