using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Similarity;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Themes;

/// <summary>
/// Candidate themes after a real sign-in, with the real model reading each response in the background: found among
/// one workstream's responses, accepted under a new name (a tag proposed by the portal and confirmed by a person,
/// given to every response in the theme), rejected and not offered again, and bad input and a stale second tab
/// answered plainly. Each test reads the responses to a workstream of its own, so tests sharing the database do not
/// see each other's.
/// </summary>
public sealed partial class ThemeTests(ThemeTests.ReadingPortal reading) : IClassFixture<ThemeTests.ReadingPortal>
{
    private readonly PortalWithDevIdentity portal = reading.Portal;

    /// <summary>A portal staff sign in to, reading responses for meaning as a deployed one does by default.</summary>
    public sealed class ReadingPortal : IDisposable
    {
        public PortalWithDevIdentity Portal { get; } = PortalWithDevIdentity.With(p => p.Settings["Similarity:Embeddings"] = "true");

        public void Dispose() => Portal.Dispose();
    }

    [Fact]
    public async Task Themes_found_among_a_workstreams_responses_are_accepted_as_tags_or_rejected_and_not_offered_again()
    {
        var ids = await RespondAsync("covid-19-recovery");
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var before = await secretariat.GetAsync("/triage/themes?workstream=covid-19-recovery");
        var found = await secretariat.SubmitAsync(before, before.FindForm("data-find-form")!);

        Assert.Contains("18 responses to A review of CJS recovery from the Covid-19 pandemic,", Text(before.Html), StringComparison.Ordinal);
        Assert.Contains("18 read for meaning", Text(before.Html), StringComparison.Ordinal);
        Assert.Contains("data-field=\"done\">3 candidate themes found.", found.Html, StringComparison.Ordinal);
        var themes = Proposed().Matches(found.Html).Select(m => (Id: long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Responses: m.Groups[2].Value)).ToList();
        Assert.Equal(["6", "6", "6"], themes.Select(t => t.Responses));
        Assert.Equal(9, Regex.Count(found.Html, "data-field=\"typical\""));

        var housing = ThemeOf(ids[0]);
        var page = await secretariat.GetAsync($"/triage/themes/{housing}");
        var accepted = await secretariat.PostFormAsync(
            $"/triage/themes/{housing}?handler=accept", [.. page.FindForm("data-theme-form")!.HiddenFields, KeyValuePair.Create("name", "  Housing on   release ")]);

        Assert.Equal("/triage/themes", accepted.Address.AbsolutePath);
        Assert.Matches("data-field=\"done\">“[^”]+” accepted as the tag “Housing on release”: 6 responses tagged.", Text(accepted.Html));
        using var connection = portal.OpenDatabase();
        var tag = connection.QuerySingle<(long Id, string ProposedBy, string ConfirmedBy)>("SELECT id, proposed_by, confirmed_by FROM tag WHERE name = 'Housing on release'");
        Assert.Equal(("portal", Staff.Secretariat), (tag.ProposedBy, tag.ConfirmedBy));
        Assert.Equal(
            ids.Take(6).Select(id => (id, "portal", Staff.Secretariat)),
            connection.Query<(long, string, string)>("SELECT submission_id, proposed_by, confirmed_by FROM submission_tag WHERE tag_id = @Id ORDER BY submission_id", new { tag.Id }));
        var submission = await secretariat.GetAsync($"/triage/{Web.Features.Submissions.SubmissionReference.Format(ids[0])}");
        Assert.Contains(("Tags changed: added Housing on release", "Priya Shah"), Timeline.Of(submission).Select(e => (e.What, e.Who)));

        var knives = ThemeOf(ids[12]);
        var form = await secretariat.GetAsync($"/triage/themes/{knives}");
        var rejected = await secretariat.PostFormAsync($"/triage/themes/{knives}?handler=reject", form.FindForm("data-theme-form")!.HiddenFields);
        Assert.Matches("data-field=\"done\">“[^”]+” rejected. It will not be offered again.", Text(rejected.Html));

        var again = await secretariat.SubmitAsync(rejected, rejected.FindForm("data-find-form")!);
        Assert.Contains("data-field=\"done\">1 candidate theme found; 2 more left out, as already accepted or rejected.", again.Html, StringComparison.Ordinal);
        Assert.Equal([ThemeOf(ids[6])], Proposed().Matches(again.Html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains($"Accepted by {Staff.Secretariat} as the tag <a class=\"govuk-link\" href=\"/triage/tags/{tag.Id}\">Housing on release</a>", Text(again.Html), StringComparison.Ordinal);
        Assert.Contains($"Rejected by {Staff.Secretariat}", Text(again.Html), StringComparison.Ordinal);
        Assert.Equal(
            ["theme.find", "theme.accept", "theme.reject", "theme.find"],
            connection.Query<string>("SELECT action FROM audit_log WHERE action LIKE 'theme.%' AND (subject = @housing OR subject = @knives OR subject = 'workstream:9') ORDER BY id",
                new { housing = $"theme:{housing}", knives = $"theme:{knives}" }));
    }

    [Fact]
    public async Task A_bad_name_or_number_is_answered_with_what_to_fix_and_a_theme_decided_in_another_tab_is_not_decided_again()
    {
        await RespondAsync("case-file-quality");
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var index = await secretariat.GetAsync("/triage/themes?workstream=case-file-quality");

        var badNumber = await secretariat.SubmitAsync(index, index.FindForm("data-find-form")!, null, ("themes", "twenty"));

        Assert.Equal(HttpStatusCode.OK, badNumber.Status);
        Assert.Contains("<title>Error: Candidate themes", badNumber.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#themes\">Enter the number of themes as a whole number from 2 to 12, or leave it blank for the portal to choose</a>", badNumber.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"twenty\"", badNumber.Html, StringComparison.Ordinal);
        Assert.Equal(0, portal.OpenDatabase().ExecuteScalar<long>("SELECT count(*) FROM candidate_theme WHERE workstream_id = 14"));

        var two = await secretariat.SubmitAsync(index, index.FindForm("data-find-form")!, null, ("themes", "2"));
        Assert.Contains("data-field=\"done\">2 candidate themes found.", two.Html, StringComparison.Ordinal);
        var id = long.Parse(Proposed().Match(two.Html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var first = await secretariat.GetAsync($"/triage/themes/{id}");
        var second = await secretariat.GetAsync($"/triage/themes/{id}");

        var tooLong = await secretariat.PostFormAsync($"/triage/themes/{id}?handler=accept", [.. first.FindForm("data-theme-form")!.HiddenFields, KeyValuePair.Create("name", new string('x', 61))]);
        Assert.Contains("<a href=\"#name\">Tag name must be 60 characters or fewer: it is 61</a>", tooLong.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{new string('x', 61)}\"", tooLong.Html, StringComparison.Ordinal);

        await secretariat.PostFormAsync($"/triage/themes/{id}?handler=reject", first.FindForm("data-theme-form")!.HiddenFields);
        var stale = await secretariat.PostFormAsync($"/triage/themes/{id}?handler=accept", [.. second.FindForm("data-theme-form")!.HiddenFields, KeyValuePair.Create("name", "Files")]);

        Assert.Contains($"This theme has already been rejected by {Staff.Secretariat}. Nothing was changed", stale.Html, StringComparison.Ordinal);
        Assert.Equal(0, portal.OpenDatabase().ExecuteScalar<long>("SELECT count(*) FROM tag WHERE name = 'Files'"));
    }

    [Fact]
    public async Task Themes_are_for_those_who_tag_not_the_admin()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");
        var page = await admin.GetAsync("/triage/themes");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
    }

    /// <summary>The sample's eighteen responses to the workstream, once the model has read them all.</summary>
    private async Task<IReadOnlyList<long>> RespondAsync(string slug)
    {
        var workstream = TestDatabase.Open(portal.StartedConnectionString()).ExecuteScalar<long>("SELECT id FROM workstream WHERE slug = @slug", new { slug });
        var ids = SubmissionRows.InsertMany(portal.ConnectionString, ThemeSample.All.Select(text => new SubmissionRow(text, WorkstreamId: workstream)));
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        await portal.Services.GetRequiredService<SimilarityRunner>().WhenIdleAsync(patience.Token);
        return ids;
    }

    private long ThemeOf(long submissionId) => portal.OpenDatabase().ExecuteScalar<long>(
        "SELECT m.theme_id FROM candidate_theme_member m JOIN candidate_theme t ON t.id = m.theme_id WHERE m.submission_id = @submissionId AND t.state = 'proposed'",
        new { submissionId });

    private static string Text(string html) => Regex.Replace(WebUtility.HtmlDecode(html), @"\s+", " ");

    [GeneratedRegex("<tr class=\"govuk-table__row\" data-theme=\"(\\d+)\">\\s*<td class=\"govuk-table__cell\"><a [^>]*data-field=\"name\">[^<]*</a></td>\\s*<td class=\"govuk-table__cell govuk-table__cell--numeric\" data-field=\"responses\">(\\d+)</td>")]
    private static partial Regex Proposed();
}

/// <summary>Candidate themes with the language model switched off, as the test portals have it: said plainly, nothing found.</summary>
public sealed class ThemesWithoutTheModelTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task The_page_says_themes_cannot_be_found_and_a_find_sent_anyway_is_refused_with_a_link_that_leads_somewhere()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var page = await secretariat.GetAsync("/triage/themes");
        // This page has no form to post now; the tags page's token is as good, as a stale copy of this page would carry one.
        var token = Regex.Match((await secretariat.GetAsync("/triage/tags")).Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;

        var refused = await secretariat.PostFormAsync("/triage/themes", [KeyValuePair.Create("__RequestVerificationToken", token)]);

        Assert.Contains("Themes cannot be found: The language model is switched off in this portal’s settings", WebUtility.HtmlDecode(page.Html), StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-find-form"));
        Assert.Contains("<a href=\"#themes\">", refused.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"themes\"", refused.Html, StringComparison.Ordinal);
        Assert.Equal(0, portal.OpenDatabase().ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'theme.find'"));
    }
}
