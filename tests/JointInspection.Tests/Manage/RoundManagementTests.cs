using System.Globalization;
using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Tests.Manage;

/// <summary>
/// The secretariat runs the next round from the browser: creates it from the current one, sets its consultation's
/// dates, opens and closes it. Each test has a portal of its own, since rounds are few and every test makes one.
/// </summary>
public sealed class RoundManagementTests
{
    private static readonly string[] OpeningInputs = ["opens-day", "opens-month", "opens-year", "opens-time"];

    /// <summary>The first year of the next round in the seed's two-year cycle that has not begun yet (1 April), by the real clock.</summary>
    public static int NextRoundYear()
    {
        var year = 2021;
        while (new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.Zero) <= DateTimeOffset.UtcNow)
        {
            year += 2;
        }

        return year;
    }

    private static string Code(int year) => $"{year}-{(year + 2) % 100:00}";

    private static string Label(int year) => Code(year).Replace('-', '–');

    [Fact]
    public async Task The_secretariat_creates_the_next_round_carrying_forward_the_rolling_programmes_and_work_under_way()
    {
        using var portal = new PortalWithDevIdentity();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage");
        var year = NextRoundYear();

        var form = await secretariat.GetAsync("/manage/rounds/new");
        Assert.Contains($"value=\"{year}\"", Decoded(form), StringComparison.Ordinal);
        Assert.Contains($"value=\"Joint inspection programme {Label(year)}\"", Decoded(form), StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        var ticked = connection.Query<long>(
            "SELECT id FROM workstream WHERE round_id = 1 AND (kind = 'rolling-programme' OR status IN ('in-progress', 'fieldwork')) ORDER BY id").ToList();
        Assert.NotEmpty(ticked);
        foreach (var id in connection.Query<long>("SELECT id FROM workstream WHERE round_id = 1"))
        {
            Assert.Equal(ticked.Contains(id), form.Html.Contains($"value=\"{id}\" checked", StringComparison.Ordinal));
        }

        var created = await secretariat.SubmitAsync(
            form, form.FindForm("data-new-round")!, null,
            [("firstYear", year.ToString(CultureInfo.InvariantCulture)), ("title", $"Joint inspection programme {Label(year)}"), .. ticked.Select(id => ("carryForward", id.ToString(CultureInfo.InvariantCulture)))]);

        Assert.Equal($"/manage/rounds/{Code(year)}", created.Address.AbsolutePath);
        Assert.Contains($"Round {Label(year)} created, with {ticked.Count} workstreams carried forward.", Decoded(created), StringComparison.Ordinal);
        var round = connection.QuerySingle<(long Id, string Title, string? OpensAt)>("SELECT id, title, opens_at FROM programme_round WHERE first_year = @year", new { year });
        Assert.Null(round.OpensAt);
        Assert.Equal(ticked, connection.Query<long>("SELECT carried_from_id FROM workstream WHERE round_id = @Id ORDER BY carried_from_id", new { round.Id }));
        // A rolling programme runs through the round; other carried work falls in its first year.
        Assert.All(
            connection.Query<(string Kind, string? Year)>("SELECT kind, programme_year FROM workstream WHERE round_id = @Id", new { round.Id }),
            w => Assert.Equal(w.Kind == "rolling-programme" ? null : $"{year}-{(year + 1) % 100:00}", w.Year));
        // Who takes part comes with each workstream.
        Assert.Equal(
            ticked.Sum(id => connection.ExecuteScalar<long>("SELECT count(*) FROM workstream_participant WHERE workstream_id = @id", new { id })),
            connection.ExecuteScalar<long>("SELECT count(*) FROM workstream_participant p JOIN workstream w ON w.id = p.workstream_id WHERE w.round_id = @Id", new { round.Id }));
        var audit = connection.QuerySingle<(string Actor, string After)>("SELECT actor, after FROM audit_log WHERE action = 'round.create'");
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Contains($"\"Code\":\"{Code(year)}\"", audit.After, StringComparison.Ordinal);

        // A draft: staff read it with a banner saying so; the public finds nothing there, and the current round is unchanged.
        var preview = await secretariat.GetAsync($"/programmes/{Code(year)}");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("data-field=\"draft-preview\"", Decoded(preview), StringComparison.Ordinal);
        using var anonymous = Anonymous(portal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/programmes/{Code(year)}")).StatusCode);
        Assert.Equal("/programmes/2021-23", (await anonymous.GetAsync("/programme")).Headers.Location?.OriginalString);
        Assert.DoesNotContain(Code(year), await anonymous.GetStringAsync("/api/v1/programmes"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "title", "Enter the year the programme starts, like")]
    [InlineData("twenty", "title", "Enter the year the programme starts as four digits, like")]
    [InlineData("{next+1}", "title", "Programmes run two years at a time from 2021, so the new one starts in")]
    [InlineData("2019", "title", "A programme starting in 2019 would already have begun on 1 April 2019")]
    [InlineData("{next+40}", "title", "is more than 20 years after the 2021–23 programme")]
    [InlineData("{next}", "", "Enter a title for the programme")]
    public async Task A_round_with_a_mistake_comes_back_with_what_was_typed_and_nothing_is_made(string typedYear, string title, string message)
    {
        using var portal = new PortalWithDevIdentity();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage");
        var next = NextRoundYear();
        typedYear = typedYear
            .Replace("{next+1}", (next + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{next+40}", (next + 40).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{next}", next.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var form = await secretariat.GetAsync("/manage/rounds/new");

        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-new-round")!, null, ("firstYear", typedYear), ("title", title), ("carryForward", "1"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<title>Error: ", Decoded(refused), StringComparison.Ordinal);
        Assert.Contains(message, Decoded(refused), StringComparison.Ordinal);
        if (typedYear.Length > 0)
        {
            Assert.Contains($"value=\"{typedYear}\"", Decoded(refused), StringComparison.Ordinal);
        }
        using var connection = portal.OpenDatabase();
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM programme_round"));
        Assert.Equal(16L, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream"));
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'round.create'"));
    }

    [Fact]
    public async Task A_workstream_that_is_not_the_latest_rounds_to_carry_forward_refuses_the_whole_round()
    {
        using var portal = new PortalWithDevIdentity();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage");
        var form = await secretariat.GetAsync("/manage/rounds/new");

        var refused = await secretariat.SubmitAsync(
            form, form.FindForm("data-new-round")!, null,
            ("firstYear", NextRoundYear().ToString(CultureInfo.InvariantCulture)), ("title", "Next"), ("carryForward", "1"), ("carryForward", "99999"));

        Assert.Contains("Choose workstreams of the 2021–23 programme that have not been carried forward already", Decoded(refused), StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM programme_round"));
        Assert.Equal(16L, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream"));
    }

    [Fact]
    public async Task The_secretariat_sets_the_dates_then_closes_the_first_round_and_opens_the_new_one_which_becomes_the_public_site()
    {
        using var portal = new PortalWithDevIdentity();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage");
        var year = NextRoundYear();
        var code = Code(year);
        await CreateAsync(secretariat, year);
        var today = UkTime.ToUk(DateTimeOffset.UtcNow).Date;

        // The first round is open, so the new one cannot overlap it.
        var dates = await secretariat.GetAsync($"/manage/rounds/{code}/dates");
        var overlapping = await SubmitDatesAsync(secretariat, dates, today.AddDays(1), "09:00", today.AddDays(30), "23:59");
        Assert.Contains("The consultation would overlap the 2021–23 consultation", Decoded(overlapping), StringComparison.Ordinal);
        Assert.Contains($"name=\"opens-day\" type=\"text\" inputmode=\"numeric\" value=\"{today.AddDays(1).Day}\"", Decoded(overlapping), StringComparison.Ordinal);
        var reversed = await SubmitDatesAsync(secretariat, dates, today.AddDays(200), "09:00", today.AddDays(150), "23:59");
        Assert.Contains("The closing date must be after the opening date", Decoded(reversed), StringComparison.Ordinal);
        var impossible = await SubmitDatesAsync(secretariat, dates, today.AddDays(200), "25:00", today.AddDays(250), "23:59");
        Assert.Contains("using the 24-hour clock", Decoded(impossible), StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Null(connection.ExecuteScalar<string>("SELECT opens_at FROM programme_round WHERE first_year = @year", new { year }));

        // Close the first round now, then open the new one now.
        var first = await secretariat.GetAsync("/manage/rounds/2021-23/dates");
        var closed = await secretariat.SubmitAsync(first, first.FindForm("data-close-now")!);
        // The banner says when it closed, in the past tense: it is no longer to come.
        Assert.Contains("The 2021–23 consultation is closed. It closed at ", Decoded(closed), StringComparison.Ordinal);
        Assert.Contains("Response due by", Decoded(closed), StringComparison.Ordinal);
        dates = await secretariat.GetAsync($"/manage/rounds/{code}/dates");
        var opened = await secretariat.SubmitAsync(dates, dates.FindForm("data-open-now")!);
        Assert.Equal($"/manage/rounds/{code}", opened.Address.AbsolutePath);
        Assert.Contains($"The {Label(year)} consultation is open. It closes at ", Decoded(opened), StringComparison.Ordinal);
        var closes = DateTimeOffset.Parse(connection.ExecuteScalar<string>("SELECT closes_at FROM programme_round WHERE first_year = @year", new { year })!, CultureInfo.InvariantCulture);
        Assert.Equal(new TimeOnly(23, 59), TimeOnly.FromDateTime(UkTime.ToUk(closes).DateTime));
        Assert.Equal(today.AddDays(84), UkTime.ToUk(closes).Date);
        Assert.Equal(
            ["round.close", "round.open"],
            connection.Query<string>("SELECT action FROM audit_log WHERE action LIKE 'round.%' AND action <> 'round.create' ORDER BY id"));

        // The public site is now the new round's: its programme, its start page, and its years on the suggestion form.
        using var anonymous = Anonymous(portal);
        Assert.Equal($"/programmes/{code}", (await anonymous.GetAsync("/programme")).Headers.Location?.OriginalString);
        Assert.Contains($"Have your say on the joint inspection programme {Label(year)}", WebUtility.HtmlDecode(await anonymous.GetStringAsync("/")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/programmes/2021-23")).StatusCode);

        // Moving the closing date later extends it.
        dates = await secretariat.GetAsync($"/manage/rounds/{code}/dates");
        var later = UkTime.ToUk(closes).Date.AddDays(14);
        var extended = await SubmitDatesAsync(secretariat, dates, null, null, later, "23:59");
        Assert.Contains($"closes at 11:59pm on {later.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}", Decoded(extended), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_concluded_round_cannot_have_its_dates_changed()
    {
        using var portal = new PortalWithDevIdentity();
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute(
                "UPDATE programme_round SET opens_at = '2020-01-01T00:00:00.000Z', closes_at = '2020-03-01T00:00:00.000Z', concluded_at = '2020-05-01T00:00:00.000Z' WHERE id = 1");
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, "/manage");
        var dates = await secretariat.GetAsync("/manage/rounds/2021-23/dates");
        var today = UkTime.ToUk(DateTimeOffset.UtcNow).Date;

        var refused = await SubmitDatesAsync(secretariat, dates, today.AddDays(1), "09:00", today.AddDays(30), "23:59");

        Assert.Contains("The 2021–23 round is concluded: its outcome is published, so it can no longer be changed", Decoded(refused), StringComparison.Ordinal);
        using var check = portal.OpenDatabase();
        Assert.Equal("2020-03-01T00:00:00.000Z", check.ExecuteScalar<string>("SELECT closes_at FROM programme_round WHERE id = 1"));
    }

    [Fact]
    public async Task A_chief_inspector_reads_the_rounds_but_cannot_change_them()
    {
        using var portal = new PortalWithDevIdentity();
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, "/manage");
        var index = await chief.GetAsync("/manage");
        Assert.Contains("2021–23", Decoded(index), StringComparison.Ordinal);
        Assert.DoesNotContain("Create the next round", Decoded(index), StringComparison.Ordinal);

        // Authorization comes before the antiforgery check, so the role alone is what refuses these.
        Assert.Equal(HttpStatusCode.Forbidden, (await chief.GetAsync("/manage/rounds/2021-23/dates")).Status);
        var refused = await chief.PostFormAsync("/manage/rounds/2021-23/dates?handler=close", []);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action LIKE 'round.%'"));
        Assert.True(DateTimeOffset.Parse(connection.ExecuteScalar<string>("SELECT closes_at FROM programme_round WHERE id = 1")!, CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
    }

    private static async Task CreateAsync(TestBrowser secretariat, int year)
    {
        var form = await secretariat.GetAsync("/manage/rounds/new");
        var created = await secretariat.SubmitAsync(
            form, form.FindForm("data-new-round")!, null, ("firstYear", year.ToString(CultureInfo.InvariantCulture)), ("title", $"Joint inspection programme {Label(year)}"));
        Assert.Equal($"/manage/rounds/{Code(year)}", created.Address.AbsolutePath);
    }

    /// <summary>Sends the dates form; a null opening date keeps the one the form shows.</summary>
    private static Task<WebPage> SubmitDatesAsync(TestBrowser browser, WebPage page, DateTime? opens, string? opensTime, DateTime closes, string closesTime)
    {
        var fields = new List<(string, string)>
        {
            ("closes-day", closes.Day.ToString(CultureInfo.InvariantCulture)),
            ("closes-month", closes.Month.ToString(CultureInfo.InvariantCulture)),
            ("closes-year", closes.Year.ToString(CultureInfo.InvariantCulture)),
            ("closes-time", closesTime),
        };
        if (opens is { } day)
        {
            fields.AddRange(
            [
                ("opens-day", day.Day.ToString(CultureInfo.InvariantCulture)),
                ("opens-month", day.Month.ToString(CultureInfo.InvariantCulture)),
                ("opens-year", day.Year.ToString(CultureInfo.InvariantCulture)),
                ("opens-time", opensTime!),
            ]);
        }
        else
        {
            fields.AddRange(OpeningInputs.Select(name => (name, InputValue(page.Html, name))));
        }

        return browser.SubmitAsync(page, page.FindForm("data-round-dates")!, null, [.. fields]);
    }

    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(page.Html);

    /// <summary>Someone not signed in, who sees redirects rather than following them.</summary>
    private static HttpClient Anonymous(PortalWithDevIdentity portal) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = portal.BaseAddress, Timeout = TestPatience.SafetyNet };

    /// <summary>The value a text input shows, as a browser would send it back.</summary>
    private static string InputValue(string html, string name) =>
        System.Text.RegularExpressions.Regex.Match(html, $"name=\"{name}\"[^>]*value=\"(?<value>[^\"]*)\"").Groups["value"].Value;
}
