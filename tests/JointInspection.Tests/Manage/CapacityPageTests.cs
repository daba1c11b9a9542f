using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Manage;

/// <summary>
/// The secretariat entering each inspectorate's capacity for a round, after a real sign-in: the figures replace the
/// illustrative seed everywhere capacity is shown, mistakes and concluded rounds save nothing, and only the secretariat
/// may change them. Only the first test saves the first round's figures, so the others can rely on nothing else having.
/// </summary>
public sealed class CapacityPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string FirstRound = "2021-23";

    /// <summary>Figures for the first round, one for each criminal justice inspectorate in each of its years.</summary>
    private static readonly (string Name, string Value)[] Entered =
    [
        ("available-2021-22-hmicfrs", "1,200"), ("available-2021-22-hmcpsi", "310"), ("available-2021-22-hmi-probation", "640"), ("available-2021-22-hmi-prisons", "0"),
        ("available-2022-23-hmicfrs", "1,250"), ("available-2022-23-hmcpsi", "320"), ("available-2022-23-hmi-probation", "660"), ("available-2022-23-hmi-prisons", "480"),
    ];

    private static readonly string[] CriminalJustice = ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"];

    [Fact]
    public async Task Saving_replaces_the_illustrative_figures_everywhere_capacity_is_shown_and_audits_before_and_after()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(FirstRound));
        var illustrative = Parse(await secretariat.GetAsync(PortalPaths.ManageRound(FirstRound)));
        Assert.Equal("250", Cell(illustrative, "hmcpsi", "2021-22"));
        Assert.Equal("illustrative", Source(illustrative).GetAttribute("data-origin"));
        Assert.Equal("Illustrative figures from the portal’s seed data, until the secretariat enters real ones.", Source(illustrative).TextContent.Trim());
        Assert.Equal(PortalPaths.ManageCapacity(FirstRound), illustrative.QuerySelector("[data-field=change-capacity]")?.GetAttribute("href"));

        var form = await secretariat.GetAsync(PortalPaths.ManageCapacity(FirstRound));
        Assert.Equal("250", Input(Parse(form), "available-2021-22-hmcpsi").Value);
        Assert.Equal(["2021–22", "2022–23"], Parse(form).QuerySelectorAll("form legend").Select(l => l.TextContent.Trim()));
        var saved = await secretariat.SubmitAsync(form, form.FindForm("data-capacity-form")!, null, Entered);

        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Equal(PortalPaths.ManageRound(FirstRound), saved.Address.AbsolutePath);
        var round = Parse(saved);
        Assert.Equal("Capacity for 2021–23 saved", round.QuerySelector("[data-field=done]")?.TextContent.Trim());
        Assert.Equal("1,200", Cell(round, "hmicfrs", "2021-22"));
        Assert.Equal("0", Cell(round, "hmi-prisons", "2021-22"));
        Assert.Equal("480", Cell(round, "hmi-prisons", "2022-23"));

        using var connection = portal.OpenDatabase();
        var rows = connection.Query<(string Year, string Code, long Days, string? By, DateTimeOffset? At)>(
            """
            SELECT programme_year, inspectorate_code, available_days, entered_by, entered_at FROM inspectorate_capacity
             WHERE round_id = (SELECT id FROM programme_round WHERE first_year = 2021) ORDER BY programme_year, inspectorate_code
            """).ToList();
        Assert.Equal(
            [("2021-22", "hmcpsi", 310L), ("2021-22", "hmi-prisons", 0L), ("2021-22", "hmi-probation", 640L), ("2021-22", "hmicfrs", 1200L),
             ("2022-23", "hmcpsi", 320L), ("2022-23", "hmi-prisons", 480L), ("2022-23", "hmi-probation", 660L), ("2022-23", "hmicfrs", 1250L)],
            rows.Select(r => (r.Year, r.Code, r.Days)));
        Assert.All(rows, r => Assert.Equal(Staff.Secretariat, r.By));
        var enteredAt = Assert.Single(rows.Select(r => r.At).Distinct())!.Value;
        Assert.Equal("entered", Source(round).GetAttribute("data-origin"));
        Assert.Equal($"Entered by Priya Shah on {UkTime.Date(enteredAt)}.", Source(round).TextContent.Trim());

        var audit = connection.QuerySingle<(string Actor, string Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'capacity.save' AND subject = 'round:2021-23'");
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Contains("\"2021-22\":{\"hmcpsi\":250,", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"origin\":\"Illustrative\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"hmicfrs\":1200", audit.After, StringComparison.Ordinal);
        Assert.Contains("\"2022-23\":{", audit.After, StringComparison.Ordinal);

        // A suggestion of the round weighs its days against the new figures, on the assessment page and the overview.
        var suggestion = SubmissionReference.Format(SubmissionRows.Insert(portal.ConnectionString, new(Title: "Capacity of court custody suites")));
        var assess = Parse(await secretariat.GetAsync(PortalPaths.Assess(suggestion)));
        Assert.Equal("Capacity in 2021–22 (inspector-days)", assess.QuerySelector("[data-field=capacity] caption")?.TextContent.Trim());
        Assert.Equal("1200", assess.QuerySelector("[data-field=capacity] tr[data-inspectorate=hmicfrs]")?.GetAttribute("data-available"));
        Assert.Equal("310", assess.QuerySelector("[data-field=capacity] tr[data-inspectorate=hmcpsi]")?.GetAttribute("data-available"));
        var overview = Parse(await secretariat.GetAsync($"/triage/overview?round={FirstRound}"));
        Assert.Equal("1,250", overview.QuerySelector("[data-capacity-year='2022-23'] tr[data-inspectorate=hmicfrs] [data-field=available]")?.TextContent.Trim());
        Assert.Equal($"Entered by Priya Shah on {UkTime.Date(enteredAt)}.", Source(overview).TextContent.Trim());

        // Chief inspectors read the figures and where they came from, without the link to change them.
        using var chief = await portal.SignedInAsync(Staff.ProbationChiefInspector, PortalPaths.ManageRound(FirstRound));
        var asChief = Parse(await chief.GetAsync(PortalPaths.ManageRound(FirstRound)));
        Assert.Equal("1,200", Cell(asChief, "hmicfrs", "2021-22"));
        Assert.Equal("entered", Source(asChief).GetAttribute("data-origin"));
        Assert.Null(asChief.QuerySelector("[data-field=change-capacity]"));
    }

    [Fact]
    public async Task Each_mistake_is_named_with_every_figure_kept_as_typed_and_nothing_is_saved()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageCapacity(FirstRound));
        var before = CapacityAndAudit();
        var form = await secretariat.GetAsync(PortalPaths.ManageCapacity(FirstRound));
        (string Name, string Value)[] typed =
        [
            ("available-2021-22-hmicfrs", ""), ("available-2021-22-hmcpsi", "-5"), ("available-2021-22-hmi-probation", "lots"), ("available-2021-22-hmi-prisons", "777"),
            ("available-2022-23-hmicfrs", "20,001"), ("available-2022-23-hmcpsi", "1,234"), ("available-2022-23-hmi-probation", "640"), ("available-2022-23-hmi-prisons", "480"),
        ];

        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-capacity-form")!, null, typed);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal(PortalPaths.ManageCapacity(FirstRound), refused.Address.AbsolutePath);
        var page = Parse(refused);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Equal(
            [
                ("#available-2021-22-hmicfrs", "Enter HMICFRS’s inspector-days for 2021–22"),
                ("#available-2021-22-hmcpsi", "HMCPSI’s inspector-days for 2021–22 cannot be negative: enter 0 or more"),
                ("#available-2021-22-hmi-probation", "HMI Probation’s inspector-days for 2021–22 must be a whole number, like 600"),
                ("#available-2022-23-hmicfrs", "HMICFRS’s inspector-days for 2022–23 must be 20,000 or fewer: check the figure"),
            ],
            page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())));
        foreach (var (name, value) in typed)
        {
            Assert.Equal(value, Input(page, name).Value);
        }

        Assert.NotNull(page.QuerySelector("#available-2021-22-hmcpsi-error"));
        Assert.Null(page.QuerySelector("#available-2021-22-hmi-prisons-error"));
        Assert.Equal(before, CapacityAndAudit());
    }

    [Fact]
    public async Task A_new_round_says_its_capacity_is_not_entered_and_offers_blank_figures()
    {
        var round = await NewRoundAsync();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round.Code));

        var page = Parse(await secretariat.GetAsync(PortalPaths.ManageRound(round.Code)));

        Assert.Equal(8, page.QuerySelectorAll("[data-field=capacity] td").Length);
        Assert.All(page.QuerySelectorAll("[data-field=capacity] td"), cell => Assert.Equal("Not entered", cell.TextContent.Trim()));
        Assert.Equal("not-entered", Source(page).GetAttribute("data-origin"));
        var form = Parse(await secretariat.GetAsync(PortalPaths.ManageCapacity(round.Code)));
        Assert.Equal([$"{round.Years[0].Label}", $"{round.Years[1].Label}"], form.QuerySelectorAll("form legend").Select(l => l.TextContent.Trim()));
        Assert.All(form.QuerySelectorAll("form input.govuk-input").Cast<IHtmlInputElement>(), input => Assert.Equal("", input.Value));
        Assert.Equal(8, form.QuerySelectorAll("form input.govuk-input").Length);
    }

    [Fact]
    public async Task A_concluded_round_refuses_a_save_and_shows_its_figures_without_a_form()
    {
        var round = await NewRoundAsync();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageCapacity(round.Code));
        var form = await secretariat.GetAsync(PortalPaths.ManageCapacity(round.Code));
        // Concluded after the form was shown: the save reads the round afresh inside its transaction. Its dates are far
        // ahead, so that it never becomes the round the public site shows while other tests run.
        using (var connection = portal.OpenDatabase())
        {
            connection.Execute(
                "UPDATE programme_round SET opens_at = '2999-01-01T00:00:00Z', closes_at = '2999-02-01T00:00:00Z', concluded_at = '2999-03-01T00:00:00Z' WHERE id = @Id",
                new { round.Id });
        }

        (string, string)[] figures = [.. round.Years.SelectMany(y => CriminalJustice.Select(c => ($"available-{y.Code}-{c}", "100")))];
        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-capacity-form")!, null, figures);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        var message = $"The {round.Label} round is concluded: its outcome is published, so it can no longer be changed";
        Assert.Equal([message], Parse(refused).QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()));
        Assert.Null(Parse(refused).QuerySelector("form[data-capacity-form]"));
        // However stale the portal's copy of the round, the store reads it inside the save's transaction and refuses.
        var direct = await portal.Services.GetRequiredService<CapacityStore>().SaveAsync(
            round.Code, round.Years.SelectMany(y => CriminalJustice.Select(c => (y.Code, c))).ToDictionary(k => k, _ => 100), Staff.Secretariat, CancellationToken.None);
        Assert.Equal(message, Assert.Single(direct.Errors).Value);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM inspectorate_capacity WHERE round_id = @Id", new { round.Id }));
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'capacity.save' AND subject = @subject", new { subject = $"round:{round.Code}" }));
        }

        // Once the portal has read the round again, the page and the round page say so and offer no change.
        portal.Services.GetRequiredService<ProgrammeReader>().Invalidate();
        var shown = Parse(await secretariat.GetAsync(PortalPaths.ManageCapacity(round.Code)));
        Assert.Equal($"{message}.", shown.QuerySelector("[data-field=concluded]")?.TextContent.Trim());
        Assert.Null(shown.QuerySelector("form[data-capacity-form]"));
        Assert.Null(Parse(await secretariat.GetAsync(PortalPaths.ManageRound(round.Code))).QuerySelector("[data-field=change-capacity]"));
    }

    [Theory]
    [InlineData("chief inspector")]
    [InlineData("admin")]
    [InlineData("anonymous")]
    public async Task Only_the_secretariat_may_see_or_send_the_form(string who)
    {
        using var browser = who switch
        {
            "chief inspector" => await portal.SignedInAsync(Staff.ProsecutionChiefInspector),
            "admin" => await portal.SignedInAsync(Staff.Admin),
            _ => portal.NewBrowser(),
        };
        var before = CapacityAndAudit();

        var shown = await browser.GetAsync(PortalPaths.ManageCapacity(FirstRound));
        var sent = await browser.PostFormAsync(PortalPaths.ManageCapacity(FirstRound), Entered.Select(f => KeyValuePair.Create(f.Name, f.Value)));

        foreach (var page in new[] { shown, sent })
        {
            if (who == "anonymous")
            {
                Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Forbidden, page.Status);
                Assert.Equal("/account/access-denied", page.Address.AbsolutePath);
            }
        }

        Assert.Equal(before, CapacityAndAudit());
    }

    [Fact]
    public async Task An_unknown_round_is_not_found()
    {
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat);

        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync(PortalPaths.ManageCapacity("2019-21"))).Status);
    }

    private static IHtmlDocument Parse(WebPage page) => new HtmlParser().ParseDocument(page.Html);

    private static string? Cell(IHtmlDocument page, string inspectorate, string year) =>
        page.QuerySelector($"[data-field=capacity] tr[data-inspectorate='{inspectorate}'] td[data-year='{year}']")?.TextContent.Trim();

    private static AngleSharp.Dom.IElement Source(IHtmlDocument page) =>
        page.QuerySelector("[data-field=capacity-source]") ?? throw new InvalidOperationException("The page does not say where its capacity figures came from.");

    private static IHtmlInputElement Input(IHtmlDocument page, string name) =>
        (IHtmlInputElement)(page.QuerySelector($"input[name='{name}']") ?? throw new InvalidOperationException($"No input {name}."));

    /// <summary>Every capacity row and capacity audit entry, to show that a refused change wrote nothing.</summary>
    private string CapacityAndAudit()
    {
        using var connection = portal.OpenDatabase();
        var rows = connection.Query<string>(
            """
            SELECT round_id || ' ' || programme_year || ' ' || inspectorate_code || ' ' || available_days || ' ' || coalesce(entered_by, '-') || ' ' || coalesce(entered_at, '-')
              FROM inspectorate_capacity ORDER BY round_id, programme_year, inspectorate_code
            """);
        var audit = connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'capacity.save'");
        return $"{string.Join('\n', rows)}\naudit entries: {audit}";
    }

    /// <summary>A new round after the latest, as the secretariat would create it, with no capacity yet.</summary>
    private async Task<ProgrammeRound> NewRoundAsync()
    {
        var rounds = (await portal.Services.GetRequiredService<ProgrammeReader>().ReadAllAsync()).Select(p => p.Round).ToList();
        var firstYear = RoundRules.SuggestedFirstYear(rounds, DateTimeOffset.UtcNow);
        var change = await portal.Services.GetRequiredService<RoundStore>().CreateAsync(firstYear, $"Joint inspection programme from {firstYear}", [], Staff.Secretariat, CancellationToken.None);
        Assert.True(change.Saved, string.Join("; ", change.Errors.Values));
        return (await portal.Services.GetRequiredService<ProgrammeReader>().ReadAsync(change.RoundCode!))!.Round;
    }
}
