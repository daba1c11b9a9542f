using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Tests.Programme;

/// <summary>
/// What the public sees of the chief inspectors' decisions: an accepted suggestion as a proposed workstream on the
/// programme page, its own page and the API, and every decision on the submission's status page. Suggestions are
/// sent through the public API, assessed on the assessment page and decided through the decision API, each as the
/// real people who would do it; every test uses words of its own, because they share one database.
/// </summary>
public sealed class ProposedWorkstreamTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>, IDisposable
{

    private readonly HttpClient anonymous = new() { BaseAddress = portal.BaseAddress };

    private static readonly string[] Joint = ["hmicfrs", "hmi-probation"];
    private static readonly string[] Bilateral = ["hmicfrs"];
    private static readonly string[] Cqc = ["cqc"];
    private static readonly string[] NoCodes = [];
    private static readonly string[] CustodialConditions = ["custodial-conditions"];
    private static readonly string[] ProsecutionAndPrisons = ["hmcpsi", "hmi-prisons"];

    [Fact]
    public async Task An_accepted_suggestion_is_listed_in_the_proposed_section_with_its_tag_reference_and_the_name_its_respondent_agreed_to()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker, consent: "named", name: "Robin Marsh");
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Remand of children {marker}", supporting: Joint, kind: "scoping-study");

        var programme = await GetPageAsync("/programmes/2021-23");

        var card = programme.QuerySelector($"h2#proposed ~ ul.app-workstream-list li[data-workstream='{slug}']");
        Assert.NotNull(card);
        var link = card.QuerySelector("h3 a")!;
        Assert.Equal($"Remand of children {marker}", link.TextContent.Trim());
        Assert.Equal($"/programmes/2021-23/workstreams/{slug}", link.GetAttribute("href"));
        Assert.Equal("Proposed", Field(card, "status"));
        Assert.Contains("govuk-tag", card.QuerySelector("[data-field=status]")!.ClassList);
        Assert.Equal($"From suggestion {suggestion.Reference}, suggested by Robin Marsh", Field(card, "origin"));
        Assert.Equal("HMCPSI", Field(card, "lead"));
        Assert.Equal("2022–23", Field(card, "programme-year"));
        Assert.Equal("Scoping study", Field(card, "kind"));
        Assert.Equal("Proposed workstreams from the consultation", programme.QuerySelector("h2#proposed")!.TextContent.Trim());
        Assert.Null(programme.QuerySelector("[data-field=no-proposed]"));
        // The plan's own work is not proposed and says nothing of an origin.
        var planned = programme.QuerySelector("li[data-workstream=mental-health]")!;
        Assert.NotEqual("Proposed", Field(planned, "status"));
        Assert.Null(planned.QuerySelector("[data-field=origin]"));

        var page = await GetPageAsync($"/programmes/2021-23/workstreams/{slug}");
        Assert.Equal($"Remand of children {marker}", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Proposed", Field(page, "status"));
        Assert.Equal("Scoping study", Field(page, "kind"));
        Assert.Equal($"From suggestion {suggestion.Reference}, suggested by Robin Marsh", Field(page, "origin"));
    }

    [Fact]
    public async Task A_full_inspection_says_so_on_the_programme_and_its_own_page()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Bail hostels {marker}", supporting: Joint, kind: "inspection");

        var card = (await GetPageAsync("/programmes/2021-23")).QuerySelector($"li[data-workstream='{slug}']")!;
        var page = await GetPageAsync($"/programmes/2021-23/workstreams/{slug}");

        Assert.Equal("Full inspection", Field(card, "kind"));
        Assert.Equal("Full inspection", Field(page, "kind"));
        // The plan's own inspections keep the plan's word.
        Assert.NotEqual("Full inspection", Field(await GetPageAsync("/programmes/2021-23/workstreams/mental-health"), "kind"));
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("none")]
    public async Task Without_consent_to_be_named_only_the_reference_is_shown(string consent)
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker, consent: consent, name: $"Quinn {marker}");
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Court interpreters {marker}", supporting: Joint);

        var programme = await GetPageAsync("/programmes/2021-23");
        var page = await GetPageAsync($"/programmes/2021-23/workstreams/{slug}");
        var document = await GetWorkstreamAsync(slug);

        Assert.Equal($"From suggestion {suggestion.Reference}", Field(programme.QuerySelector($"li[data-workstream='{slug}']")!, "origin"));
        Assert.Equal($"From suggestion {suggestion.Reference}", Field(page, "origin"));
        Assert.DoesNotContain($"Quinn {marker}", programme.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain($"Quinn {marker}", page.Source.Text, StringComparison.Ordinal);
        Assert.Equal(suggestion.Reference, document.Origin!.Reference);
        Assert.Null(document.Origin.SuggestedBy);
    }

    [Fact]
    public async Task An_organisation_that_agreed_to_be_named_is_named_rather_than_the_person_who_wrote_for_it()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker, consent: "named", name: $"Jo {marker}", organisation: "Howard League Cymru");
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Women on remand {marker}", supporting: Joint);

        var card = (await GetPageAsync("/programmes/2021-23")).QuerySelector($"li[data-workstream='{slug}']")!;

        Assert.Equal($"From suggestion {suggestion.Reference}, suggested by Howard League Cymru", Field(card, "origin"));
        Assert.Equal("Howard League Cymru", (await GetWorkstreamAsync(slug)).Origin!.SuggestedBy);
    }

    [Fact]
    public async Task The_api_gives_a_proposed_workstream_its_origin_and_the_plans_own_work_none()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker, consent: "named", name: "Robin Marsh");
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Probation hostels {marker}", supporting: Joint);

        var one = await GetWorkstreamAsync(slug);
        var programme = (await anonymous.GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!;
        using var raw = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/v1/workstreams/{slug}"));

        Assert.Equal((WorkstreamSection.Proposed, "proposed", "2022-23"), (one.Section, one.Status, one.ProgrammeYear));
        Assert.Equal(new OriginDocument(suggestion.Reference, "Robin Marsh"), one.Origin);
        Assert.Equal(one.Origin, programme.Workstreams.Single(w => w.Id == slug).Origin);
        Assert.All(programme.Workstreams.Where(w => w.Section != WorkstreamSection.Proposed), w => Assert.Null(w.Origin));
        var origin = raw.RootElement.GetProperty("origin");
        Assert.Equal(suggestion.Reference, origin.GetProperty("reference").GetString());
        Assert.Equal("Robin Marsh", origin.GetProperty("suggestedBy").GetString());
        using var seeded = JsonDocument.Parse(await anonymous.GetStringAsync("/api/v1/workstreams/mental-health"));
        Assert.Equal(JsonValueKind.Null, seeded.RootElement.GetProperty("origin").ValueKind);
    }

    [Theory]
    [InlineData(new[] { "hmicfrs", "hmi-probation" }, new string[0], "joint", "Joint (three or more criminal justice inspectorates)")]
    [InlineData(new[] { "hmicfrs" }, new[] { "cqc" }, "bilateral", "Bilateral (two criminal justice inspectorates)")]
    [InlineData(new string[0], new[] { "cqc", "ofsted" }, "oneinspectorate", "One criminal justice inspectorate with partner bodies")]
    public async Task Joint_or_bilateral_is_derived_from_the_criminal_justice_inspectorates_taking_part(
        string[] supporting, string[] partners, string expected, string words)
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Youth diversion {marker}", supporting, partners);

        var card = (await GetPageAsync("/programmes/2021-23")).QuerySelector($"li[data-workstream='{slug}']")!;
        var page = await GetPageAsync($"/programmes/2021-23/workstreams/{slug}");

        Assert.Equal(expected, (await GetWorkstreamAsync(slug)).Collaboration);
        Assert.Equal(words, Field(card, "collaboration"));
        Assert.Equal(words, Field(page, "collaboration"));
    }

    [Fact]
    public async Task Revising_an_acceptance_to_a_decline_withdraws_the_workstream_from_the_programme_and_the_api()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var slug = await AcceptAsync(chief, suggestion.Reference, $"Prison education {marker}", supporting: Joint);
        Assert.NotNull((await GetPageAsync("/programmes/2021-23")).QuerySelector($"li[data-workstream='{slug}']"));

        await DecideAsync(chief, suggestion.Reference, new { version = 1, outcome = "decline", rationale = "On reflection, HMI Prisons covers this already." });

        var programme = await GetPageAsync("/programmes/2021-23");
        Assert.Null(programme.QuerySelector($"li[data-workstream='{slug}']"));
        Assert.DoesNotContain($"Prison education {marker}", programme.Source.Text, StringComparison.Ordinal);
        using var page = await anonymous.GetAsync($"/programmes/2021-23/workstreams/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        using var api = await anonymous.GetAsync($"/api/v1/workstreams/{slug}");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        var document = (await anonymous.GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!;
        Assert.DoesNotContain(document.Workstreams, w => w.Id == slug);
    }

    [Fact]
    public async Task The_status_page_shows_the_decision_its_reasons_date_and_a_link_to_the_proposed_workstream_but_not_who_decided()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        var before = await GetPageAsync(suggestion.StatusPath);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        await AssessAsync(chief, suggestion.Reference);
        var decision = await DecideAsync(chief, suggestion.Reference, AcceptBody(
            0, $"Short sentences {marker}", Joint, NoCodes, "inspection", "High risk to the public.\nNo inspection has looked at it since 2016."));
        var slug = decision.GetProperty("workstream").GetString()!;

        var page = await GetPageAsync(suggestion.StatusPath);

        Assert.NotNull(before.QuerySelector("[data-field=outcome]"));
        Assert.Null(before.QuerySelector("[data-field=decision]"));
        var section = page.QuerySelector("[data-field=decision]");
        Assert.NotNull(section);
        Assert.Null(page.QuerySelector("[data-field=outcome]"));
        Assert.Equal("Accepted", page.QuerySelector("[data-field=status] .govuk-tag")!.TextContent.Trim());
        Assert.Equal($"Accepted. It is now a proposed workstream in the draft programme: “Short sentences {marker}”.", Field(section, "decision-outcome"));
        var rationale = section.QuerySelector("[data-field=rationale]")!;
        Assert.Equal("High risk to the public.\nNo inspection has looked at it since 2016.", rationale.TextContent);
        Assert.Contains("app-preserve-lines", rationale.ClassList);
        Assert.Equal(UkTime.Date(decision.GetProperty("decidedAt").GetDateTimeOffset()), Field(section, "decided-on"));
        Assert.Equal($"/programmes/2021-23/workstreams/{slug}", section.QuerySelector("a[data-field=workstream-link]")!.GetAttribute("href"));
        Assert.Null(section.QuerySelector("[data-field=replaces]"));
        Assert.DoesNotContain(Staff.ProbationChiefInspector, page.Source.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Justin Russell", page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_revision_the_status_page_shows_the_new_decision_and_says_it_replaces_the_earlier_one()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        await AssessAsync(chief, suggestion.Reference);
        var first = await DecideAsync(chief, suggestion.Reference, AcceptBody(0, $"Sentencing remarks {marker}", Joint, NoCodes, "inspection", "Worth a look."));

        await DecideAsync(chief, suggestion.Reference, new { version = 1, outcome = "defer", deferTo = "next-programme", rationale = "No capacity this time." });
        var page = await GetPageAsync(suggestion.StatusPath);

        var section = page.QuerySelector("[data-field=decision]")!;
        Assert.Equal("Deferred", page.QuerySelector("[data-field=status] .govuk-tag")!.TextContent.Trim());
        Assert.Equal("Deferred. It will be considered again for the next joint inspection programme.", Field(section, "decision-outcome"));
        Assert.Equal("No capacity this time.", Field(section, "rationale"));
        Assert.Equal(
            $"This decision replaces an earlier one made on {UkTime.Date(first.GetProperty("decidedAt").GetDateTimeOffset())}.",
            Field(section, "replaces"));
        Assert.Null(section.QuerySelector("[data-field=workstream-link]"));
        Assert.DoesNotContain("Worth a look.", page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merged_suggestion_links_to_the_workstream_it_joined()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");

        await DecideAsync(chief, suggestion.Reference, new { version = 0, outcome = "merge", mergeInto = "mental-health", rationale = $"Covered by mental health {marker}." });
        var section = (await GetPageAsync(suggestion.StatusPath)).QuerySelector("[data-field=decision]")!;

        Assert.StartsWith("Merged. It will be taken forward as part of the existing workstream", Field(section, "decision-outcome"), StringComparison.Ordinal);
        Assert.Equal("/programmes/2021-23/workstreams/mental-health", section.QuerySelector("a[data-field=workstream-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Markup_in_a_rationale_is_shown_as_text_never_run()
    {
        var marker = NewMarker();
        var suggestion = await SuggestAsync(marker);
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");

        await DecideAsync(chief, suggestion.Reference, new { version = 0, outcome = "decline", rationale = $"{marker} <script>alert(1)</script> <b>bold</b>" });
        using var response = await anonymous.GetAsync(suggestion.StatusPath);
        var html = await response.Content.ReadAsStringAsync();
        var page = await new HtmlParser().ParseDocumentAsync(html);

        Assert.Equal($"{marker} <script>alert(1)</script> <b>bold</b>", Field(page, "rationale"));
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-field=rationale] *"));
    }

    [Fact]
    public async Task A_programme_with_no_accepted_suggestions_says_so()
    {
        using var fresh = new PortalFactory();

        var page = await new HtmlParser().ParseDocumentAsync(await fresh.CreateClient().GetStringAsync("/programmes/2021-23"));

        Assert.Equal("Proposed workstreams from the consultation", page.QuerySelector("h2#proposed")!.TextContent.Trim());
        Assert.Equal("No suggestions have been accepted yet.", Field(page, "no-proposed"));
        Assert.Empty(page.QuerySelectorAll("h2#proposed ~ ul.app-workstream-list"));
    }

    private static string NewMarker() => "w" + Guid.NewGuid().ToString("N")[..10];

    private static string Field(IParentNode node, string name) =>
        node.QuerySelector($"[data-field='{name}']")?.TextContent.Trim() ?? throw new Xunit.Sdk.XunitException($"No [data-field={name}]");

    public void Dispose() => anonymous.Dispose();


    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    private async Task<WorkstreamDocument> GetWorkstreamAsync(string slug)
    {
        return (await anonymous.GetFromJsonAsync<WorkstreamDocument>($"/api/v1/workstreams/{slug}"))!;
    }

    /// <summary>Sends a suggestion through the public API; returns its reference and the path of its status page.</summary>
    private async Task<(string Reference, string StatusPath)> SuggestAsync(
        string marker, string consent = "anonymous", string name = "Alex Jones", string? organisation = null)
    {
        var created = await SampleSubmissions.SendAsync(anonymous, SampleSubmissions.Suggestion(
            title: $"Suggestion {marker}",
            text: $"Look at {marker}.",
            reason: "It matters to victims.",
            areasOfFocus: CustodialConditions,
            inspectorates: ProsecutionAndPrisons,
            evidenceLinks: null,
            name: name,
            email: $"{marker}@example.org",
            organisation: organisation,
            publicationConsent: consent));
        return (created.Reference, created.StatusUrl.PathAndQuery);
    }

    /// <summary>Saves an assessment on the assessment page, which accepting needs, with days well within capacity.</summary>
    private static async Task AssessAsync(TestBrowser chief, string reference)
    {
        var page = await chief.GetAsync($"/triage/{reference}/assess");
        var saved = await chief.SubmitAsync(
            page, page.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmcpsi", "2"), ("days-hmi-probation", "3"));
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
    }

    private static object AcceptBody(long version, string title, string[] supporting, string[] partners, string kind, string rationale) => new
    {
        version,
        outcome = "accept",
        rationale,
        workstream = new
        {
            title,
            summary = "How the work would be scoped.",
            lead = "hmcpsi",
            supporting,
            partners,
            areasOfFocus = CustodialConditions,
            programmeYear = "2022-23",
            kind,
        },
    };

    /// <summary>Assesses and accepts the suggestion; returns the proposed workstream's id (its slug).</summary>
    private async Task<string> AcceptAsync(
        TestBrowser chief, string reference, string title, string[] supporting, string[]? partners = null, string kind = "inspection")
    {
        await AssessAsync(chief, reference);
        var decision = await DecideAsync(chief, reference, AcceptBody(0, title, supporting, partners ?? Cqc, kind, "It fills a gap in the programme."));
        return decision.GetProperty("workstream").GetString()!;
    }

    /// <summary>Records the decision and, when it is joint, has every inspectorate taking part agree, so it is final.</summary>
    private async Task<JsonElement> DecideAsync(TestBrowser chief, string reference, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(body) };
        using var response = await chief.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Decision on {reference} got {(int)response.StatusCode}: {text}");
        var decision = JsonDocument.Parse(text).RootElement.Clone();
        if (decision.GetProperty("agreement").GetString() == "awaiting")
        {
            Assert.True(Web.Features.Submissions.SubmissionReference.TryParse(reference, out var id));
            await Agreements.AgreeAllAsync(portal, id);
        }

        return decision;
    }
}
