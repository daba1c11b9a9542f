using JointInspection.TestSupport;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// A portal and browser of their own for the outcome: concluding a round stops every change to it, which the other
/// collections' tests make.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PortalForAnOutcome : ICollectionFixture<PortalBrowserFixture>
{
    public const string Name = "Portal in a browser for an outcome";
}

/// <summary>
/// The outcome in Chromium: before the round concludes its address says the outcome is not published yet; once the
/// secretariat publishes it, the start page links to it, and the outcome and its published responses pass axe, charts and
/// all. The round is decided, moderated and concluded through the stores the staff pages use.
/// </summary>
[Collection(PortalForAnOutcome.Name)]
public sealed class OutcomeTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task The_outcome_and_its_published_responses_pass_axe_before_and_after_the_round_concludes()
    {
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var failures = new List<string>(await PageChecks.CheckAsync(page, "/programmes/2021-23/outcome", expectedStatus: 404));
        await Expect(page.Locator("h1")).ToHaveTextAsync("The outcome of this consultation is not published yet");

        await ConcludeAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Read what respondents said and what the chief inspectors decided" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(portal.BaseAddress, "/programmes/2021-23/outcome").ToString());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Consultation outcome: what you said and what we did");
        failures.AddRange(await PageChecks.CheckShownAsync(page, "outcome"));
        await Expect(page.Locator("svg[data-chart]")).ToHaveCountAsync(5);
        await Expect(page.Locator("[data-decision]")).ToHaveCountAsync(3);

        await page.GetByRole(AriaRole.Link, new() { Name = "Read and search the published responses" }).ClickAsync();
        failures.AddRange(await PageChecks.CheckShownAsync(page, "published responses"));
        await Expect(page.Locator("[data-response]")).ToHaveCountAsync(2);
        await page.GetByLabel("Search the published responses").FillAsync("bail hostels");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.Locator("[data-response]")).ToHaveCountAsync(1);
        failures.AddRange(await PageChecks.CheckShownAsync(page, "published responses searched"));

        PageChecks.AssertNone(failures);
    }

    private T Service<T>()
        where T : notnull => portal.Services.GetRequiredService<T>();

    /// <summary>Three submissions decided as single-inspectorate decisions, two published, then the round closed, finalised and concluded.</summary>
    private async Task ConcludeAsync()
    {
        using var http = portal.CreateHttpClient();
        var accepted = await SampleSubmissions.SendAsync(http, SampleSubmissions.Suggestion(
            "Bail hostels", text: "How bail hostels keep the public safe.", name: "Robin Marsh", email: "robin@example.org"));
        var response = await SampleSubmissions.SendAsync(http, SampleSubmissions.Response("The mental health work matters.", "sam@example.org", "mental-health"));
        var unpublished = await SampleSubmissions.SendAsync(http, SampleSubmissions.Suggestion(
            "Not for publication", name: "Nell None", email: "nell@example.org", publicationConsent: "none"));

        var saved = await Service<AssessmentStore>().SaveAsync(
            accepted.Id, $"submission:{accepted.Reference}", new AssessmentInput(4, 4, "2022-23", new Dictionary<string, int> { ["hmcpsi"] = 2 }, null),
            0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
        var programme = await Service<ProgrammeReader>().ReadAsync(CancellationToken.None);
        await DecideAsync(programme, accepted.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Accept, "It fills a gap.",
            new ProposedWorkstream("Bail hostels and public safety", "What it looks at.", "hmcpsi", [], ["cqc"], ["custodial-conditions"], "2022-23", "inspection")));
        await DecideAsync(programme, response.Id, SubmissionKind.Response, new DecisionRequest(0, DecisionOutcome.Noted, "Thank you."));
        await DecideAsync(programme, unpublished.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Decline, "Outside our remit."));

        var moderation = Service<ModerationStore>();
        Assert.True((await moderation.PublishAsync(accepted.Id, 0, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.PublishAsync(response.Id, 0, Staff.Secretariat)).IsSaved);

        await Conclusions.FinaliseAsync(portal.Services);
        await Conclusions.PublishOutcomeAsync(portal.Services);
    }

    private async Task DecideAsync(Programme programme, long id, string kind, DecisionRequest request)
    {
        var (decision, errors) = DecisionRules.Check(request with { OverCapacityReason = "For the test" }, kind, DecisionChoices.From(programme));
        Assert.Empty(errors);
        var result = await Service<DecisionStore>().DecideAsync(
            id, decision!, Agreements.ChiefInspectorOf("hmcpsi"), "hmcpsi", portal.BaseAddress, CancellationToken.None);
        // Each decision involves one inspectorate, so it is final at once and released.
        Assert.Null(Assert.IsType<DecisionResult.Saved>(result).Decision.Agreement);
    }
}
