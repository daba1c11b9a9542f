using System.Net.Http.Json;
using System.Text.Json;
using JointInspection.TestSupport;
using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

[Collection(PortalInABrowser.Name)]
public sealed class AccessibilityTests(PortalBrowserFixture portal)
{
    /// <summary>The plan's own workstreams; other tests in the collection may add proposed ones, which are checked too.</summary>
    private const int SeededWorkstreamCount = 16;

    public static TheoryData<string> PublicPages =>
    [
        "/",
        "/programmes/2021-23",
        "/areas-of-focus",
        "/cross-cutting-issues",
        "/principles",
        "/accessibility",
        "/privacy",
        "/open-data",
        "/feedback",
        "/feedback/sent",
    ];

    [Theory]
    [MemberData(nameof(PublicPages))]
    public async Task Public_page_has_no_serious_accessibility_problems(string path)
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        PageChecks.AssertNone(await PageChecks.CheckAsync(page, path));
    }

    [Fact]
    public async Task Every_workstream_page_has_no_serious_accessibility_problems()
    {
        var slugs = await WorkstreamSlugsAsync();
        Assert.True(slugs.Count >= SeededWorkstreamCount, $"expected the {SeededWorkstreamCount} seeded workstreams at least, found {slugs.Count}");
        Assert.Equal(slugs.Count, slugs.Distinct(StringComparer.Ordinal).Count());

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>();
        foreach (var slug in slugs)
        {
            failures.AddRange(await PageChecks.CheckAsync(page, $"/programmes/2021-23/workstreams/{Uri.EscapeDataString(slug)}"));
        }

        PageChecks.AssertNone(failures);
    }

    [Fact]
    public async Task Not_found_page_has_no_serious_accessibility_problems()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        PageChecks.AssertNone(await PageChecks.CheckAsync(page, "/no-such-page", expectedStatus: 404));
        Assert.Equal("Page not found", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    /// <summary>This collection's round is never finalised; the final programme itself is checked in FinalProgrammeTests, on a portal of its own.</summary>
    [Fact]
    public async Task The_final_programme_page_before_finalisation_has_no_serious_accessibility_problems()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        PageChecks.AssertNone(await PageChecks.CheckAsync(page, "/programmes/2021-23/final", expectedStatus: 404));
        Assert.Equal("The 2021–23 programme is not final yet", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task The_too_many_submissions_page_has_no_serious_accessibility_problems()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        PageChecks.AssertNone(await PageChecks.CheckAsync(page, "/error/429", expectedStatus: 429));
        Assert.Equal("You have sent too many submissions", (await page.Locator("h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task A_submissions_status_and_confirmation_pages_have_no_serious_accessibility_problems()
    {
        using var http = portal.CreateHttpClient();
        var sent = await http.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion("Children held on remand"));
        sent.EnsureSuccessStatusCode();
        var statusUrl = (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("statusUrl").GetString()!;
        string confirmText;
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(portal.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT text_body FROM outbox_message WHERE purpose = 'email-confirmation' ORDER BY id DESC LIMIT 1";
            confirmText = (string)command.ExecuteScalar()!;
        }

        var confirmPath = new Uri(confirmText.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/submissions/confirm/", StringComparison.Ordinal))).PathAndQuery;
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();

        var failures = new List<string>();
        failures.AddRange(await PageChecks.CheckAsync(page, new Uri(statusUrl).PathAndQuery));
        failures.AddRange(await PageChecks.CheckAsync(page, confirmPath));
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        Assert.Equal("Email address confirmed", (await page.Locator("h1").InnerTextAsync()).Trim());
        failures.AddRange(await PageChecks.AxeFailuresAsync(page, "confirmed"));
        PageChecks.AssertNone(failures);
    }

    /// <summary>Every staff page, signed in as the role it is for: the queue, assessment, decision (on one and on several), overview, feedback, a round and its capacity, moderation, concluding a round, staff and admin pages.</summary>
    [Fact]
    public async Task Staff_pages_have_no_serious_accessibility_problems()
    {
        using var http = portal.CreateHttpClient();
        var sent = await SampleSubmissions.SendAsync(http, SampleSubmissions.Suggestion("Staff pages checked for accessibility"));
        var failures = new List<string>();

        async Task<IPage> SignInAsync(IBrowserContext context, string person, string firstPage)
        {
            var page = await context.NewPageAsync();
            await BrowserSteps.SignInAsStaffAsync(page, person, firstPage);
            return page;
        }

        await using (var secretariat = await portal.NewContextAsync())
        {
            var page = await SignInAsync(secretariat, "Priya Shah", "/staff");
            foreach (var path in new[] { "/staff", "/staff/feedback", "/triage", $"/triage/{sent.Reference}/assess", "/triage/overview", "/triage/tags", "/triage/groups", "/triage/themes", "/manage/rounds/2021-23", "/manage/rounds/2021-23/capacity" })
            {
                failures.AddRange(await PageChecks.CheckAsync(page, path));
            }

            // Concluding a round: moderation, the task list and the publishing page, as they are before anything is done.
            foreach (var path in new[] { $"/triage/{sent.Reference}/moderate", "/manage/rounds/2021-23/conclude", "/manage/rounds/2021-23/publish-outcome" })
            {
                failures.AddRange(await PageChecks.CheckAsync(page, path));
            }
        }

        await using (var chief = await portal.NewContextAsync())
        {
            var page = await SignInAsync(chief, "Justin Russell", "/staff");
            await page.GotoAsync($"/triage/{sent.Reference}/decide");
            failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "decision page"));
            // The queue as chief inspectors have it, with a checkbox on each row, and the page for deciding on several.
            failures.AddRange(await PageChecks.CheckAsync(page, "/triage"));
            await page.GotoAsync($"/triage/decide-several?selected={sent.Reference}:0");
            failures.AddRange(await PageChecks.AxeFailuresWaivingRevealingControlsAsync(page, "decision on several"));
            // The chair's way to finalise the programme, which this collection's round never is.
            failures.AddRange(await PageChecks.CheckAsync(page, "/manage/rounds/2021-23/conclude"));
            failures.AddRange(await PageChecks.CheckAsync(page, "/manage/rounds/2021-23/finalise"));
        }

        await using (var admin = await portal.NewContextAsync())
        {
            var page = await SignInAsync(admin, "Alex Morgan", "/staff");
            failures.AddRange(await PageChecks.CheckAsync(page, "/admin/staff"));
        }

        PageChecks.AssertNone(failures);
    }

    /// <summary>The gate itself: a page with known serious and critical faults must be reported, with where they are.</summary>
    [Fact]
    public async Task Axe_check_reports_serious_and_critical_violations_with_their_targets()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync(
            """
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><title>Faulty page</title></head>
            <body>
              <main>
                <h1>Faulty page</h1>
                <img id="no-alt" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                <p id="faint" style="color:#ddd;background:#fff">Text too faint to read</p>
              </main>
            </body>
            </html>
            """);

        var failures = await PageChecks.AxeFailuresAsync(page, "faulty page");

        var imageAlt = Assert.Single(failures, failure => failure.Contains(" image-alt ", StringComparison.Ordinal));
        Assert.Contains("(critical)", imageAlt, StringComparison.Ordinal);
        Assert.Contains("#no-alt", imageAlt, StringComparison.Ordinal);
        var contrast = Assert.Single(failures, failure => failure.Contains(" color-contrast ", StringComparison.Ordinal));
        Assert.Contains("(serious)", contrast, StringComparison.Ordinal);
        Assert.Contains("#faint", contrast, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<string>> WorkstreamSlugsAsync()
    {
        using var http = portal.CreateHttpClient();
        using var programme = await http.GetFromJsonAsync<JsonDocument>("api/v1/programme");
        Assert.NotNull(programme);
        return programme.RootElement.GetProperty("workstreams")
            .EnumerateArray()
            .Select(workstream => workstream.GetProperty("id").GetString() ?? throw new InvalidOperationException("A workstream has no id."))
            .ToList();
    }
}
