using System.Net;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.Web.Features.Submissions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Submissions;

/// <summary>"Save and come back later": the saved draft, the single-use link by email, its states, and the reminder.</summary>
public sealed class SaveAndReturnTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ClosesAt = new(2027, 2, 18, 23, 59, 0, TimeSpan.Zero);
    private const string Email = "sam@example.org";
    private const string Unfinished = "Custody staff need training to recognise mental ill health.";

    private readonly FakeTimeProvider clock = new(Now);
    private readonly JourneyPortal portal;

    public SaveAndReturnTests()
    {
        portal = new JourneyPortal { Clock = clock };
        portal.Settings["Consultation:OpensAt"] = "2026-12-01T00:00:00Z";
        portal.Settings["Consultation:ClosesAt"] = "2027-02-18T23:59:00Z";
    }

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task Saving_on_the_second_page_emails_a_link_and_stores_no_submission()
    {
        var person = new JourneyVisitor(portal);

        var saved = await SaveOnResponsePageAsync(person, Email);

        Assert.Contains(Email, saved.QuerySelector("[data-field=sent-to]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("9am on 17 December 2026", saved.QuerySelector("[data-field=expires]")!.TextContent, StringComparison.Ordinal);
        var (to, link) = LatestLink(SavedDrafts.LinkPurpose);
        Assert.Equal(Email, to);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission"));
        Assert.Equal(Email, connection.ExecuteScalar<string>("SELECT saved_email FROM submission_draft"));
        // Only the link's hash is kept.
        var token = link.Split('/')[^1];
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM draft_return_link WHERE token_hash = @token", new { token }));
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM draft_return_link WHERE token_hash = @hash", new { hash = LinkToken.Hash(token) }));
    }

    [Fact]
    public async Task The_link_restores_the_draft_in_another_browser_on_the_page_it_was_saved_on_once()
    {
        await SaveOnResponsePageAsync(new JourneyVisitor(portal), Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        var elsewhere = new JourneyVisitor(portal);

        var opened = await elsewhere.GetAsync(link);
        Assert.Equal("Ready", opened.QuerySelector("[data-field=state]")!.GetAttribute("data-state"));
        Assert.Contains("17 December 2026", opened.QuerySelector("[data-field=expires]")!.TextContent, StringComparison.Ordinal);
        var (response, _) = await elsewhere.PostAsync(link);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/respond/response", response.Headers.Location!.OriginalString);
        var page = await elsewhere.GetAsync("/respond/response");
        Assert.Equal(Unfinished, page.QuerySelector("textarea#text")!.TextContent.Trim());
        Assert.Equal("Used", await StateAsync(elsewhere, link));
    }

    [Fact]
    public async Task An_expired_link_says_so_and_offers_a_new_one_sent_to_the_saved_address()
    {
        await SaveOnResponsePageAsync(new JourneyVisitor(portal), Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        clock.Advance(SavedDrafts.LinkLifetime);
        var elsewhere = new JourneyVisitor(portal);

        Assert.Equal("Expired", await StateAsync(elsewhere, link));
        var (refused, _) = await elsewhere.PostAsync(link);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        var (_, page) = await elsewhere.PostToAsync(link, link + "?handler=NewLink");
        Assert.NotNull(page.QuerySelector("[data-field=new-link-sent]"));
        var (to, newLink) = LatestLink(SavedDrafts.LinkPurpose);
        Assert.Equal(Email, to);
        Assert.NotEqual(link, newLink);
        Assert.Equal("Ready", await StateAsync(elsewhere, newLink));
    }

    [Fact]
    public async Task A_new_link_replaces_the_old_one()
    {
        var person = new JourneyVisitor(portal);
        await SaveOnResponsePageAsync(person, Email);
        var (_, first) = LatestLink(SavedDrafts.LinkPurpose);

        await SaveOnResponsePageAsync(person, "sam.patel@example.org");
        var (to, second) = LatestLink(SavedDrafts.LinkPurpose);

        Assert.Equal("sam.patel@example.org", to);
        Assert.Equal("Replaced", await StateAsync(person, first));
        Assert.Equal("Ready", await StateAsync(person, second));
    }

    [Fact]
    public async Task An_unknown_link_is_not_found_and_says_what_to_check()
    {
        var response = await new JourneyVisitor(portal).Client.GetAsync("/saved-answers/forged-token");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await PageParser.ParseAsync(response);
        Assert.Equal("Unknown", page.QuerySelector("[data-field=state]")!.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task A_link_to_answers_since_sent_gives_the_reference_and_not_the_answers()
    {
        var person = new JourneyVisitor(portal);
        await SaveOnResponsePageAsync(person, Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        await person.PostAndFollowAsync("/respond/response", JourneyPageTests.Response);
        await person.PostAndFollowAsync("/respond/about-you", JourneyPageTests.AboutYou);
        await person.PostAndFollowAsync("/respond/check");

        var page = await new JourneyVisitor(portal).GetAsync(link);

        Assert.Equal("Sent", page.QuerySelector("[data-field=state]")!.GetAttribute("data-state"));
        Assert.Matches("^JI-[0-9]{6}$", page.QuerySelector("[data-field=reference]")!.TextContent);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task A_wrong_email_address_is_refused_keeping_what_was_typed()
    {
        var person = new JourneyVisitor(portal);
        await person.PostAndFollowAsync("/respond", JourneyPageTests.Target);
        await person.PostToAsync("/respond/response", "/respond/response?handler=SaveForLater", ("text", Unfinished));

        var (response, page) = await person.PostAsync("/respond/save?from=Response", ("email", "sam at example"), ("from", "Response"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("#email", page.QuerySelector(".govuk-error-summary__list a")!.GetAttribute("href"));
        Assert.Equal("sam at example", page.QuerySelector("input#email")!.GetAttribute("value"));
        Assert.Equal(0, LinkEmails());
    }

    [Fact]
    public async Task Following_a_link_warns_when_this_browser_has_other_answers_in_progress()
    {
        await SaveOnResponsePageAsync(new JourneyVisitor(portal), Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        var busy = new JourneyVisitor(portal);
        await busy.PostAndFollowAsync("/suggest", ("title", "Youth diversion"), ("text", "Look at diversion."), ("reason", "It matters."));

        var page = await busy.GetAsync(link);

        Assert.NotNull(page.QuerySelector("[data-field=replaces-other]"));
        Assert.Null((await new JourneyVisitor(portal).GetAsync(link)).QuerySelector("[data-field=replaces-other]"));
    }

    [Fact]
    public async Task A_saved_draft_outlives_the_two_days_of_a_draft_in_progress()
    {
        await SaveOnResponsePageAsync(new JourneyVisitor(portal), Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        clock.Advance(DraftStore.Lifetime + TimeSpan.FromHours(1));
        // Any draft saved now clears out old ones.
        await new JourneyVisitor(portal).PostAndFollowAsync("/respond", JourneyPageTests.Target);

        Assert.Equal("Ready", await StateAsync(new JourneyVisitor(portal), link));
    }

    [Fact]
    public async Task The_reminder_goes_once_three_days_before_the_close_with_a_new_link_and_closing_forgets_the_draft()
    {
        await SaveOnResponsePageAsync(new JourneyVisitor(portal), Email);
        var (_, link) = LatestLink(SavedDrafts.LinkPurpose);
        var reminders = portal.Services.GetRequiredService<SavedDrafts>();

        clock.SetUtcNow(ClosesAt - SavedDrafts.ReminderBefore - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await reminders.RemindAsync(CancellationToken.None));
        clock.SetUtcNow(ClosesAt - SavedDrafts.ReminderBefore + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await reminders.RemindAsync(CancellationToken.None));
        Assert.Equal(0, await reminders.RemindAsync(CancellationToken.None));

        var (to, reminderLink) = LatestLink(SavedDrafts.ReminderPurpose);
        Assert.Equal(Email, to);
        var person = new JourneyVisitor(portal);
        Assert.Equal("Replaced", await StateAsync(person, link));
        Assert.Equal("Ready", await StateAsync(person, reminderLink));

        clock.SetUtcNow(ClosesAt);
        await reminders.RemindAsync(CancellationToken.None);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_draft"));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM draft_return_link"));
    }

    [Fact]
    public async Task No_reminder_goes_for_answers_already_sent()
    {
        var person = new JourneyVisitor(portal);
        await SaveOnResponsePageAsync(person, Email);
        await person.PostAndFollowAsync("/respond/response", JourneyPageTests.Response);
        await person.PostAndFollowAsync("/respond/about-you", JourneyPageTests.AboutYou);
        await person.PostAndFollowAsync("/respond/check");

        clock.SetUtcNow(ClosesAt - TimeSpan.FromDays(1));

        Assert.Equal(0, await portal.Services.GetRequiredService<SavedDrafts>().RemindAsync(CancellationToken.None));
        using var connection = portal.OpenDatabase();
        Assert.Null(connection.ExecuteScalar<string?>("SELECT saved_email FROM submission_draft"));
    }

    [Theory]
    [InlineData("/respond", "/respond?handler=SaveForLater")]
    [InlineData("/respond/response", "/respond/response?handler=SaveForLater")]
    [InlineData("/respond/about-you", "/respond/about-you?handler=SaveForLater")]
    [InlineData("/suggest/scope", "/suggest/scope?handler=SaveForLater")]
    [InlineData("/suggest/about-you?returnTo=check", "/suggest/about-you?returnTo=check&handler=SaveForLater")]
    public async Task Every_question_page_offers_to_save_and_come_back_later_from_that_page(string path, string action)
    {
        var page = await new JourneyVisitor(portal).GetAsync(path);

        var button = page.QuerySelector("form button[data-field=save-for-later]")!;
        Assert.Equal(action, button.GetAttribute("formaction"));
        Assert.Equal("Save and come back later", button.TextContent.Trim());
    }

    /// <summary>Answers the first page, half-answers the second and saves there; returns the "check your email" page.</summary>
    private static async Task<IHtmlDocument> SaveOnResponsePageAsync(JourneyVisitor person, string email)
    {
        await person.PostAndFollowAsync("/respond", JourneyPageTests.Target);
        var (saving, _) = await person.PostToAsync("/respond/response", "/respond/response?handler=SaveForLater", ("text", Unfinished));
        Assert.Equal("/respond/save?from=Response", saving.Headers.Location!.OriginalString);
        var (sent, _) = await person.PostAsync(saving.Headers.Location.OriginalString, ("email", email), ("from", "Response"));
        Assert.Equal("/respond/saved", sent.Headers.Location!.OriginalString);
        return await person.GetAsync("/respond/saved");
    }

    private static async Task<string?> StateAsync(JourneyVisitor person, string link)
    {
        var page = await PageParser.ParseAsync(await person.Client.GetAsync(link));
        return page.QuerySelector("[data-field=state]")?.GetAttribute("data-state");
    }

    /// <summary>The latest queued email of <paramref name="purpose"/>: its address and the path of the link in it.</summary>
    private (string To, string Link) LatestLink(string purpose)
    {
        using var connection = portal.OpenDatabase();
        var (to, text) = connection.QuerySingle<(string, string)>(
            "SELECT to_address, text_body FROM outbox_message WHERE purpose = @purpose ORDER BY id DESC LIMIT 1", new { purpose });
        var line = text.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/saved-answers/", StringComparison.Ordinal));
        return (to, new Uri(line).AbsolutePath);
    }

    private long LinkEmails()
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE purpose = @purpose", new { purpose = SavedDrafts.LinkPurpose });
    }
}
