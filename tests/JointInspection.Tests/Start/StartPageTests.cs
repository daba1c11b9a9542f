using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Start;

/// <summary>
/// The start page counts the draft programme's workstreams apart from those proposed from the consultation.
/// The class has a portal of its own, so that no other test's accepted suggestion changes the counts.
/// </summary>
public sealed class StartPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>, IDisposable
{
    private readonly HttpClient anonymous = new() { BaseAddress = portal.BaseAddress };

    [Fact]
    public async Task Proposed_workstreams_are_counted_apart_from_the_draft_programme()
    {
        var before = await GetStartPageAsync();
        Assert.StartsWith("The draft programme has 16 workstreams:", Text(before, "draft-count"), StringComparison.Ordinal);
        Assert.Null(before.QuerySelector("[data-field=proposed-count]"));

        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        await AcceptAsync(chief, "Remand of children");
        var afterOne = await GetStartPageAsync();
        Assert.StartsWith("The draft programme has 16 workstreams:", Text(afterOne, "draft-count"), StringComparison.Ordinal);
        Assert.Equal(
            "1 workstream has also been proposed from the consultation: a suggestion the chief inspectors have accepted, not yet part of the draft programme.",
            Text(afterOne, "proposed-count"));
        Assert.Equal("/programmes/2021-23#proposed", afterOne.QuerySelector("[data-field=proposed-count] a")?.GetAttribute("href"));

        await AcceptAsync(chief, "Bail hostels");
        var afterTwo = await GetStartPageAsync();
        Assert.StartsWith("The draft programme has 16 workstreams:", Text(afterTwo, "draft-count"), StringComparison.Ordinal);
        Assert.StartsWith("2 workstreams have also been proposed from the consultation: suggestions the chief inspectors have accepted", Text(afterTwo, "proposed-count"), StringComparison.Ordinal);
    }

    public void Dispose() => anonymous.Dispose();

    private static string Text(IHtmlDocument page, string field) =>
        string.Join(' ', (page.QuerySelector($"[data-field='{field}']")?.TextContent ?? throw new Xunit.Sdk.XunitException($"No [data-field={field}]"))
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private async Task<IHtmlDocument> GetStartPageAsync()
    {
        using var response = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a suggestion, assesses it on the assessment page and accepts it through the decision API, as the chief inspector would.</summary>
    private async Task AcceptAsync(TestBrowser chief, string title)
    {
        var created = await SampleSubmissions.SendAsync(anonymous, SampleSubmissions.Suggestion(title: title, publicationConsent: "anonymous"));

        var page = await chief.GetAsync($"/triage/{created.Reference}/assess");
        var saved = await chief.SubmitAsync(
            page, page.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmcpsi", "2"), ("days-hmi-probation", "3"));
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);

        var body = new
        {
            version = 0,
            outcome = "accept",
            rationale = "It fills a gap in the programme.",
            workstream = new
            {
                title,
                summary = "How the work would be scoped.",
                lead = "hmcpsi",
                supporting = new[] { "hmicfrs", "hmi-probation" },
                partners = Array.Empty<string>(),
                areasOfFocus = new[] { "custodial-conditions" },
                programmeYear = "2022-23",
                kind = "inspection",
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{created.Reference}/decision") { Content = JsonContent.Create(body) };
        using var response = await chief.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Accepting {created.Reference} got {(int)response.StatusCode}: {text}");
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(text).RootElement.GetProperty("workstream").ValueKind);
        // Jointly owned: it is proposed work only once every inspectorate taking part has agreed.
        Assert.True(Web.Features.Submissions.SubmissionReference.TryParse(created.Reference, out var id));
        await Agreements.AgreeAllAsync(portal, id);
    }
}
