using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Tests.Programme;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Manage;

/// <summary>
/// The secretariat editing a round's draft programme after a real sign-in: adding, changing, withdrawing and moving
/// workstreams, each audited; bad input and concluded rounds refused with nothing written; a published round's changes
/// kept as versions that the public programme lists. The portal looks at the programme's revision only every ten
/// minutes, so a change the public page shows at once was made visible by the edit itself, not by the periodic check.
/// </summary>
public sealed class ProgrammeEditingTests(PortalWithLongProgrammeCheck fixture) : IClassFixture<PortalWithLongProgrammeCheck>
{
    /// <summary>The round every new portal opens at first start: public, so its changes need reasons and are kept as versions.</summary>
    private const string OpenRound = "2021-23";

    private static readonly (string, string)[] OlderPrisoners =
    [
        ("title", "Older prisoners"),
        ("summary", "How older people are held and cared for."),
        ("section", "new"),
        ("lead", "hmi-prisons"),
        ("supporting", "hmi-probation"),
        ("partners", "cqc"),
        ("areasOfFocus", "custodial-conditions"),
        ("crossCuttingIssues", "equality-diversity"),
        ("programmeYear", WorkstreamRules.Throughout),
        ("kind", "inspection"),
        ("expectedPublication", "Autumn"),
        ("status", "planned"),
    ];

    private PortalWithDevIdentity Portal => fixture.Portal;

    [Fact]
    public async Task Adding_to_a_draft_round_makes_a_workstream_from_the_form_audited_and_kept_as_no_version()
    {
        var round = DraftRound(2023);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        var form = await secretariat.GetAsync(PortalPaths.AddWorkstream(round));
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.DoesNotContain("name=\"reason\"", form.Html, StringComparison.Ordinal);

        var done = await SubmitAsync(secretariat, form, OlderPrisoners);

        Assert.Equal(PortalPaths.ManageRound(round), done.Address.AbsolutePath);
        Assert.Contains("“Older prisoners” was added to the programme", Decoded(done), StringComparison.Ordinal);
        Assert.Contains("data-workstream=\"older-prisoners\"", done.Html, StringComparison.Ordinal);
        using var connection = Portal.OpenDatabase();
        var row = connection.QuerySingle<(long Id, string Section, string Kind, string Status, string? Year, string? Publication)>(
            "SELECT id, section, kind, status, programme_year, expected_publication FROM workstream WHERE slug = 'older-prisoners' AND round_id = @id",
            new { id = RoundId(round) });
        Assert.Equal(("new", "inspection", "planned", null, "Autumn"), (row.Section, row.Kind, row.Status, row.Year, row.Publication));
        Assert.Equal(
            [("cqc", "supporting"), ("hmi-prisons", "lead"), ("hmi-probation", "supporting")],
            connection.Query<(string, string)>("SELECT inspectorate_code, role FROM workstream_participant WHERE workstream_id = @Id ORDER BY 1", new { row.Id }));
        Assert.Equal(["custodial-conditions"], connection.Query<string>("SELECT area_of_focus_code FROM workstream_area_of_focus WHERE workstream_id = @Id", new { row.Id }));
        Assert.Equal(["equality-diversity"], connection.Query<string>("SELECT cross_cutting_issue_code FROM workstream_cross_cutting_issue WHERE workstream_id = @Id", new { row.Id }));
        var audit = connection.QuerySingle<(string Actor, string? Before, string After)>(
            "SELECT actor, before, after FROM audit_log WHERE action = 'workstream.add' AND subject = @subject", new { subject = $"workstream:{round}/older-prisoners" });
        Assert.Equal(Staff.Secretariat, audit.Actor);
        Assert.Null(audit.Before);
        Assert.Contains("\"Title\":\"Older prisoners\"", audit.After, StringComparison.Ordinal);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream_change WHERE round_id = @id", new { id = RoundId(round) }));

        // The same title again takes the next free address in the round.
        await SubmitAsync(secretariat, await secretariat.GetAsync(PortalPaths.AddWorkstream(round)), OlderPrisoners);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream WHERE slug = 'older-prisoners-2' AND round_id = @id", new { id = RoundId(round) }));
    }

    [Fact]
    public async Task Bad_input_is_named_field_by_field_keeps_what_was_typed_and_writes_nothing()
    {
        var round = DraftRound(2025);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        var form = await secretariat.GetAsync(PortalPaths.AddWorkstream(round));
        var longTitle = new string('x', WorkstreamRules.MaxTitle + 1);
        var fields = OlderPrisoners.Where(f => f.Item1 is not ("lead" or "title")).Append(("title", longTitle)).Append(("partners", "nope")).ToArray();

        var refused = await SubmitAsync(secretariat, form, fields);

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<title>Error: ", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#lead\">Select the inspectorate that leads it</a>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#title\">The title must be 150 characters or fewer</a>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("'nope' is not a partner body", Decoded(refused), StringComparison.Ordinal);
        Assert.Contains("id=\"lead-error\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{longTitle}\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">How older people are held and cared for.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"supporting-hmi-probation\"[^>]*checked", refused.Html);
        Assert.Matches("id=\"crossCuttingIssues-equality-diversity\"[^>]*checked", refused.Html);
        using var connection = Portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream WHERE round_id = @id", new { id = RoundId(round) }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE subject LIKE @subject", new { subject = $"workstream:{round}/%" }));
    }

    [Fact]
    public async Task Editing_a_draft_keeps_the_address_audits_before_and_after_and_moves_the_days_with_the_year()
    {
        var round = DraftRound(2027);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        await SubmitAsync(secretariat, await secretariat.GetAsync(PortalPaths.AddWorkstream(round)), Replace(OlderPrisoners, ("programmeYear", "2027-28")));
        using var connection = Portal.OpenDatabase();
        var id = connection.ExecuteScalar<long>("SELECT id FROM workstream WHERE slug = 'older-prisoners' AND round_id = @id", new { id = RoundId(round) });
        connection.Execute(
            "INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days) VALUES (@id, 'hmi-prisons', '2027-28', 60), (@id, 'hmi-probation', '2027-28', 30)",
            new { id });

        var form = await secretariat.GetAsync(PortalPaths.ManageWorkstream(round, "older-prisoners"));
        Assert.Contains("value=\"Older prisoners\"", form.Html, StringComparison.Ordinal);
        Assert.Contains("Bilateral (two criminal justice inspectorates)", form.Html, StringComparison.Ordinal);
        var done = await SubmitAsync(
            secretariat, form,
            Replace(OlderPrisoners, ("title", "Older people in prison"), ("lead", "hmi-probation"), ("supporting", "hmicfrs"), ("programmeYear", "2028-29")));

        Assert.Contains(
            "“Older people in prison” was changed. Title changed from “Older prisoners” to “Older people in prison”; lead changed from HMI Prisons to HMI Probation; "
            + "supporting inspectorates: HMICFRS added, HMI Probation removed; programme year changed from 2027–28 to 2028–29.",
            Decoded(done), StringComparison.Ordinal);
        var row = connection.QuerySingle<(string Slug, string Title, string Year)>("SELECT slug, title, programme_year FROM workstream WHERE id = @id", new { id });
        Assert.Equal(("older-prisoners", "Older people in prison", "2028-29"), row);
        Assert.Equal(
            [("hmi-probation", "lead"), ("hmicfrs", "supporting")],
            connection.Query<(string, string)>("SELECT inspectorate_code, role FROM workstream_participant WHERE workstream_id = @id AND inspectorate_code LIKE 'hm%' ORDER BY 2, 1", new { id }));
        // HMI Prisons no longer takes part, so its days are given back; HMI Probation's follow the work into its new year.
        Assert.Equal([("hmi-probation", "2028-29", 30L)], connection.Query<(string, string, long)>("SELECT inspectorate_code, programme_year, days FROM workstream_days WHERE workstream_id = @id", new { id }));
        var audit = connection.QuerySingle<(string Before, string After)>(
            "SELECT before, after FROM audit_log WHERE action = 'workstream.edit' AND subject = @subject", new { subject = $"workstream:{round}/older-prisoners" });
        Assert.Contains("\"Title\":\"Older prisoners\"", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"Title\":\"Older people in prison\"", audit.After, StringComparison.Ordinal);
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM workstream_change WHERE workstream_id = @id", new { id }));

        // Saving the form as it stands changes nothing, and says so rather than recording a change.
        var unchanged = await secretariat.GetAsync(PortalPaths.ManageWorkstream(round, "older-prisoners"));
        var nothing = await SubmitAsync(
            secretariat, unchanged,
            Replace(OlderPrisoners, ("title", "Older people in prison"), ("lead", "hmi-probation"), ("supporting", "hmicfrs"), ("programmeYear", "2028-29")));
        Assert.Contains("Nothing was changed in “Older people in prison”", Decoded(nothing), StringComparison.Ordinal);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'workstream.edit' AND subject = @subject", new { subject = $"workstream:{round}/older-prisoners" }));
    }

    [Fact]
    public async Task Withdrawing_asks_first_then_takes_the_workstream_out_audited()
    {
        var round = DraftRound(2029);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        await SubmitAsync(secretariat, await secretariat.GetAsync(PortalPaths.AddWorkstream(round)), OlderPrisoners);
        var roundPage = await secretariat.GetAsync(PortalPaths.ManageRound(round));
        Assert.Contains($"href=\"{PortalPaths.WithdrawWorkstream(round, "older-prisoners")}\"", roundPage.Html, StringComparison.Ordinal);

        var confirm = await secretariat.GetAsync(PortalPaths.WithdrawWorkstream(round, "older-prisoners"));
        Assert.Contains($"Are you sure you want to withdraw “Older prisoners” from the {Label(round)} programme?", Decoded(confirm), StringComparison.Ordinal);
        var done = await secretariat.SubmitAsync(confirm, confirm.FindForm("data-withdraw-workstream")!, null, ("reason", "Covered by another inspection."));

        Assert.Equal(PortalPaths.ManageRound(round), done.Address.AbsolutePath);
        Assert.Contains("“Older prisoners” was withdrawn from the programme", Decoded(done), StringComparison.Ordinal);
        Assert.DoesNotContain("data-workstream=\"older-prisoners\"", done.Html, StringComparison.Ordinal);
        using var connection = Portal.OpenDatabase();
        Assert.NotNull(connection.ExecuteScalar<string?>("SELECT withdrawn_at FROM workstream WHERE slug = 'older-prisoners' AND round_id = @id", new { id = RoundId(round) }));
        var after = connection.QuerySingle<string>(
            "SELECT after FROM audit_log WHERE action = 'workstream.withdraw' AND subject = @subject", new { subject = $"workstream:{round}/older-prisoners" });
        Assert.Contains("Covered by another inspection.", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync(PortalPaths.WithdrawWorkstream(round, "older-prisoners"))).Status);
    }

    [Fact]
    public async Task Move_buttons_swap_workstreams_within_their_section_audited()
    {
        var round = DraftRound(2031);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        foreach (var title in new[] { "First", "Second", "Third" })
        {
            await SubmitAsync(secretariat, await secretariat.GetAsync(PortalPaths.AddWorkstream(round)), Replace(OlderPrisoners, ("title", title)));
        }

        var page = await secretariat.GetAsync(PortalPaths.ManageRound(round));
        Assert.Equal(["first", "second", "third"], Order(page));
        Assert.DoesNotContain("data-action=\"move-up\"", Row(page, "first"), StringComparison.Ordinal);
        Assert.Contains("Move down<span class=\"govuk-visually-hidden\"> “First”</span>", WebUtility.HtmlDecode(Row(page, "first")), StringComparison.Ordinal);
        Assert.Contains("data-action=\"move-up\"", Row(page, "third"), StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=\"move-down\"", Row(page, "third"), StringComparison.Ordinal);

        var moved = await PostFromAsync(secretariat, page, PortalPaths.MoveWorkstream(round, "first"), ("direction", "down"));

        Assert.Equal(PortalPaths.ManageRound(round), moved.Address.AbsolutePath);
        Assert.Contains("“First” was moved down", Decoded(moved), StringComparison.Ordinal);
        Assert.Equal(["second", "first", "third"], Order(moved));
        using var connection = Portal.OpenDatabase();
        var after = connection.QuerySingle<string>(
            "SELECT after FROM audit_log WHERE action = 'workstream.move' AND subject = @subject", new { subject = $"workstream:{round}/first" });
        Assert.Contains("Moved down, now after “Second”.", System.Text.Json.JsonDocument.Parse(after).RootElement.GetProperty("what").GetString(), StringComparison.Ordinal);

        // The first in its section goes no higher: nothing is written.
        var refused = await PostFromAsync(secretariat, moved, PortalPaths.MoveWorkstream(round, "second"), ("direction", "up"));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("“Second” is already first in new work", Decoded(refused), StringComparison.Ordinal);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'workstream.move' AND subject LIKE @subject", new { subject = $"workstream:{round}/%" }));
    }

    [Fact]
    public async Task A_concluded_round_refuses_every_change_and_writes_nothing()
    {
        using (var connection = Portal.OpenDatabase())
        {
            connection.Execute(
                """
                INSERT INTO programme_round (first_year, title, opens_at, closes_at, concluded_at, created_at)
                VALUES (2019, 'Joint inspection programme', '2019-01-01T00:00:00.000Z', '2019-03-01T00:00:00.000Z', '2019-06-01T00:00:00.000Z', '2019-01-01T00:00:00.000Z');
                INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, sort_order)
                VALUES ((SELECT id FROM programme_round WHERE first_year = 2019), 'finished', 'Finished work', 'Done.', 'new', 'inspection', 'planned', 1);
                """);
        }

        Reader.Invalidate();
        const string Round = "2019-21";
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(Round));
        var roundPage = await secretariat.GetAsync(PortalPaths.ManageRound(Round));
        Assert.DoesNotContain("data-field=\"add-workstream\"", roundPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=", roundPage.Html, StringComparison.Ordinal);

        var form = await secretariat.GetAsync(PortalPaths.AddWorkstream(Round));
        const string Concluded = "The 2019–21 round is concluded: its outcome is published, so it can no longer be changed";
        Assert.Contains($"<a href=\"#round\">{Concluded}</a>", Decoded(form), StringComparison.Ordinal);
        Assert.DoesNotContain("Add the workstream</button>", form.Html, StringComparison.Ordinal);

        var added = await PostFromAsync(secretariat, form, PortalPaths.AddWorkstream(Round), OlderPrisoners);
        var edited = await PostFromAsync(secretariat, form, PortalPaths.ManageWorkstream(Round, "finished"), Replace(OlderPrisoners, ("version", "x")));
        var withdrawn = await PostFromAsync(secretariat, form, PortalPaths.WithdrawWorkstream(Round, "finished"), ("reason", "No longer needed."));
        var moved = await PostFromAsync(secretariat, form, PortalPaths.MoveWorkstream(Round, "finished"), ("direction", "up"), ("confirm", "true"), ("reason", "Why not."));

        foreach (var refused in new[] { added, edited, withdrawn, moved })
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains(Concluded, Decoded(refused), StringComparison.Ordinal);
        }

        Assert.Contains("value=\"Older prisoners\"", added.Html, StringComparison.Ordinal);
        using var check = Portal.OpenDatabase();
        Assert.Equal(
            ("Finished work", null),
            check.QuerySingle<(string, string?)>("SELECT title, withdrawn_at FROM workstream WHERE round_id = (SELECT id FROM programme_round WHERE first_year = 2019)"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE subject LIKE 'workstream:2019-21/%'"));
    }

    [Fact]
    public async Task An_open_rounds_edit_needs_a_reason_and_is_listed_at_once_on_the_cached_public_programme_without_who_made_it()
    {
        const string Slug = "youth-inspection-programme";
        // The public page is cached before the change.
        using var anonymous = new HttpClient { BaseAddress = Portal.BaseAddress };
        Assert.DoesNotContain("HMI Prisons joins the youth inspections.", await anonymous.GetStringAsync(PortalPaths.Programme(OpenRound)), StringComparison.Ordinal);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(OpenRound));
        var form = await secretariat.GetAsync(PortalPaths.ManageWorkstream(OpenRound, Slug));
        Assert.Contains("name=\"reason\"", form.Html, StringComparison.Ordinal);
        var fields = new (string, string)[]
        {
            ("title", "Youth inspection programme"), ("summary", Summary(Slug)), ("section", "core-continuing"), ("lead", "hmi-probation"),
            ("supporting", "hmicfrs"), ("supporting", "hmi-prisons"), ("partners", "cqc"), ("partners", "ciw"), ("partners", "estyn"), ("partners", "hiw"),
            ("areasOfFocus", "community-safety"), ("areasOfFocus", "management-under-supervision"), ("programmeYear", WorkstreamRules.Throughout),
            ("kind", "rolling-programme"), ("expectedPublication", "A report after each inspection"), ("status", "fieldwork"),
        };

        var refused = await SubmitAsync(secretariat, form, fields);

        Assert.Contains("<a href=\"#reason\">Say why this is changing: the public will read it beside the change</a>", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"status-fieldwork\"[^>]*checked", refused.Html);
        using var connection = Portal.OpenDatabase();
        Assert.Equal("ongoing", connection.ExecuteScalar<string>("SELECT status FROM workstream WHERE slug = @Slug", new { Slug }));

        var done = await SubmitAsync(secretariat, refused, [.. fields, ("reason", "HMI Prisons joins the youth inspections.")]);

        Assert.Equal(PortalPaths.ManageRound(OpenRound), done.Address.AbsolutePath);
        // Nations are not on the form, and saving keeps them.
        Assert.Equal(
            [("ciw", "Wales"), ("cqc", "England"), ("estyn", "Wales"), ("hiw", "Wales")],
            connection.Query<(string, string)>(
                "SELECT inspectorate_code, nation FROM workstream_participant WHERE nation IS NOT NULL AND workstream_id = (SELECT id FROM workstream WHERE slug = @Slug) ORDER BY 1",
                new { Slug }));
        var version = connection.QuerySingle<(string Kind, string What, string Why, string By, string Before, string After, DateTimeOffset At)>(
            "SELECT kind, what, why, changed_by, before, after, changed_at FROM workstream_change WHERE workstream_id = (SELECT id FROM workstream WHERE slug = @Slug)",
            new { Slug });
        const string What = "Supporting inspectorates: HMI Prisons added; now joint rather than bilateral; status changed from ongoing to fieldwork under way.";
        Assert.Equal(("edited", What, "HMI Prisons joins the youth inspections.", Staff.Secretariat), (version.Kind, version.What, version.Why, version.By));
        Assert.Contains("\"Status\":\"ongoing\"", version.Before, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"fieldwork\"", version.After, StringComparison.Ordinal);
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'workstream.edit' AND subject = @subject", new { subject = $"workstream:{OpenRound}/{Slug}" }));

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(PortalPaths.Programme(OpenRound)));
        var changes = page[page.IndexOf("Changes since this draft was published</h2>", StringComparison.Ordinal)..];
        Assert.Contains($"<a class=\"govuk-link\" href=\"{PortalPaths.Workstream(OpenRound, Slug)}\">Youth inspection programme</a>", changes, StringComparison.Ordinal);
        Assert.Contains(What, changes, StringComparison.Ordinal);
        Assert.Contains("HMI Prisons joins the youth inspections.", changes, StringComparison.Ordinal);
        Assert.Contains($">{UkTime.Date(version.At)}</time>", changes, StringComparison.Ordinal);
        Assert.DoesNotContain(Staff.Secretariat, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Priya Shah", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_open_rounds_additions_withdrawals_and_moves_are_listed_newest_first()
    {
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(OpenRound));
        var form = await secretariat.GetAsync(PortalPaths.AddWorkstream(OpenRound));
        await SubmitAsync(secretariat, form, [.. Replace(OlderPrisoners, ("title", "Elderly prisoners"), ("programmeYear", "2022-23")), ("reason", "Suggested by many respondents.")]);

        // A move from the round page asks why first, on a page of its own.
        var roundPage = await secretariat.GetAsync(PortalPaths.ManageRound(OpenRound));
        var asked = await PostFromAsync(secretariat, roundPage, PortalPaths.MoveWorkstream(OpenRound, "drugs-misuse-on-probation"), ("direction", "up"));
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Contains("Why is this changing?", asked.Html, StringComparison.Ordinal);
        var unexplained = await secretariat.SubmitAsync(asked, asked.FindForm("data-move-workstream")!);
        Assert.Contains("<a href=\"#reason\">Say why this is changing", unexplained.Html, StringComparison.Ordinal);
        await secretariat.SubmitAsync(unexplained, unexplained.FindForm("data-move-workstream")!, null, ("reason", "It reports sooner."));

        var withdraw = await secretariat.GetAsync(PortalPaths.WithdrawWorkstream(OpenRound, "elderly-prisoners"));
        var noReason = await secretariat.SubmitAsync(withdraw, withdraw.FindForm("data-withdraw-workstream")!);
        Assert.Contains("<a href=\"#reason\">Say why this is changing", noReason.Html, StringComparison.Ordinal);
        await secretariat.SubmitAsync(noReason, noReason.FindForm("data-withdraw-workstream")!, null, ("reason", "Merged into the prisons work."));

        using var anonymous = new HttpClient { BaseAddress = Portal.BaseAddress };
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync(PortalPaths.Programme(OpenRound)));
        var changes = page[page.IndexOf("Changes since this draft was published</h2>", StringComparison.Ordinal)..];
        var withdrawn = changes.IndexOf("Withdrawn from the programme.", StringComparison.Ordinal);
        var movedUp = changes.IndexOf("Moved up, now before “Neurodiversity in the CJS evidence review”.", StringComparison.Ordinal);
        var added = changes.IndexOf("Added to the programme as new work, led by HMI Prisons, in 2022–23.", StringComparison.Ordinal);
        Assert.True(withdrawn >= 0 && movedUp > withdrawn && added > movedUp, changes);
        // Gone from the programme, it is named without a link.
        Assert.Contains("Elderly prisoners", changes, StringComparison.Ordinal);
        Assert.DoesNotContain(">Elderly prisoners</a>", changes, StringComparison.Ordinal);
        var thematic = page[page.IndexOf("Joint thematic inspections", StringComparison.Ordinal)..page.IndexOf("New work for", StringComparison.Ordinal)];
        Assert.True(thematic.IndexOf("Drugs misuse", StringComparison.Ordinal) < thematic.IndexOf("Neurodiversity", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proposed_workstream_is_withdrawn_by_revising_its_decision_not_here()
    {
        var submission = SubmissionRows.Insert(Portal.ConnectionString, new(Title: "Girls held far from home"));
        var reference = SubmissionReference.Format(submission);
        using (var connection = Portal.OpenDatabase())
        {
            var workstream = connection.ExecuteScalar<long>(
                """
                INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, programme_year, sort_order, origin_submission_id)
                VALUES ((SELECT round_id FROM submission WHERE id = @submission), 'girls-far-from-home', 'Girls held far from home', 'Where girls are held.',
                        'proposed', 'inspection', 'proposed', '2022-23', 1000 + @submission, @submission)
                RETURNING id
                """,
                new { submission });
            connection.Execute(
                "INSERT INTO workstream_participant (workstream_id, inspectorate_code, role) VALUES (@workstream, 'hmi-prisons', 'lead')", new { workstream });
        }

        Reader.Invalidate();
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(OpenRound));
        var roundPage = await secretariat.GetAsync(PortalPaths.ManageRound(OpenRound));
        Assert.Contains("data-workstream=\"girls-far-from-home\"", roundPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{PortalPaths.WithdrawWorkstream(OpenRound, "girls-far-from-home")}\"", roundPage.Html, StringComparison.Ordinal);

        var page = await secretariat.GetAsync(PortalPaths.WithdrawWorkstream(OpenRound, "girls-far-from-home"));
        Assert.Contains($"its decision owns it: to take it out of the programme, revise the decision on {reference}", Decoded(page), StringComparison.Ordinal);
        Assert.Contains($"href=\"{PortalPaths.Decide(reference)}\"", page.Html, StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-withdraw-workstream"));

        var refused = await PostFromAsync(secretariat, roundPage, PortalPaths.WithdrawWorkstream(OpenRound, "girls-far-from-home"), ("reason", "Not wanted."));

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        using var check = Portal.OpenDatabase();
        Assert.Null(check.ExecuteScalar<string?>("SELECT withdrawn_at FROM workstream WHERE slug = 'girls-far-from-home'"));
        Assert.Equal(0, check.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE subject = @subject", new { subject = $"workstream:{OpenRound}/girls-far-from-home" }));

        // Its edit page keeps it proposed rather than offering the secretariat's sections.
        var edit = await secretariat.GetAsync(PortalPaths.ManageWorkstream(OpenRound, "girls-far-from-home"));
        Assert.Contains("data-field=\"section\"", edit.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"section\"", edit.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_from_a_form_someone_else_saved_over_is_refused_keeping_what_was_typed()
    {
        var round = DraftRound(2033);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.ManageRound(round));
        await SubmitAsync(secretariat, await secretariat.GetAsync(PortalPaths.AddWorkstream(round)), OlderPrisoners);
        var mine = await secretariat.GetAsync(PortalPaths.ManageWorkstream(round, "older-prisoners"));
        var theirs = await secretariat.GetAsync(PortalPaths.ManageWorkstream(round, "older-prisoners"));
        await SubmitAsync(secretariat, theirs, Replace(OlderPrisoners, ("title", "Their title")));

        var stale = await SubmitAsync(secretariat, mine, Replace(OlderPrisoners, ("status", "fieldwork")));

        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Contains("Someone else changed this workstream after you opened it, so your changes have not been saved.", stale.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"status-fieldwork\"[^>]*checked", stale.Html);
        using var connection = Portal.OpenDatabase();
        Assert.Equal(("Their title", "planned"), connection.QuerySingle<(string, string)>(
            "SELECT title, status FROM workstream WHERE slug = 'older-prisoners' AND round_id = @id", new { id = RoundId(round) }));

        // Sent again knowingly, it replaces theirs.
        await SubmitAsync(secretariat, stale, Replace(OlderPrisoners, ("status", "fieldwork")));
        Assert.Equal(("Older prisoners", "fieldwork"), connection.QuerySingle<(string, string)>(
            "SELECT title, status FROM workstream WHERE slug = 'older-prisoners' AND round_id = @id", new { id = RoundId(round) }));
    }

    [Theory]
    [InlineData("chief inspector")]
    [InlineData("admin")]
    public async Task Only_the_secretariat_may_edit_other_staff_read_the_round_without_the_controls(string who)
    {
        var email = who == "admin" ? Staff.Admin : Staff.ProbationChiefInspector;
        using var browser = await Portal.SignedInAsync(email, PortalPaths.ManageRound(OpenRound));
        var roundPage = await browser.GetAsync(PortalPaths.ManageRound(OpenRound));
        Assert.Equal(HttpStatusCode.OK, roundPage.Status);
        Assert.Contains("data-workstream=\"rape\"", roundPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"add-workstream\"", roundPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-action=", roundPage.Html, StringComparison.Ordinal);

        string[] pages = [PortalPaths.AddWorkstream(OpenRound), PortalPaths.ManageWorkstream(OpenRound, "rape"), PortalPaths.WithdrawWorkstream(OpenRound, "rape")];
        foreach (var path in pages)
        {
            var page = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.Status);
            Assert.Equal("/account/access-denied", page.Address.AbsolutePath);
        }

        foreach (var path in pages.Append(PortalPaths.MoveWorkstream(OpenRound, "rape")))
        {
            var posted = await PostFromAsync(browser, roundPage, path, [.. OlderPrisoners, ("reason", "Because."), ("direction", "down"), ("confirm", "true")]);
            Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        }

        using var connection = Portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE actor = @email AND action LIKE 'workstream.%'", new { email }));
    }

    [Fact]
    public async Task Anonymous_people_are_sent_to_sign_in_and_the_secretariat_gets_in()
    {
        using var anonymous = Portal.NewBrowser();
        var page = await anonymous.GetAsync(PortalPaths.AddWorkstream(OpenRound));
        Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");
        var posted = await anonymous.PostFormAsync(PortalPaths.WithdrawWorkstream(OpenRound, "rape"), [KeyValuePair.Create("reason", "Because.")]);
        Assert.Contains(posted.Trail, address => address.AbsolutePath == "/account/sign-in");

        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat, PortalPaths.AddWorkstream(OpenRound));
        Assert.Equal(HttpStatusCode.OK, (await secretariat.GetAsync(PortalPaths.ManageWorkstream(OpenRound, "rape"))).Status);
        using var connection = Portal.OpenDatabase();
        Assert.Null(connection.ExecuteScalar<string?>("SELECT withdrawn_at FROM workstream WHERE slug = 'rape'"));
    }

    [Fact]
    public void A_version_written_by_anyone_moves_the_programme_revision_so_cached_pages_follow()
    {
        using var connection = Portal.OpenDatabase();
        var before = connection.ExecuteScalar<long>("SELECT revision FROM programme_revision");

        connection.Execute(
            """
            INSERT INTO workstream_change (round_id, workstream_id, changed_at, changed_by, kind, title, what, why, after)
            SELECT round_id, id, '2027-01-01T00:00:00.000Z', 'someone', 'added', title, 'Added to the programme.', 'A reason.', '{}' FROM workstream WHERE slug = 'case-file-quality'
            """);
        var inserted = connection.ExecuteScalar<long>("SELECT revision FROM programme_revision");
        connection.Execute("DELETE FROM workstream_change WHERE changed_by = 'someone'");

        Assert.True(inserted > before);
        Assert.True(connection.ExecuteScalar<long>("SELECT revision FROM programme_revision") > inserted);
    }

    private ProgrammeReader Reader => Portal.Services.GetRequiredService<ProgrammeReader>();

    /// <summary>A new round whose consultation has no dates yet: a draft only staff read.</summary>
    private string DraftRound(int firstYear)
    {
        using (var connection = Portal.OpenDatabase())
        {
            connection.Execute(
                "INSERT INTO programme_round (first_year, title, created_at) VALUES (@firstYear, 'Joint inspection programme', '2026-01-01T00:00:00.000Z')",
                new { firstYear });
        }

        Reader.Invalidate();
        return ProgrammeRound.CodeFor(firstYear);
    }

    private long RoundId(string round)
    {
        using var connection = Portal.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT id FROM programme_round WHERE first_year = @first", new { first = int.Parse(round[..4], System.Globalization.CultureInfo.InvariantCulture) });
    }

    private string Summary(string slug)
    {
        using var connection = Portal.OpenDatabase();
        return connection.ExecuteScalar<string>("SELECT summary FROM workstream WHERE slug = @slug", new { slug })!;
    }

    private static string Label(string round) => $"{round[..4]}–{round[5..]}";

    /// <summary>Sends the page's workstream form (its antiforgery token and version) with these fields.</summary>
    private static Task<WebPage> SubmitAsync(TestBrowser browser, WebPage page, params (string, string)[] fields) =>
        browser.SubmitAsync(page, page.FindForm("data-workstream-form") ?? throw new InvalidOperationException($"No workstream form at {page.Address}: {page.Html}"), null, fields);

    /// <summary>Posts to <paramref name="path"/> as a form of <paramref name="page"/> would, with that page's antiforgery token.</summary>
    private static Task<WebPage> PostFromAsync(TestBrowser browser, WebPage page, string path, params (string Name, string Value)[] fields)
    {
        var token = Regex.Match(page.Html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var values = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).ToList();
        if (token.Success)
        {
            values.Add(KeyValuePair.Create("__RequestVerificationToken", token.Groups[1].Value));
        }

        return browser.PostFormAsync(path, values);
    }

    private static (string, string)[] Replace((string, string)[] fields, params (string Name, string Value)[] replacements) =>
        [.. fields.Where(f => !replacements.Any(r => r.Name == f.Item1)), .. replacements];

    private static List<string> Order(WebPage page) =>
        Regex.Matches(page.Html, "data-workstream=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string Decoded(WebPage page) => WebUtility.HtmlDecode(page.Html);

    private static string Row(WebPage page, string slug)
    {
        var start = page.Html.IndexOf($"data-workstream=\"{slug}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {slug}");
        return page.Html[start..page.Html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
