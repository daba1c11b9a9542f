using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Submissions;

/// <summary>The suggestion's questions, one thing per page, and the wording every journey page shares.</summary>
public sealed partial class JourneyPageTests
{
    public static readonly (string Field, string Value)[] Topic =
        [("title", "Court backlogs and victims"), ("text", "How delays affect victims."), ("reason", "Victims withdraw when trials are delayed.")];

    private static readonly string[] RespondPages = ["/respond", "/respond/response", "/respond/about-you"];

    private static readonly string[] SuggestPages =
        ["/suggest", "/suggest/scope", "/suggest/inspectorates", "/suggest/timing", "/suggest/evidence", "/suggest/documents", "/suggest/about-you", "/suggest/check"];

    [Fact]
    public async Task Back_links_walk_the_suggestion_pages_in_order_and_the_first_pages_go_back_to_the_start_page()
    {
        var person = new JourneyVisitor(portal);

        var backs = new List<string?>();
        foreach (var path in SuggestPages)
        {
            backs.Add((await person.GetAsync(path)).QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
        }

        Assert.Equal(["/", .. SuggestPages[..^2]], backs[..^1]);
        Assert.Equal("/suggest/about-you", backs[^1]);
        Assert.Equal("/", (await person.GetAsync("/respond")).QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_lead_not_among_those_taking_part_is_an_error_on_the_inspectorates_page_which_keeps_the_ticks()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/suggest", Topic);

        var (response, page) = await person.PostAsync("/suggest/inspectorates", ("inspectorates", "hmicfrs"), ("inspectorates", "cqc"), ("lead", "hmi-prisons"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "The lead must take part: select HMI Prisons as taking part too, or choose a lead from those taking part",
            page.QuerySelector(".govuk-error-summary__list a[href='#lead']")?.TextContent.Trim());
        Assert.Equal(["hmicfrs", "cqc"], page.QuerySelectorAll("input[name=inspectorates]").Cast<IHtmlInputElement>().Where(i => i.IsChecked).Select(i => i.Value));
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=lead][value=hmi-prisons]")!).IsChecked);

        // Not knowing who takes part leaves any lead possible.
        Assert.Equal("/suggest/timing", await person.PostAndFollowAsync("/suggest/inspectorates", ("inspectorates", "dont-know"), ("lead", "hmi-prisons")));
    }

    [Fact]
    public async Task I_dont_know_may_not_be_ticked_with_an_answer()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/suggest", Topic);

        var (_, page) = await person.PostAsync("/suggest/scope", ("areasOfFocus", "community-safety"), ("areasOfFocus", "dont-know"));

        Assert.Equal(
            "Select areas of focus, or “I don’t know”, not both",
            page.QuerySelector(".govuk-error-summary__list a[href='#areasOfFocus']")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_suggestion_that_does_not_know_its_scope_or_lead_is_stored_with_none_and_reads_i_dont_know()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/suggest", Topic);
        await person.PostAndFollowAsync("/suggest/scope", ("areasOfFocus", "dont-know"));
        await person.PostAndFollowAsync("/suggest/inspectorates", ("inspectorates", "dont-know"), ("lead", "dont-know"));
        await person.PostAndFollowAsync("/suggest/timing", ("timing", "later"));
        Assert.Equal("/suggest/documents", await person.PostAndFollowAsync("/suggest/evidence"));
        await person.PostAndFollowAsync("/suggest/about-you", ("name", "Alex Jones"), ("email", "alex@example.org"), ("respondentType", "individual"), ("publicationConsent", "none"));

        var check = await person.GetAsync("/suggest/check");
        Assert.Equal("I don’t know", RowValue(check, "areasOfFocus"));
        Assert.Equal("I don’t know", RowValue(check, "inspectorates"));
        Assert.Equal("I don’t know", RowValue(check, "lead"));
        Assert.Equal("Do not publish my suggestion", RowValue(check, "publicationConsent"));

        Assert.Equal("/suggest/sent", await person.PostAndFollowAsync("/suggest/check"));
        var reference = (await person.GetAsync("/suggest/sent")).QuerySelector("[data-field=reference]")!.TextContent.Trim();
        var id = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, Count("submission", $"id = {id} AND lead_inspectorate_code IS NULL AND timing = 'later'"));
        Assert.Equal(0, Count("submission_area_of_focus", $"submission_id = {id}"));
        Assert.Equal(0, Count("submission_inspectorate", $"submission_id = {id}"));
    }

    [Fact]
    public async Task Each_suggestion_answer_on_the_check_page_changes_on_its_own_page()
    {
        var person = await CompletedSuggestJourneyAsync();

        var check = await person.GetAsync("/suggest/check");

        string? Change(string field) => check.QuerySelector($"[data-field={field}] .govuk-summary-list__actions a")?.GetAttribute("href");
        Assert.Equal("/suggest?returnTo=check#title", Change("title"));
        Assert.Equal("/suggest/scope?returnTo=check#areasOfFocus", Change("areasOfFocus"));
        Assert.Equal("/suggest/scope?returnTo=check#crossCuttingIssues", Change("crossCuttingIssues"));
        Assert.Equal("/suggest/inspectorates?returnTo=check#inspectorates", Change("inspectorates"));
        Assert.Equal("/suggest/inspectorates?returnTo=check#lead", Change("lead"));
        Assert.Equal("/suggest/timing?returnTo=check#timing", Change("timing"));
        Assert.Equal("/suggest/evidence?returnTo=check#evidenceLinks", Change("evidenceLinks"));
        Assert.Equal("/suggest/check", (await person.GetAsync("/suggest/timing?returnTo=check")).QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_draft_saved_before_the_scope_page_was_split_still_loads_on_the_new_pages()
    {
        var person = new JourneyVisitor(portal);
        var marker = Guid.NewGuid().ToString();
        await person.PostAndFollowAsync("/suggest", ("title", marker), ("text", "Delays."), ("reason", "Victims withdraw."));
        // The whole of the old single scope page's answers, as that version saved them.
        const string old = """
            {"Kind":"suggestion","ResponseTo":null,"AreaOfFocus":null,"Workstream":null,"Stance":null,"Text":"How delays affect victims.",
             "Title":"Court backlogs","Reason":"Victims withdraw.","AreasOfFocus":["community-safety"],"CrossCuttingIssues":[],
             "Inspectorates":["hmcpsi","cqc"],"Lead":"hmcpsi","Timing":"2022-23","EvidenceLinks":"https://example.org/report",
             "Name":"Alex Jones","Email":"alex@example.org","RespondentType":"individual","OrganisationName":null,"OrganisationType":null,"PublicationConsent":"named"}
            """;
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1, connection.Execute("UPDATE submission_draft SET answers = @old WHERE answers LIKE '%' || @marker || '%'", new { old, marker }));
        }

        var inspectorates = await person.GetAsync("/suggest/inspectorates");
        Assert.True(((IHtmlInputElement)inspectorates.QuerySelector("input[name=lead][value=hmcpsi]")!).IsChecked);
        Assert.Equal("2022-23", (await person.GetAsync("/suggest/timing")).QuerySelector("input[name=timing][checked]")?.GetAttribute("value"));
        Assert.Equal("https://example.org/report", Value(await person.GetAsync("/suggest/evidence"), "evidenceLinks"));
        var check = await person.GetAsync("/suggest/check");
        Assert.Equal("HMCPSI, CQC", RowValue(check, "inspectorates"));
        Assert.Null(check.QuerySelector(".govuk-error-summary"));
    }

    [Fact]
    public async Task A_wrong_link_is_named_by_its_line_in_the_words_of_the_hint()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/suggest", Topic);
        const string typed = "https://example.org/report\n\nexample.org/data";

        var (_, page) = await person.PostAsync("/suggest/evidence", ("evidenceLinks", typed));

        Assert.Equal(
            $"Line 3 is not a web address. {SubmissionRules.LinksRule}",
            page.QuerySelector(".govuk-error-summary__list a[href='#evidenceLinks']")?.TextContent.Trim());
        Assert.Contains(SubmissionRules.LinksRule, page.GetElementById("evidenceLinks-hint")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Each line must be one full web address starting https:// or http://", SubmissionRules.LinksRule);
        Assert.Equal(typed, Value(page, "evidenceLinks"));
        Assert.Equal("/suggest/documents", await person.PostAndFollowAsync("/suggest/evidence", ("evidenceLinks", "https://example.org/report\nhttp://example.org/data")));
    }

    [Theory]
    [InlineData("respond", "response")]
    [InlineData("suggest", "suggestion")]
    public async Task The_publication_question_and_its_options_name_what_is_being_sent(string journey, string kind)
    {
        var page = await new JourneyVisitor(portal).GetAsync($"/{journey}/about-you");

        var fieldset = page.GetElementById("publicationConsent")!.Closest("fieldset")!;
        Assert.Equal($"May we publish your {kind}?", fieldset.QuerySelector("legend")?.TextContent.Trim());
        Assert.Equal(
            [$"Publish my {kind} with my name", $"Publish my {kind} anonymously", $"Do not publish my {kind}"],
            fieldset.QuerySelectorAll("label").Select(l => l.TextContent.Trim()));
    }

    [Fact]
    public async Task Every_label_hint_and_error_on_the_journeys_uses_the_curly_apostrophe()
    {
        var person = new JourneyVisitor(portal);
        var straight = new List<string>();
        foreach (var path in RespondPages.Concat(SuggestPages[..^1]))
        {
            foreach (var page in new[] { await person.GetAsync(path), (await person.PostAsync(path)).Page })
            {
                straight.AddRange(page.QuerySelectorAll("main h1, main label, main legend, main .govuk-hint, main .govuk-error-message, main .govuk-error-summary a")
                    .Select(e => e.TextContent.Trim())
                    .Where(text => text.Contains('\'', StringComparison.Ordinal))
                    .Select(text => $"{path}: {text}"));
            }
        }

        // The rules' messages reach the API too, and the choices its documentation.
        var programme = await portal.Services.GetRequiredService<Web.Features.Programme.ProgrammeReader>().ReadAsync(CancellationToken.None);
        foreach (var kind in new[] { "response", "suggestion" })
        {
            straight.AddRange(SubmissionRules.Validate(new SubmissionAnswers { Kind = kind, AreasOfFocus = ["x", SubmissionChoices.DontKnow], EvidenceLinks = "x" }, programme).Values
                .Where(message => message.Contains('\'', StringComparison.Ordinal)));
        }

        Assert.Empty(straight.Distinct());
    }

    private async Task<JourneyVisitor> CompletedSuggestJourneyAsync()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/suggest", Topic);
        await person.PostAndFollowAsync("/suggest/scope", ("areasOfFocus", "community-safety"));
        await person.PostAndFollowAsync("/suggest/inspectorates", ("inspectorates", "hmcpsi"), ("lead", "hmcpsi"));
        await person.PostAndFollowAsync("/suggest/timing", ("timing", "2022-23"));
        await person.PostAndFollowAsync("/suggest/evidence", ("evidenceLinks", "https://example.org/report"));
        Assert.Equal("/suggest/check", await person.PostAndFollowAsync(
            "/suggest/about-you", ("name", "Alex Jones"), ("email", "alex@example.org"), ("respondentType", "individual"), ("publicationConsent", "named")));
        return person;
    }
}
