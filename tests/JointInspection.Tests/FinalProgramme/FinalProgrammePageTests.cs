using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.FinalProgramme;

/// <summary>The final programme page: once the chair has finalised the round, the agreed programme in the plan's structure.</summary>
public sealed class FinalProgrammePageTests(FinalisedProgrammePortal portal) : IClassFixture<FinalisedProgrammePortal>, IDisposable
{
    private readonly HttpClient anonymous = new() { BaseAddress = portal.BaseAddress };

    [Fact]
    public async Task The_page_lists_every_workstream_not_withdrawn_with_its_lead_and_supporting_inspectorates()
    {
        var expected = await portal.ExpectedWorkstreamsAsync();
        var page = await GetPageAsync("/programmes/2021-23/final");

        var rows = page.QuerySelectorAll("tr[data-workstream]").ToList();
        Assert.Equal(expected.Select(w => w.Slug).Order(), rows.Select(r => r.GetAttribute("data-workstream")!).Order());
        foreach (var workstream in expected)
        {
            var row = rows.Single(r => r.GetAttribute("data-workstream") == workstream.Slug);
            Assert.Equal(workstream.Title, row.QuerySelector("th")!.TextContent.Trim());
            Assert.Equal(workstream.Lead, Field(row, "lead"));
            Assert.Equal(workstream.Supporting, Field(row, "supporting"));
            Assert.NotNull(page.QuerySelector($"[data-workstream-summary='{workstream.Slug}'] h4"));
        }

        Assert.DoesNotContain(rows, r => r.GetAttribute("data-workstream") == portal.WithdrawnSlug);
        Assert.DoesNotContain(FinalisedProgrammePortal.WithdrawnTitle, page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepted_suggestions_are_new_work_joint_or_bilateral_by_the_inspectorates_taking_part()
    {
        var page = await GetPageAsync("/programmes/2021-23/final");

        Assert.NotNull(page.QuerySelector($"[data-group=joint] tr[data-workstream='{portal.JointSlug}']"));
        Assert.NotNull(page.QuerySelector($"[data-group=bilateral] tr[data-workstream='{portal.BilateralSlug}']"));
        Assert.NotNull(page.QuerySelector("[data-group=joint] tr[data-workstream=mental-health]"));
        Assert.NotNull(page.QuerySelector("[data-group=core] tr[data-workstream=youth-inspection-programme]"));
        Assert.DoesNotContain("Proposed", page.QuerySelector("#programme")!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_respondent_is_named_only_when_they_agreed_to_be()
    {
        var page = await GetPageAsync("/programmes/2021-23/final");

        Assert.Equal(
            $"From suggestion {portal.JointReference}, suggested by {FinalisedProgrammePortal.NamedRespondent}",
            Field(page.QuerySelector($"[data-workstream-summary='{portal.JointSlug}']")!, "origin"));
        Assert.StartsWith("From suggestion JI-", Field(page.QuerySelector($"[data-workstream-summary='{portal.BilateralSlug}']")!, "origin"), StringComparison.Ordinal);
        Assert.DoesNotContain(FinalisedProgrammePortal.AnonymousRespondent, page.Source.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("respondent@example.org", page.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_has_the_plans_structure_a_contents_list_and_the_ten_principles()
    {
        var page = await GetPageAsync("/programmes/2021-23/final");

        Assert.Equal("Joint inspection programme 2021–23", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(
            ["Contents", "Introduction", "A. The context to our programme", "B. Joint inspection programme for 2021–23", "Annex A: the ten principles of inspection"],
            page.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(
            ["#introduction", "#context", "#programme", "#annex-a"],
            page.QuerySelectorAll("nav.app-final-contents a").Select(a => a.GetAttribute("href")));
        Assert.Equal(10, page.QuerySelectorAll("ol[data-field=principles] > li").Length);
        Assert.StartsWith("The purpose of improvement.", page.QuerySelector("ol[data-field=principles] > li")!.TextContent.Trim(), StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            var finalised = connection.ExecuteScalar<DateTimeOffset>("SELECT finalised_at FROM programme_round WHERE first_year = 2021");
            Assert.Equal($"Finalised by the chief inspectors on {Web.Infrastructure.UkTime.Date(finalised)}.", Field(page, "finalised"));
        }

        var introduction = page.QuerySelector("#introduction")!.ParentElement!.TextContent;
        Assert.Contains("received 1 response to the draft programme and 3 suggestions for new work", Squash(introduction), StringComparison.Ordinal);
        Assert.Contains("Justin Russell, HM Chief Inspector of Probation (Chair)", Field(page, "signatories"), StringComparison.Ordinal);
        Assert.Equal("/programmes/2021-23/final.docx", page.QuerySelector("a[data-field=word-link]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_print_stylesheet_is_linked_for_print_only_and_served()
    {
        var page = await GetPageAsync("/programmes/2021-23/final");

        var link = page.QuerySelector("head link[rel=stylesheet][media=print]");
        Assert.NotNull(link);
        var href = link.GetAttribute("href")!;
        Assert.StartsWith("/css/final-programme-print.css", href, StringComparison.Ordinal);
        using var response = await anonymous.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var css = await response.Content.ReadAsStringAsync();
        Assert.Contains("@media print", css, StringComparison.Ordinal);
        Assert.Contains("content: \" (\" attr(href) \")\"", css, StringComparison.Ordinal);
        // The draft programme's page is not printed with it.
        Assert.Null((await GetPageAsync("/programmes/2021-23")).QuerySelector("link[media=print]"));
    }

    [Fact]
    public async Task The_programme_and_start_pages_link_to_the_final_programme()
    {
        foreach (var path in new[] { "/programmes/2021-23", "/" })
        {
            var link = (await GetPageAsync(path)).QuerySelector("[data-field=final-programme] a");
            Assert.Equal("/programmes/2021-23/final", link?.GetAttribute("href"));
        }
    }

    public void Dispose() => anonymous.Dispose();

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Field(IParentNode node, string name) =>
        Squash(node.QuerySelector($"[data-field='{name}']")?.TextContent ?? throw new Xunit.Sdk.XunitException($"No [data-field={name}]"));

    private async Task<IHtmlDocument> GetPageAsync(string path)
    {
        using var response = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Before the chair finalises a round, its final programme's address says so and points to the draft.</summary>
public sealed class NotFinalProgrammeTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Before_finalisation_the_page_is_a_404_that_says_so_and_links_to_the_draft()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/programmes/2021-23/final");
        var page = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The 2021–23 programme is not final yet", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/programmes/2021-23", page.QuerySelector("a[data-field=draft-link]")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("link[media=print]"));
        using var document = await client.GetAsync("/programmes/2021-23/final.docx");
        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        foreach (var path in new[] { "/programmes/2021-23", "/" })
        {
            var other = await new HtmlParser().ParseDocumentAsync(await client.GetStringAsync(path));
            Assert.Null(other.QuerySelector("[data-field=final-programme]"));
        }
    }

    [Fact]
    public async Task A_round_that_does_not_exist_has_no_final_programme_page()
    {
        using var client = portal.CreateClient();

        using var response = await client.GetAsync("/programmes/2041-43/final");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("not final yet", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_finalised_the_same_address_answers_with_the_programme()
    {
        using var client = portal.CreateClient();
        using (var before = await client.GetAsync("/programmes/2021-23/final"))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
        }

        await FinalisedProgrammePortal.FinaliseAsync(portal);
        using var after = await client.GetAsync("/programmes/2021-23/final");

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    public void Dispose() => portal.Dispose();
}
