using System.Diagnostics.Metrics;
using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Submissions;

/// <summary>A portal whose rate limit leaves room for every check-page POST these tests make.</summary>
public sealed class JourneyPortal : PortalFactory
{
    public JourneyPortal() => Settings["Submissions:RateLimit:PermitLimit"] = "1000";
}

/// <summary>
/// The respond and suggest forms as a person without JavaScript uses them: GET a page, POST it with the
/// antiforgery token from its form and the cookies from earlier pages, follow the redirect.
/// </summary>
public sealed partial class JourneyPageTests(JourneyPortal portal) : IClassFixture<JourneyPortal>
{
    private const string Script = "<script>alert(1)</script>";
    private const string Image = "<img src=x onerror=alert(1)>";

    public static readonly (string Field, string Value)[] Target = [("responseTo", "workstream"), ("workstream", "mental-health")];

    public static readonly (string Field, string Value)[] Response = [("stance", "support-with-changes"), ("text", "Please include *women* in custody.\n\n- one\n- two")];

    public static readonly (string Field, string Value)[] AboutYou =
    [
        ("name", "Sam Patel"), ("email", "sam@example.org"), ("respondentType", "organisation"),
        ("organisationName", "Victim Support Cymru"), ("organisationType", "voluntary-community"), ("publicationConsent", "anonymous"),
    ];

    public static TheoryData<string, string[], string[]> EmptyPages => new()
    {
        { "/respond", ["responseTo"], ["Select what you are responding to"] },
        { "/respond/response", ["stance", "text"], ["Select whether you support it", "Enter your response"] },
        {
            "/respond/about-you",
            ["name", "email", "respondentType", "publicationConsent"],
            ["Enter your name", "Enter your email address", "Select whether you are responding as an individual or for an organisation", "Select whether we may publish your response"]
        },
        {
            "/suggest",
            ["title", "text", "reason"],
            ["Enter a title for the topic", "Enter what the inspection should look at", "Enter why it matters for public safety or the public’s confidence"]
        },
        { "/suggest/scope", ["areasOfFocus"], ["Select at least one area of focus, or “I don’t know”"] },
        {
            "/suggest/inspectorates",
            ["inspectorates", "lead"],
            ["Select at least one inspectorate that should take part, or “I don’t know”", "Select which inspectorate should lead, or “I don’t know”"]
        },
        { "/suggest/timing", ["timing"], ["Select when the inspection should happen"] },
        { "/suggest/about-you", ["name", "email", "respondentType", "publicationConsent"], ["Enter your name", "Enter your email address", "Select whether you are responding as an individual or for an organisation", "Select whether we may publish your suggestion"] },
    };

    [Theory]
    [MemberData(nameof(EmptyPages))]
    public async Task An_empty_post_shows_the_error_summary_linking_to_each_field(string path, string[] fields, string[] messages)
    {
        var person = new JourneyVisitor(portal);

        var (response, page) = await person.PostAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var summary = page.QuerySelector(".govuk-error-summary");
        Assert.NotNull(summary);
        Assert.NotNull(summary.QuerySelector("[role=alert]"));
        Assert.Equal("There is a problem", summary.QuerySelector(".govuk-error-summary__title")?.TextContent.Trim());
        var links = summary.QuerySelectorAll(".govuk-error-summary__list a").ToList();
        Assert.Equal(fields.Select(f => $"#{f}"), links.Select(a => a.GetAttribute("href")));
        Assert.Equal(messages, links.Select(a => a.TextContent.Trim()));
        foreach (var (field, message) in fields.Zip(messages))
        {
            // The link lands on a real control, inside a group marked as wrong, with the same message beside it.
            var control = page.GetElementById(field);
            Assert.NotNull(control);
            Assert.True(control is IHtmlInputElement or IHtmlTextAreaElement or IHtmlSelectElement, $"#{field} is a {control.TagName}, not a form control");
            var group = control.Closest(".govuk-form-group");
            Assert.NotNull(group);
            Assert.Contains("govuk-form-group--error", group.ClassList);
            Assert.Equal($"Error: {message}", page.GetElementById($"{field}-error")?.TextContent.Trim());
            if (control.GetAttribute("type") is not ("radio" or "checkbox"))
            {
                Assert.Contains($"{field}-error", control.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
                Assert.Contains(control.ClassList, c => c.EndsWith("--error", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task What_was_typed_stays_in_the_fields_when_a_page_has_errors_and_when_coming_back()
    {
        var person = new JourneyVisitor(portal);

        var (_, page) = await person.PostAsync("/respond/about-you", ("name", "Ada Lovelace"), ("email", "not-an-email"), ("respondentType", "organisation"));

        Assert.Equal(
            ["#email", "#organisationName", "#organisationType", "#publicationConsent"],
            page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")));
        Assert.Equal("Enter an email address in the correct format, like name@example.com", page.QuerySelector("a[href='#email']")?.TextContent.Trim());
        Assert.Equal("Ada Lovelace", Value(page, "name"));
        Assert.Equal("not-an-email", Value(page, "email"));
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=respondentType][value=organisation]")!).IsChecked);

        // The draft was kept although the page was wrong: coming back later shows the same answers.
        var again = await person.GetAsync("/respond/about-you");
        Assert.Equal("Ada Lovelace", Value(again, "name"));
        Assert.Equal("not-an-email", Value(again, "email"));
        Assert.Null(again.QuerySelector(".govuk-error-summary"));
        Assert.Equal("About you – Joint inspection programme consultation", again.Title);
    }

    [Fact]
    public async Task A_full_respond_journey_ends_on_the_confirmation_page_with_a_reference_and_a_stored_submission()
    {
        var person = new JourneyVisitor(portal);
        var before = Count("submission");

        Assert.Equal("/respond/response", await person.PostAndFollowAsync("/respond", Target));
        var response = await person.GetAsync("/respond/response");
        Assert.Equal("/respond", response.QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
        Assert.Equal("/respond/documents", await person.PostAndFollowAsync("/respond/response", Response));
        Assert.Equal("/respond/check", await person.PostAndFollowAsync("/respond/about-you", AboutYou));

        var check = await person.GetAsync("/respond/check");
        Assert.Equal("Workstream: Mental health", RowValue(check, "responseTo"));
        Assert.Equal("Victim Support Cymru", RowValue(check, "organisationName"));
        Assert.Equal("/respond/about-you?returnTo=check#email", check.QuerySelector("[data-field=email] .govuk-summary-list__actions a")?.GetAttribute("href"));
        // The response is shown rendered (emphasis, a list) from the sanitised HTML.
        Assert.Equal("women", check.QuerySelector("[data-field=text] em")?.TextContent);
        Assert.Equal(2, check.QuerySelectorAll("[data-field=text] li").Length);
        Assert.NotNull(check.QuerySelector("form input#website[name=website]"));

        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var sent = await person.GetAsync("/respond/sent");

        Assert.Equal("Submission sent", sent.QuerySelector(".govuk-panel--confirmation h1")?.TextContent.Trim());
        var reference = sent.QuerySelector(".govuk-panel--confirmation strong")?.TextContent.Trim();
        Assert.Matches(@"^JI-\d{6}$", reference);
        Assert.Matches("^/submissions/[A-Za-z0-9_-]{20,}$", sent.QuerySelector("a[data-field=status-link]")?.GetAttribute("href"));
        Assert.Contains("sam@example.org", sent.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before + 1, Count("submission"));
        var id = long.Parse(reference![3..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, Count("submission", $"id = {id} AND respondent_name = 'Sam Patel' AND workstream_id IS NOT NULL AND stance = 'support-with-changes'"));

    }

    [Fact]
    public async Task Refreshing_the_confirmation_shows_the_same_reference_and_status_link_and_is_not_stored_by_the_browser()
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var first = await person.GetAsync("/respond/sent");

        var refresh = await person.Client.GetAsync("/respond/sent");

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal("no-store", refresh.Headers.CacheControl?.ToString());
        var refreshed = await PageParser.ParseAsync(refresh);
        Assert.Equal(Reference(first), Reference(refreshed));
        Assert.Matches(@"^JI-\d{6}$", Reference(refreshed));
        Assert.Equal(StatusLink(first), StatusLink(refreshed));
        Assert.Contains("sam@example.org", refreshed.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/respond/check")]
    [InlineData("/respond/about-you")]
    [InlineData("/respond")]
    public async Task Back_after_sending_shows_you_have_sent_this_with_the_reference_and_status_link_and_no_send_button(string path)
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var sent = await person.GetAsync("/respond/sent");

        var back = await person.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal("no-store", back.Headers.CacheControl?.ToString());
        var page = await PageParser.ParseAsync(back);
        Assert.Equal("You have sent this response", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains($"Your reference is {Reference(sent)}", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(StatusLink(sent), StatusLink(page));
        Assert.DoesNotContain(page.QuerySelectorAll("button"), b => b.TextContent.Trim() == "Send");
        Assert.Null(page.QuerySelector(".govuk-error-summary"));
    }

    [Fact]
    public async Task The_confirmation_and_the_page_after_it_ask_what_the_person_thought_of_the_service()
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));

        foreach (var page in new[] { await person.GetAsync("/respond/sent"), await person.GetAsync("/respond/check") })
        {
            var line = page.QuerySelector("main [data-field=feedback]");
            Assert.NotNull(line);
            Assert.Equal("What did you think of this service? (takes 30 seconds)", System.Text.RegularExpressions.Regex.Replace(line.TextContent.Trim(), @"\s+", " "));
            Assert.Equal("/feedback?from=%2Frespond%2Fsent", line.QuerySelector("a")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Sending_a_draft_again_after_it_was_sent_stores_nothing_more_and_shows_the_first_reference()
    {
        var person = await CompletedRespondJourneyAsync();
        var token = await person.TokenAsync("/respond/check");
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var reference = Reference(await person.GetAsync("/respond/sent"));
        var submissions = Count("submission");
        var emails = Count("outbox_message");

        var again = await person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains($"Your reference is {reference}", (await PageParser.ParseAsync(again)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(submissions, Count("submission"));
        Assert.Equal(emails, Count("outbox_message"));
    }

    [Fact]
    public async Task Two_sends_of_one_draft_at_once_store_one_submission_and_both_lead_to_its_reference()
    {
        var person = await CompletedRespondJourneyAsync();
        var token = await person.TokenAsync("/respond/check");
        var before = Count("submission");

        var sends = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))));

        Assert.Equal(before + 1, Count("submission"));
        Assert.All(sends, s => Assert.True(s.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"A send answered {(int)s.StatusCode}."));
        var reference = Reference(await person.GetAsync("/respond/sent"));
        Assert.Equal(1, Count("submission", $"id = {long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture)} AND respondent_name = 'Sam Patel'"));
    }

    [Fact]
    public async Task After_sending_a_person_can_start_a_new_response_which_leaves_the_first_one_alone()
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var first = Reference(await person.GetAsync("/respond/sent"));

        var form = (await person.GetAsync("/respond/check")).QuerySelector("form[data-action=start-again]")
            ?? throw new InvalidOperationException("No way to start again on the page.");
        var startAgain = await person.Client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
            [new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]));
        Assert.Equal(HttpStatusCode.Redirect, startAgain.StatusCode);
        Assert.Equal("/respond", startAgain.Headers.Location?.OriginalString);
        var start = await person.GetAsync("/respond");
        Assert.Null(start.QuerySelector("input[name=responseTo][checked]"));
        await person.PostAndFollowAsync("/respond", ("responseTo", "programme"));
        await person.PostAndFollowAsync("/respond/response", Response);
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));

        var second = Reference(await person.GetAsync("/respond/sent"));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task The_status_link_of_a_sent_draft_is_shown_only_to_the_browser_that_sent_it()
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var stranger = new JourneyVisitor(portal);

        var sent = await stranger.Client.GetAsync("/respond/sent");
        var check = await stranger.GetAsync("/respond/check");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal("/", sent.Headers.Location?.OriginalString);
        Assert.Null(check.QuerySelector("a[data-field=status-link]"));
        Assert.Equal("Check your answers before sending", check.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Starting_the_other_journey_after_sending_keeps_the_sent_draft_and_its_reference()
    {
        var person = await CompletedRespondJourneyAsync();
        Assert.Equal("/respond/sent", await person.PostAndFollowAsync("/respond/check"));
        var reference = Reference(await person.GetAsync("/respond/sent"));

        await person.PostAndFollowAsync("/suggest", ("title", "Court backlogs"), ("text", "Delays."), ("reason", "Victims withdraw."));

        Assert.Equal("Court backlogs", Value(await person.GetAsync("/suggest"), "title"));
        Assert.Equal(1, Count("submission_draft", $"sent_submission_id = {long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    private static string Reference(IHtmlDocument page) =>
        page.QuerySelector("[data-field=reference]")?.TextContent.Trim() ?? throw new InvalidOperationException("No reference on the page.");

    private static string? StatusLink(IHtmlDocument page) => page.QuerySelector("a[data-field=status-link]")?.GetAttribute("href");

    [Fact]
    public async Task A_full_suggest_journey_stores_the_suggestion_with_its_scope()
    {
        var person = new JourneyVisitor(portal);
        var before = Count("submission");

        Assert.Equal("/suggest/scope", await person.PostAndFollowAsync(
            "/suggest", ("title", "Court backlogs and victims"), ("text", "How delays affect victims."), ("reason", "Victims withdraw when trials are delayed.")));
        Assert.Equal("/suggest/inspectorates", await person.PostAndFollowAsync(
            "/suggest/scope",
            ("areasOfFocus", "bringing-offenders-to-justice"), ("areasOfFocus", "community-safety"), ("crossCuttingIssues", "victim-witness-experience")));
        Assert.Equal("/suggest/timing", await person.PostAndFollowAsync(
            "/suggest/inspectorates", ("inspectorates", "hmcpsi"), ("inspectorates", "cqc"), ("lead", "dont-know")));
        Assert.Equal("/suggest/evidence", await person.PostAndFollowAsync("/suggest/timing", ("timing", "2022-23")));
        Assert.Equal("/suggest/documents", await person.PostAndFollowAsync(
            "/suggest/evidence", ("evidenceLinks", "https://example.org/report\r\nhttps://example.org/data")));
        Assert.Equal("/suggest/check", await person.PostAndFollowAsync(
            "/suggest/about-you", ("name", "Alex Jones"), ("email", "alex@example.org"), ("respondentType", "individual"), ("publicationConsent", "named")));

        var check = await person.GetAsync("/suggest/check");
        Assert.Equal("Community safety, Bringing offenders to justice", RowValue(check, "areasOfFocus"));
        Assert.Equal("I don’t know", RowValue(check, "lead"));
        Assert.Equal("/suggest/timing?returnTo=check#timing", check.QuerySelector("[data-field=timing] .govuk-summary-list__actions a")?.GetAttribute("href"));

        Assert.Equal("/suggest/sent", await person.PostAndFollowAsync("/suggest/check"));
        var reference = (await person.GetAsync("/suggest/sent")).QuerySelector(".govuk-panel--confirmation strong")?.TextContent.Trim();
        Assert.Matches(@"^JI-\d{6}$", reference);
        Assert.Equal(before + 1, Count("submission"));
        var id = long.Parse(reference![3..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, Count("submission", $"id = {id} AND kind = 'suggestion' AND lead_inspectorate_code IS NULL AND timing = '2022-23'"));
        Assert.Equal(2, Count("submission_area_of_focus", $"submission_id = {id}"));
    }

    [Fact]
    public async Task The_inspectorates_page_lists_all_nine_bodies_criminal_justice_first_and_only_those_four_can_lead()
    {
        var page = await new JourneyVisitor(portal).GetAsync("/suggest/inspectorates");

        Assert.Equal(
            ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons", "cqc", "ofsted", "hiw", "ciw", "estyn", "dont-know"],
            page.QuerySelectorAll("input[name=inspectorates]").Select(i => i.GetAttribute("value")));
        Assert.Equal(
            ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons", "dont-know"],
            page.QuerySelectorAll("input[name=lead]").Select(i => i.GetAttribute("value")));
        Assert.Equal("exclusive", page.QuerySelector("input[name=inspectorates][value=dont-know]")?.GetAttribute("data-behaviour"));
        Assert.Equal("/suggest/scope", page.QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
    }

    [Fact]
    public async Task A_change_link_leads_back_to_the_check_page_after_saving()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", ("responseTo", "programme"));
        await person.PostAndFollowAsync("/respond/response", Response);
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);

        var change = await person.GetAsync("/respond/about-you?returnTo=check");
        Assert.Equal("/respond/check", change.QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
        Assert.Equal("/respond/check", await person.PostAndFollowAsync(
            "/respond/about-you?returnTo=check", [.. AboutYou.Where(f => f.Field != "email"), ("email", "sam.patel@example.org")]));
        Assert.Equal("sam.patel@example.org", RowValue(await person.GetAsync("/respond/check"), "email"));
    }

    [Fact]
    public async Task Sending_with_pages_skipped_shows_the_errors_on_the_check_page_linking_to_the_pages_to_change()
    {
        var person = new JourneyVisitor(portal);
        var before = Count("submission");
        await person.PostAndFollowAsync("/suggest", ("title", "Court backlogs"), ("text", "Delays."), ("reason", "Victims withdraw."));

        var (response, page) = await person.PostAsync("/suggest/check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: Check your answers", page.Title, StringComparison.Ordinal);
        var hrefs = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("/suggest/scope?returnTo=check#areasOfFocus", hrefs[0]);
        Assert.Contains("/suggest/about-you?returnTo=check#email", hrefs);
        Assert.DoesNotContain(hrefs, h => h!.StartsWith("/suggest?", StringComparison.Ordinal));
        Assert.Equal(before, Count("submission"));
    }

    [Fact]
    public async Task A_page_takes_only_its_own_fields_from_what_is_posted()
    {
        var person = await CompletedRespondJourneyAsync();

        await person.PostAndFollowAsync("/respond/response", [.. Response, ("kind", "suggestion"), ("name", "Mallory"), ("title", "Injected")]);

        var check = await person.GetAsync("/respond/check");
        Assert.Equal("Sam Patel", RowValue(check, "name"));
        Assert.Null(check.QuerySelector("[data-field=title]"));
    }

    [Fact]
    public async Task Sending_is_rate_limited_but_filling_in_the_pages_is_not()
    {
        using var limited = new PortalFactory();
        limited.Settings["Submissions:RateLimit:PermitLimit"] = "1";
        var person = new JourneyVisitor(limited);
        await person.PostAndFollowAsync("/respond", ("responseTo", "programme"));
        await person.PostAndFollowAsync("/respond/response", Response);
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);
        var token = await person.TokenAsync("/respond/check");

        var first = await person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        var second = await person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Equal("You have sent too many submissions", (await PageParser.ParseAsync(second)).QuerySelector("h1")?.TextContent.Trim());
        // The other pages' POSTs are outside the limit: a person can keep filling in the forms (the other journey's, as
        // this one's draft has been sent).
        Assert.Equal("/suggest/scope", await person.PostAndFollowAsync("/suggest", ("title", "Court backlogs"), ("text", "Delays."), ("reason", "Victims withdraw.")));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_stores_nothing()
    {
        var person = await CompletedRespondJourneyAsync();
        var drafts = Count("submission_draft");
        var before = Count("submission");

        var page = await person.Client.PostAsync("/respond/about-you", new FormUrlEncodedContent([new("name", "Mallory")]));
        var send = await person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("website", "")]));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, send.StatusCode);
        Assert.Equal(before, Count("submission"));
        Assert.Equal(drafts, Count("submission_draft"));
        Assert.Equal("Sam Patel", Value(await person.GetAsync("/respond/about-you"), "name"));
    }

    [Fact]
    public async Task A_filled_in_honeypot_is_refused_and_stores_nothing()
    {
        var person = await CompletedRespondJourneyAsync();
        var before = Count("submission");

        var (response, page) = await person.PostAsync("/respond/check", ("website", "https://spam.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("We could not accept this submission", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(before, Count("submission"));
    }

    [Fact]
    public async Task The_honeypot_is_hidden_from_people_and_assistive_technology()
    {
        var page = await (await CompletedRespondJourneyAsync()).GetAsync("/respond/check");

        var honeypot = page.QuerySelector("form input[name=website]");
        Assert.NotNull(honeypot);
        Assert.Equal("-1", honeypot.GetAttribute("tabindex"));
        Assert.Equal("off", honeypot.GetAttribute("autocomplete"));
        var container = honeypot.ParentElement!;
        Assert.Contains("govuk-visually-hidden", container.ClassList);
        Assert.Equal("true", container.GetAttribute("aria-hidden"));
        Assert.Equal("Leave this empty", container.QuerySelector("label[for=website]")?.TextContent.Trim());
    }

    [Fact]
    public async Task Arriving_from_a_workstream_skips_the_question_it_answers_and_back_returns_to_the_workstream()
    {
        var person = new JourneyVisitor(portal);

        var arrive = await person.Client.GetAsync("/respond?workstream=mental-health");

        Assert.Equal(HttpStatusCode.Redirect, arrive.StatusCode);
        Assert.Equal("/respond/response?from=workstream", arrive.Headers.Location?.OriginalString);
        var response = await person.GetAsync("/respond/response?from=workstream");
        Assert.Contains("the workstream “Mental health”", response.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/programmes/2021-23/workstreams/mental-health", response.QuerySelector("a.govuk-back-link")?.GetAttribute("href"));
        Assert.Equal("/respond/documents", await person.PostAndFollowAsync("/respond/response?from=workstream", Response));
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);

        // The answer is on the check page, and its Change link still asks the question, with the workstream chosen.
        var check = await person.GetAsync("/respond/check");
        Assert.Equal("Workstream: Mental health", RowValue(check, "responseTo"));
        var change = check.QuerySelector("[data-field=responseTo] .govuk-summary-list__actions a")?.GetAttribute("href");
        Assert.Equal("/respond?returnTo=check#responseTo", change);
        var question = await person.GetAsync(change!);
        Assert.True(((IHtmlInputElement)question.QuerySelector("input[name=responseTo][value=workstream]")!).IsChecked);
        Assert.Equal("mental-health", ((IHtmlSelectElement)question.GetElementById("workstream")!).Value);

        // An address naming no workstream asks the question, as the start page's link does.
        var unknown = await new JourneyVisitor(portal).GetAsync("/respond?workstream=no-such-workstream");
        Assert.DoesNotContain(unknown.QuerySelectorAll("input[name=responseTo]").Cast<IHtmlInputElement>(), i => i.IsChecked);
    }

    [Fact]
    public async Task The_start_page_and_workstream_pages_link_into_the_journeys_while_the_consultation_is_open()
    {
        var person = new JourneyVisitor(portal);

        var start = await person.GetAsync("/");
        var workstream = await person.GetAsync("/programmes/2021-23/workstreams/mental-health");

        Assert.Equal(["/respond", "/suggest"], start.QuerySelectorAll("main a.govuk-button--start").Select(a => a.GetAttribute("href")));
        Assert.Equal("/respond?workstream=mental-health", workstream.QuerySelector("main a.govuk-button")?.GetAttribute("href"));
    }

    [Fact]
    public async Task What_a_person_typed_as_markup_is_shown_as_text_on_the_check_page()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", ("responseTo", "programme"));
        await person.PostAndFollowAsync("/respond/response", ("stance", "support"), ("text", $"{Script} and {Image}"));
        await person.PostAndFollowAsync("/respond/about-you", [.. AboutYou.Where(f => f.Field != "name"), ("name", $"{Script}{Image}")]);

        var response = await person.Client.GetAsync("/respond/check");
        var html = await response.Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.Empty(page.QuerySelector("main")!.QuerySelectorAll("script"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.HasAttribute("onerror"));
        Assert.Empty(page.QuerySelector("main")!.QuerySelectorAll("img"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"{Script}{Image}", RowValue(page, "name"));
        Assert.Contains(Script, RowValue(page, "text"), StringComparison.Ordinal);
        Assert.Contains(Image, RowValue(page, "text"), StringComparison.Ordinal);

        // The same on the page the person typed it into.
        var aboutYou = await person.Client.GetStringAsync("/respond/about-you");
        Assert.DoesNotContain("<script>alert", aboutYou, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", aboutYou, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_journey_page_says_the_consultation_is_closed_when_it_is_and_stores_nothing()
    {
        using var closed = new PortalFactory();
        closed.Settings["Consultation:OpensAt"] = "2021-01-04T09:00:00Z";
        closed.Settings["Consultation:ClosesAt"] = "2021-03-29T17:00:00Z";
        var person = new JourneyVisitor(closed);

        foreach (var path in new[] { "/respond", "/respond/response", "/respond/about-you", "/respond/check", "/suggest", "/suggest/scope", "/suggest/inspectorates", "/suggest/timing", "/suggest/evidence", "/suggest/about-you", "/suggest/check" })
        {
            var response = await person.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await PageParser.ParseAsync(response);
            Assert.Equal("This consultation is closed", page.QuerySelector("h1")?.TextContent.Trim());
            Assert.StartsWith("This consultation is closed – ", page.Title, StringComparison.Ordinal);
            Assert.NotNull(page.QuerySelector("main a[href='/']"));
            Assert.Null(page.QuerySelector("main form"));
        }

        Assert.Empty((await person.GetAsync("/")).QuerySelectorAll("a[href='/respond'], a[href='/suggest']"));
        using var connection = closed.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_draft"));
    }

    [Fact]
    public async Task A_consultation_that_closes_during_a_journey_refuses_the_rest_and_stores_nothing_more()
    {
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(now);
        using var closing = new PortalFactory { Clock = clock };
        closing.Settings["Submissions:RateLimit:PermitLimit"] = "1000";
        closing.Settings["Consultation:OpensAt"] = now.AddDays(-1).ToString("O");
        closing.Settings["Consultation:ClosesAt"] = now.AddHours(1).ToString("O");
        var person = new JourneyVisitor(closing);
        await person.PostAndFollowAsync("/respond", ("responseTo", "programme"));
        await person.PostAndFollowAsync("/respond/response", Response);
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);
        var aboutYouToken = await person.TokenAsync("/respond/about-you");
        var checkToken = await person.TokenAsync("/respond/check");

        clock.Advance(TimeSpan.FromHours(2));
        var changed = await person.Client.PostAsync("/respond/about-you", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", aboutYouToken), new("name", "Someone Else")]));
        var sent = await person.Client.PostAsync("/respond/check", new FormUrlEncodedContent([new("__RequestVerificationToken", checkToken)]));

        foreach (var response in new[] { changed, sent })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("This consultation is closed", (await PageParser.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
        }

        using var connection = closing.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_draft WHERE answers LIKE '%Someone Else%'"));
    }

    [Fact]
    public async Task Text_nested_too_deeply_gets_a_field_error_and_stays_in_the_box()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", Target);
        var deep = new string('>', 1000) + " deep";

        var (response, page) = await person.PostAsync("/respond/response", ("stance", "support"), ("text", deep));
        var check = await person.Client.GetAsync("/respond/check");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "Your response nests quotes, lists or brackets more than 20 levels deep. Flatten it and try again.",
            page.QuerySelector(".govuk-error-summary__list a[href='#text']")?.TextContent.Trim());
        Assert.Equal(deep, Value(page, "text"));
        // Whatever a draft holds, the check page still opens.
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
    }

    [Fact]
    public async Task The_check_page_renders_each_text_once_however_often_it_is_shown()
    {
        var renders = 0L;
        var meters = portal.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == UserText.RendersInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref renders, value));
        listener.Start();
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", Target);
        var text = $"A text of its own ({Guid.NewGuid()}), with *emphasis*.";
        await person.PostAndFollowAsync("/respond/response", ("stance", "support"), ("text", text));
        await person.PostAndFollowAsync("/respond/about-you", AboutYou);
        var before = Interlocked.Read(ref renders);

        for (var i = 0; i < 3; i++)
        {
            Assert.Contains(text.Split('*')[0], RowValue(await person.GetAsync("/respond/check"), "text"), StringComparison.Ordinal);
        }

        Assert.Equal(1L, Interlocked.Read(ref renders) - before);
    }

    private async Task<JourneyVisitor> CompletedRespondJourneyAsync()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", Target);
        await person.PostAndFollowAsync("/respond/response", Response);
        Assert.Equal("/respond/check", await person.PostAndFollowAsync("/respond/about-you", AboutYou));
        return person;
    }

    private static string? Value(IHtmlDocument page, string id) => page.GetElementById(id) switch
    {
        IHtmlInputElement input => input.GetAttribute("value"),
        IHtmlTextAreaElement textarea => textarea.Value,
        _ => throw new InvalidOperationException($"No field #{id} on the page."),
    };

    private static string RowValue(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-field={field}] .govuk-summary-list__value")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No summary row for {field}.");

    private long Count(string table, string where = "1 = 1")
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE {where}");
    }
}
