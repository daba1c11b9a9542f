using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JointInspection.Tests.Feedback;

/// <summary>The public feedback form as a person without JavaScript sends it, and what it stores.</summary>
public sealed class FeedbackPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Sending_feedback_stores_what_was_sent_and_where_from_and_thanks_the_person()
    {
        var visitor = new Visitor(portal);
        var text = $"The workstream pages could say more. {Guid.NewGuid()}";

        var (response, _) = await visitor.PostAsync("/feedback?from=%2Fprogramme%2Fworkstreams%2Fmental-health", ("satisfaction", "satisfied"), ("improvement", text));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/feedback/sent", response.Headers.Location?.OriginalString);
        var stored = Assert.Single(Stored(portal, text));
        Assert.Equal("satisfied", stored.Satisfaction);
        Assert.Equal("/programme/workstreams/mental-health", stored.FromPath);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", stored.ReceivedAt);
        var thanks = await visitor.GetAsync("/feedback/sent");
        Assert.Equal("Thank you for your feedback", thanks.QuerySelector("h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Feedback_without_an_answer_to_how_to_improve_is_stored_with_no_text()
    {
        var visitor = new Visitor(portal);
        using var connection = portal.OpenDatabase();
        var before = connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) FROM feedback");

        var (response, _) = await visitor.PostAsync("/feedback", ("satisfaction", "very-satisfied"), ("improvement", "  \r\n  "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = connection.QuerySingle<(string Satisfaction, string? Improvement, string? FromPath)>(
            "SELECT satisfaction, improvement, from_path FROM feedback WHERE id > @before", new { before });
        Assert.Equal(("very-satisfied", (string?)null, (string?)null), row);
    }

    [Fact]
    public async Task Without_a_satisfaction_the_form_comes_back_with_the_error_and_the_text_and_stores_nothing()
    {
        var visitor = new Visitor(portal);
        var text = $"Kept <b>as typed</b> {Guid.NewGuid()}";

        var (response, page) = await visitor.PostAsync("/feedback?from=%2Fprinciples", ("improvement", text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertOnlyError(page, "satisfaction", "Select how you felt about this service");
        Assert.Equal(text, Textarea(page).Value);
        // The page they came from stays in the form's address, so sending again still records it.
        Assert.Equal("/feedback?from=%2Fprinciples", page.QuerySelector("form[method=post]")?.GetAttribute("action"));
        Assert.Empty(Stored(portal, text));
    }

    [Fact]
    public async Task Text_over_1200_characters_is_an_error_that_keeps_the_text_and_the_choice_and_stores_nothing()
    {
        var visitor = new Visitor(portal);
        var text = Guid.NewGuid() + new string('x', FeedbackRules.ImprovementMax + 1 - 36);

        var (response, page) = await visitor.PostAsync("/feedback", ("satisfaction", "dissatisfied"), ("improvement", text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertOnlyError(page, "improvement", "How we could improve this service must be 1,200 characters or fewer");
        Assert.Equal(text, Textarea(page).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=satisfaction][value=dissatisfied]")!).IsChecked);
        Assert.Empty(Stored(portal, text[..36]));
    }

    [Fact]
    public async Task Line_breaks_count_as_one_character_as_the_character_count_in_the_browser_counts_them()
    {
        var visitor = new Visitor(portal);
        var first = Guid.NewGuid().ToString();
        // 1,200 characters as the browser counts them; the form sends each line break as two.
        var text = first + "\r\n" + new string('y', FeedbackRules.ImprovementMax - first.Length - 1);

        var (response, _) = await visitor.PostAsync("/feedback", ("satisfaction", "neither"), ("improvement", text));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FeedbackRules.ImprovementMax, Assert.Single(Stored(portal, first)).Improvement!.Length);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData("//evil", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("programme", null)]
    [InlineData("/principles", "/principles")]
    [InlineData("/triage?q=secret#top", "/triage")]
    [InlineData("/submissions/a-secret-status-token", "/submissions")]
    public async Task Only_a_path_on_this_site_is_stored_as_where_the_feedback_came_from(string from, string? stored)
    {
        var visitor = new Visitor(portal);
        var text = $"From test {Guid.NewGuid()}";

        var (response, _) = await visitor.PostAsync($"/feedback?from={Uri.EscapeDataString(from)}", ("satisfaction", "satisfied"), ("improvement", text));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(stored, Assert.Single(Stored(portal, text)).FromPath);
    }

    [Fact]
    public async Task A_filled_in_honeypot_is_refused_and_nothing_is_stored()
    {
        var visitor = new Visitor(portal);
        var text = $"Sent by a robot {Guid.NewGuid()}";

        var (response, page) = await visitor.PostAsync("/feedback", ("satisfaction", "satisfied"), ("improvement", text), ("website", "https://spam.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("We could not accept this feedback", page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Empty(Stored(portal, text));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var text = $"No token {Guid.NewGuid()}";
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/feedback", new FormUrlEncodedContent([new("satisfaction", "satisfied"), new("improvement", text)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Stored(portal, text));
    }

    [Fact]
    public async Task The_beta_banner_links_to_the_feedback_form_naming_the_page_it_is_on()
    {
        var visitor = new Visitor(portal);

        Assert.Equal("/feedback?from=%2Fprogrammes%2F2021-23", Banner(await visitor.GetAsync("/programmes/2021-23")));
        Assert.Equal("/feedback?from=%2Fprogrammes%2F2021-23%2Fworkstreams%2Fmental-health", Banner(await visitor.GetAsync("/programmes/2021-23/workstreams/mental-health")));
        Assert.Equal("/feedback?from=%2F", Banner(await visitor.GetAsync("/")));
        // On the feedback form itself the banner does not name it as where the feedback came from.
        Assert.Equal("/feedback", Banner(await visitor.GetAsync("/feedback?from=%2Fprinciples")));

        static string? Banner(IHtmlDocument page) =>
            page.QuerySelector(".govuk-phase-banner a")?.GetAttribute("href");
    }

    [Fact]
    public async Task Over_the_limit_the_form_comes_back_with_429_retry_after_what_was_typed_and_stores_nothing()
    {
        using var limited = new PortalFactory();
        limited.Settings["Feedback:RateLimit:PermitLimit"] = "1";
        limited.Settings["Feedback:RateLimit:WindowSeconds"] = "600";
        var visitor = new Visitor(limited);
        var allowed = $"Allowed {Guid.NewGuid()}";
        var refusedText = $"One too many {Guid.NewGuid()}";

        // A form with a mistake uses none of the allowance.
        var (mistake, _) = await visitor.PostAsync("/feedback", ("improvement", "No choice made"));
        var (first, _) = await visitor.PostAsync("/feedback", ("satisfaction", "satisfied"), ("improvement", allowed));
        var (refused, page) = await visitor.PostAsync("/feedback?from=%2Fprinciples", ("satisfaction", "very-dissatisfied"), ("improvement", refusedText));

        Assert.Equal(HttpStatusCode.OK, mistake.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Single(Stored(limited, allowed));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(600));
        var summary = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim()));
        Assert.Equal([("#satisfaction", "You have sent feedback too many times. Wait 10 minutes, then send it again")], summary);
        Assert.Equal(refusedText, Textarea(page).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=satisfaction][value=very-dissatisfied]")!).IsChecked);
        Assert.Empty(Stored(limited, refusedText));
    }

    /// <summary>The rows whose text contains <paramref name="marker"/>.</summary>
    public static IReadOnlyList<StoredFeedback> Stored(PortalFactory portal, string marker)
    {
        using var connection = portal.OpenDatabase();
        return connection.Query<StoredFeedback>(
            "SELECT received_at AS ReceivedAt, satisfaction AS Satisfaction, improvement AS Improvement, from_path AS FromPath FROM feedback WHERE improvement LIKE '%' || @marker || '%'",
            new { marker }).ToList();
    }

    private static IHtmlTextAreaElement Textarea(IHtmlDocument page) => (IHtmlTextAreaElement)page.GetElementById("improvement")!;

    private static void AssertOnlyError(IHtmlDocument page, string field, string message)
    {
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        var links = page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim()));
        Assert.Equal([($"#{field}", message)], links);
        Assert.Equal($"Error: {message}", page.GetElementById($"{field}-error")?.TextContent.Trim());
        Assert.Contains("govuk-form-group--error", page.GetElementById(field)!.Closest(".govuk-form-group")!.ClassList);
    }
}

public sealed class StoredFeedback
{
    public string ReceivedAt { get; init; } = "";

    public string Satisfaction { get; init; } = "";

    public string? Improvement { get; init; }

    public string? FromPath { get; init; }
}

/// <summary>One person's browser on the in-memory portal: their own cookies, no automatic redirects.</summary>
public sealed class Visitor(PortalFactory portal)
{
    public HttpClient Client { get; } = portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<IHtmlDocument> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageParser.ParseAsync(response);
    }

    /// <summary>Fetches the form at <paramref name="path"/> and posts it back with its antiforgery token, as a browser would.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostAsync(string path, params (string Field, string Value)[] fields)
    {
        var form = await GetAsync(path);
        var token = form.QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
        var response = await Client.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value)).Append(new("__RequestVerificationToken", token))));
        return (response, await PageParser.ParseAsync(response));
    }
}
