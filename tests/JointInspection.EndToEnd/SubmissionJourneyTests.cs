using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// People filling in the respond and suggest forms in a real browser: mistakes first, then the whole way to
/// a reference, with every page (and every error state) checked by axe on the way.
/// </summary>
[Collection(PortalInABrowser.Name)]
public sealed partial class SubmissionJourneyTests(PortalBrowserFixture portal)
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(1)>";

    [Fact]
    public async Task A_person_responds_to_a_workstream_making_mistakes_on_the_way_and_gets_a_reference()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Respond to the programme" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("respond"));
        await CheckAsync(page, "/respond", failures);

        await ContinueWithErrorsAsync(page, "/respond", ["Select what you are responding to"], failures);
        await page.GetByLabel("One workstream").CheckAsync();
        await page.GetByLabel("Which workstream?").SelectOptionAsync(new SelectOptionValue { Label = "Mental health" });
        await ContinueAsync(page, "respond/response");

        await CheckAsync(page, "/respond/response", failures);
        await Expect(page.Locator("main")).ToContainTextAsync("the workstream “Mental health”");
        await ContinueWithErrorsAsync(page, "/respond/response", ["Select whether you support it", "Enter your response"], failures);
        await page.GetByLabel("I support it with changes").CheckAsync();
        await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync("Please look at *women* in custody too.");
        await ContinueAsync(page, "respond/documents");

        // A file chosen in the browser's own file input: a disguised one is refused by name, a real PDF is listed.
        await CheckAsync(page, "/respond/documents", failures);
        await page.GetByLabel("Upload a file").SetInputFilesAsync(new FilePayload { Name = "photo.pdf", MimeType = "application/pdf", Buffer = TestSupport.SampleFiles.Png() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync(["photo.pdf is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those"]);
        await CheckAsync(page, "/respond/documents with errors", failures);
        await page.GetByLabel("Upload a file").SetInputFilesAsync(new FilePayload { Name = "custody.pdf", MimeType = "application/pdf", Buffer = TestSupport.SampleFiles.Pdf("Women in custody") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload file" }).ClickAsync();
        await Expect(page.Locator("[data-field=document] dt")).ToHaveTextAsync(["custody.pdf"]);
        await CheckAsync(page, "/respond/documents with a file", failures);
        await ContinueAsync(page, "respond/about-you");

        await FillAboutYouAsync(page, "/respond/about-you", failures);
        await Expect(page).ToHaveURLAsync(Url("respond/check"));
        await CheckAsync(page, "/respond/check", failures);
        await Expect(Row(page, "responseTo")).ToHaveTextAsync("Workstream: Mental health");
        await Expect(Row(page, "file")).ToHaveTextAsync(new Regex(@"^custody\.pdf \(PDF, \d+ (bytes|KB)\)$"));
        await Expect(page.Locator("[data-field=text] .govuk-summary-list__value em")).ToHaveTextAsync("women");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await ExpectConfirmationAsync(page, "respond", failures);
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task The_suggestion_s_back_links_walk_its_pages_in_order_back_to_the_start_page()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/suggest/check");

        foreach (var expected in new[] { "suggest/about-you", "suggest/documents", "suggest/evidence", "suggest/timing", "suggest/inspectorates", "suggest/scope", "suggest" })
        {
            await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(Url(expected));
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Have your say");
    }

    [Fact]
    public async Task Responding_from_a_workstream_page_skips_the_question_and_back_returns_to_the_workstream()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/programmes/2021-23/workstreams/mental-health");

        await page.GetByRole(AriaRole.Button, new() { Name = "Respond to this workstream" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/respond/response\\?from=workstream$"));
        await Expect(page.Locator("main")).ToContainTextAsync("the workstream “Mental health”");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("programmes/2021-23/workstreams/mental-health"));
    }

    [Fact]
    public async Task A_person_suggests_a_topic_making_mistakes_on_the_way_and_gets_a_reference()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suggest a topic" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("suggest"));
        await CheckAsync(page, "/suggest", failures);

        await ContinueWithErrorsAsync(
            page,
            "/suggest",
            ["Enter a title for the topic", "Enter what the inspection should look at", "Enter why it matters for public safety or the public’s confidence"],
            failures);
        await page.GetByLabel("Title of the topic").FillAsync("Court backlogs and victims");
        await page.GetByLabel("What should the inspection look at?").FillAsync("How delays affect victims' willingness to give evidence.");
        await page.GetByLabel("Why does it matter").FillAsync("Victims withdraw when trials are delayed.");
        await ContinueAsync(page, "suggest/scope");

        await CheckAsync(page, "/suggest/scope", failures);
        await ContinueWithErrorsAsync(page, "/suggest/scope", ["Select at least one area of focus, or “I don’t know”"], failures);
        await page.GetByLabel("Bringing offenders to justice").CheckAsync();
        await page.GetByLabel("The quality of victim and witness experience").CheckAsync();
        await ContinueAsync(page, "suggest/inspectorates");

        await CheckAsync(page, "/suggest/inspectorates", failures);
        var takingPart = page.GetByRole(AriaRole.Group, new() { Name = "Which inspectorates should take part?" });
        var lead = page.GetByRole(AriaRole.Group, new() { Name = "Which inspectorate should lead it?" });
        await takingPart.GetByLabel("Care Quality Commission (CQC)").CheckAsync();
        await lead.GetByLabel("HM Crown Prosecution Service Inspectorate (HMCPSI)").CheckAsync();
        await ContinueWithErrorsAsync(
            page, "/suggest/inspectorates", ["The lead must take part: select HMCPSI as taking part too, or choose a lead from those taking part"], failures);
        // With JavaScript, "I don't know" and the named bodies untick each other (GOV.UK's exclusive checkbox).
        await takingPart.GetByLabel("I don’t know").CheckAsync();
        await Expect(takingPart.GetByLabel("Care Quality Commission (CQC)")).Not.ToBeCheckedAsync();
        await takingPart.GetByLabel("HM Crown Prosecution Service Inspectorate (HMCPSI)").CheckAsync();
        await Expect(takingPart.GetByLabel("I don’t know")).Not.ToBeCheckedAsync();
        await takingPart.GetByLabel("Care Quality Commission (CQC)").CheckAsync();
        await ContinueAsync(page, "suggest/timing");

        await CheckAsync(page, "/suggest/timing", failures);
        await page.GetByLabel("2022–23").CheckAsync();
        await ContinueAsync(page, "suggest/evidence");

        await CheckAsync(page, "/suggest/evidence", failures);
        var links = page.GetByLabel("Links to supporting evidence (optional)");
        await links.FillAsync("https://example.org/report\nexample.org/data");
        await ContinueWithErrorsAsync(
            page, "/suggest/evidence", ["Line 2 is not a web address. Each line must be one full web address starting https:// or http://"], failures);
        await links.FillAsync("https://example.org/report\nhttps://example.org/data");
        await ContinueAsync(page, "suggest/documents");
        await ContinueAsync(page, "suggest/about-you");

        await FillAboutYouAsync(page, "/suggest/about-you", failures);
        await Expect(page).ToHaveURLAsync(Url("suggest/check"));
        await CheckAsync(page, "/suggest/check", failures);
        await Expect(Row(page, "lead")).ToHaveTextAsync("HMCPSI");
        await Expect(Row(page, "inspectorates")).ToHaveTextAsync("HMCPSI, CQC");
        await Expect(Row(page, "publicationConsent")).ToContainTextAsync("suggestion");
        await Expect(Row(page, "evidenceLinks")).ToHaveTextAsync("https://example.org/report\nhttps://example.org/data");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await ExpectConfirmationAsync(page, "suggest", failures);
        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task Markup_typed_into_the_forms_never_runs()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            dialogs.Add($"{dialog.Type}: {dialog.Message} on {page.Url}");
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync("/respond");
        await page.GetByLabel("The draft programme as a whole").CheckAsync();
        await ContinueAsync(page, "respond/response");
        await page.GetByLabel("I support it", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync($"{Script}\n\n{Image}");
        await ContinueAsync(page, "respond/documents");
        await ContinueAsync(page, "respond/about-you");
        await page.GetByLabel("Full name").FillAsync($"{Script}{Image}");
        await page.GetByLabel("Email address").FillAsync("sam@example.org");
        await page.GetByLabel("As an individual").CheckAsync();
        await page.GetByLabel("Do not publish my response").CheckAsync();
        await ContinueAsync(page, "respond/check");

        await Expect(Row(page, "name")).ToHaveTextAsync($"{Script}{Image}");
        await Expect(Row(page, "text")).ToContainTextAsync(Script);
        await Expect(Row(page, "text")).ToContainTextAsync(Image);
        Assert.Equal(0, await page.Locator("main script, main img, [onerror]").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(page.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Submission sent");

        var statusLink = page.GetByRole(AriaRole.Link, new() { Name = "Follow what happens to it" });
        var response = await page.GotoAsync(await statusLink.GetAttributeAsync("href") ?? "");
        if (response?.Status == 200)
        {
            Assert.Equal(0, await page.Locator("main script, main img, [onerror]").CountAsync());
        }

        // Give anything that might have been injected a moment to run before concluding nothing did.
        await page.WaitForTimeoutAsync(200);
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task A_person_without_JavaScript_can_respond_to_an_area_of_focus()
    {
        await using var context = await portal.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/respond");
        await Expect(page.Locator("body")).Not.ToHaveClassAsync(JsEnabledClass());
        // Without JavaScript the follow-up questions are simply on the page.
        await Expect(page.GetByLabel("Which workstream?")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Custodial conditions")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Select what you are responding to");
        await page.GetByLabel("One area of focus").CheckAsync();
        await ContinueWithErrorsAsync(page, "/respond", ["Select the area of focus you are responding to"], failures: null);
        await page.GetByLabel("Custodial conditions").CheckAsync();
        await ContinueAsync(page, "respond/response");

        await page.GetByLabel("I do not support it").CheckAsync();
        await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync("Custody is covered enough.");
        await ContinueAsync(page, "respond/documents");
        await ContinueAsync(page, "respond/about-you");

        await page.GetByLabel("Full name").FillAsync("Jo Bloggs");
        await page.GetByLabel("Email address").FillAsync("not an email");
        await page.GetByLabel("For an organisation").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary a")).ToHaveTextAsync(
            ["Enter an email address in the correct format, like name@example.com", "Enter the name of your organisation", "Select the type of organisation", "Select whether we may publish your response"]);
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync("Jo Bloggs");
        await page.GetByLabel("Email address").FillAsync("jo@example.org");
        await page.GetByLabel("Name of your organisation").FillAsync("Prison Reform Network");
        await page.GetByLabel("Type of organisation").SelectOptionAsync(new SelectOptionValue { Value = "voluntary-community" });
        await page.GetByLabel("Publish my response anonymously").CheckAsync();
        await ContinueAsync(page, "respond/check");

        await Expect(Row(page, "responseTo")).ToHaveTextAsync("Area of focus: Custodial conditions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(page.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Submission sent");
        await Expect(page.Locator(".govuk-panel--confirmation strong")).ToHaveTextAsync(ReferencePattern());
    }

    [Fact]
    public async Task The_browser_back_button_keeps_what_was_typed()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/programmes/2021-23/workstreams/case-file-quality");
        await page.GetByRole(AriaRole.Button, new() { Name = "Respond to this workstream" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("respond/response?from=workstream"));
        await page.GetByLabel("I support it", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("What would you like to tell the chief inspectors?").FillAsync("Keep it.");
        await ContinueAsync(page, "respond/documents");
        await ContinueAsync(page, "respond/about-you");

        await page.Locator("a.govuk-back-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(Url("respond/documents"));
        await page.Locator("a.govuk-back-link").ClickAsync();

        await Expect(page).ToHaveURLAsync(Url("respond/response"));
        await Expect(page.GetByLabel("I support it", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(page.GetByLabel("What would you like to tell the chief inspectors?")).ToHaveValueAsync("Keep it.");
    }

    /// <summary>The waiver itself: it must pass GOV.UK's revealing radios and still fail every other unsupported ARIA attribute.</summary>
    [Fact]
    public async Task The_accessibility_waiver_covers_only_aria_expanded_on_revealing_radios_and_checkboxes()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><title>Waiver</title></head>
            <body>
              <main>
                <h1>Waiver</h1>
                <input class="govuk-radios__input" id="revealing" name="a" type="radio" value="x" aria-controls="conditional-revealing" aria-expanded="false">
                <label for="revealing">Revealing</label>
                <div id="conditional-revealing">Follow-up</div>
                <input class="govuk-radios__input" id="plain" name="a" type="radio" value="y" aria-expanded="true">
                <label for="plain">Not revealing anything</label>
                <input class="govuk-checkboxes__input" id="other-attribute" name="b" type="checkbox" value="z" aria-controls="conditional-revealing" aria-expanded="false" aria-pressed="true">
                <label for="other-attribute">Another unsupported attribute</label>
              </main>
            </body>
            </html>
            """);
        var failures = new List<string>();

        await CheckAsync(page, "waiver", failures);

        var allowedAttr = Assert.Single(failures);
        Assert.Contains(" aria-allowed-attr ", allowedAttr, StringComparison.Ordinal);
        Assert.DoesNotContain("#revealing", allowedAttr, StringComparison.Ordinal);
        Assert.Contains("#plain", allowedAttr, StringComparison.Ordinal);
        Assert.Contains("#other-attribute", allowedAttr, StringComparison.Ordinal);
    }

    private static async Task FillAboutYouAsync(IPage page, string path, List<string> failures)
    {
        var kind = path.StartsWith("/suggest", StringComparison.Ordinal) ? "suggestion" : "response";
        await CheckAsync(page, path, failures);
        await ContinueWithErrorsAsync(
            page,
            path,
            ["Enter your name", "Enter your email address", "Select whether you are responding as an individual or for an organisation", $"Select whether we may publish your {kind}"],
            failures);
        await page.GetByLabel("Full name").FillAsync("Sam Patel");
        await page.GetByLabel("Email address").FillAsync("sam@example.org");
        var organisationName = page.GetByLabel("Name of your organisation");
        await Expect(organisationName).ToBeHiddenAsync();
        await page.GetByLabel("For an organisation").CheckAsync();
        await Expect(organisationName).ToBeVisibleAsync();
        await organisationName.FillAsync("Victim Support Cymru");
        await page.GetByLabel("Type of organisation").SelectOptionAsync(new SelectOptionValue { Label = "Voluntary or community sector" });
        await page.GetByLabel($"Publish my {kind} anonymously").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
    }

    private async Task ExpectConfirmationAsync(IPage page, string journey, List<string> failures)
    {
        await Expect(page).ToHaveURLAsync(Url($"{journey}/sent"));
        await Expect(page.Locator(".govuk-panel--confirmation h1")).ToHaveTextAsync("Submission sent");
        await Expect(page.Locator(".govuk-panel--confirmation .govuk-panel__body")).ToHaveTextAsync(new Regex(@"^\s*Your reference JI-\d{6}\s*$"));
        await CheckAsync(page, $"/{journey}/sent", failures);
        var reference = (await page.Locator(".govuk-panel--confirmation strong").InnerTextAsync()).Trim();

        var statusLink = page.GetByRole(AriaRole.Link, new() { Name = "Follow what happens to it" });
        await Expect(statusLink).ToHaveAttributeAsync("href", StatusPathPattern());
        var response = await page.RunAndWaitForResponseAsync(
            () => statusLink.ClickAsync(), r => r.Request.IsNavigationRequest && r.Url.Contains("/submissions/", StringComparison.Ordinal));
        // The status page is built separately; where it exists, it must be this submission's.
        if (response.Status != 404)
        {
            Assert.Equal(200, response.Status);
            await Expect(page.Locator("h1")).ToHaveTextAsync($"Submission {reference}");
        }
    }

    /// <summary>Continues with the page as it is and expects it back with exactly these errors, each linking to a field on it.</summary>
    private static async Task ContinueWithErrorsAsync(IPage page, string path, string[] messages, List<string>? failures)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.Locator(".govuk-error-summary__title")).ToHaveTextAsync("There is a problem");
        await Expect(summary.Locator("a")).ToHaveTextAsync(messages);
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        foreach (var link in await summary.Locator("a").AllAsync())
        {
            var target = (await link.GetAttributeAsync("href"))!;
            Assert.StartsWith("#", target, StringComparison.Ordinal);
            Assert.Equal(1, await page.Locator(target).CountAsync());
        }

        if (failures is not null)
        {
            await CheckAsync(page, $"{path} with errors", failures);
        }
    }

    /// <summary>The checks PageChecks makes on a page, here on the page as it is now (after a POST, or part-filled).</summary>
    private static async Task CheckAsync(IPage page, string label, List<string> failures)
    {
        if ((await page.TitleAsync()).Trim().Length == 0)
        {
            failures.Add($"{label}: <title> is empty");
        }

        if (await page.Locator("h1").CountAsync() is var headings and not 1)
        {
            failures.Add($"{label}: {headings} h1 elements, expected exactly 1");
        }

        failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, label));
    }

    private static ILocator Row(IPage page, string field) => page.Locator($"[data-field={field}] .govuk-summary-list__value");

    private string Url(string path) => new Uri(portal.BaseAddress, path).ToString();


    [GeneratedRegex(@"^JI-\d{6}$")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex("^/submissions/[A-Za-z0-9_-]{20,}$")]
    private static partial Regex StatusPathPattern();

    [GeneratedRegex(@"\bjs-enabled\b")]
    private static partial Regex JsEnabledClass();
}
