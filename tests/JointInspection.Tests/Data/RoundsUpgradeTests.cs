using System.Globalization;
using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace JointInspection.Tests.Data;

/// <summary>
/// Migration 0018 turns the one consultation into the first programme round and rebuilds six tables. A database made by
/// the migrations before it, with submissions, assessments, decisions, a proposed workstream, emails and audit in it,
/// comes through with every row of every table as it was.
/// </summary>
// An upgrade of SQLite databases made before migration 0018; a PostgreSQL database starts from 0001_schema.sql after it.
[Trait("Database", "sqlite-only")]
public sealed class RoundsUpgradeTests : IDisposable
{
    private const string FirstRoundsScript = "0018_programme_rounds.sql";

    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-upgrade-").FullName;
    private readonly Database database;

    public RoundsUpgradeTests() => database = new Database($"Data Source={Path.Combine(folder, "portal.db")}");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Every_row_of_a_database_made_before_rounds_is_kept_and_belongs_to_the_first_round()
    {
        var startup = new DatabaseStartup(database, NullLogger<DatabaseStartup>.Instance);
        var scripts = DatabaseStartup.PortalScripts();
        startup.Migrate(scripts.Where(s => string.CompareOrdinal(s.Name, FirstRoundsScript) < 0));
        using (var connection = database.Open())
        {
            connection.Execute(BeforeRounds);
        }

        var before = Snapshot();
        startup.Migrate(scripts);
        var after = Snapshot();

        // The consultation became the first round, with its id, title and dates; its code gave the round its years.
        var consultation = Assert.Single(before["consultation"]);
        var round = Assert.Single(after["programme_round"]);
        Assert.Equal(consultation["id"], round["id"]);
        Assert.Equal(2021L, round["first_year"]);
        foreach (var column in new[] { "title", "opens_at", "closes_at" })
        {
            Assert.Equal(consultation[column], round[column]);
        }

        Assert.False(after.ContainsKey("consultation"));

        // Every other table has the same rows; a submission's consultation is now its round, and workstreams and
        // capacity name the round they belong to.
        // Columns renamed since: by the rounds (0018), and a decision's one name for its number (0021).
        var renamed = new Dictionary<(string Table, string Column), string>
        {
            [("submission", "consultation_id")] = "round_id",
            [("decision", "revision")] = "version",
        };
        foreach (var (table, rows) in before.Where(t => t.Key != "consultation"))
        {
            Assert.True(after.ContainsKey(table), $"{table} is gone");
            var columns = rows.Count == 0 ? [] : rows[0].Keys.ToList();
            Assert.Equal(
                rows.Select(row => Canonical(columns.Select(c => row[c]))).Order(StringComparer.Ordinal),
                after[table].Select(row => Canonical(columns.Select(c => row[renamed.GetValueOrDefault((table, c), c)]))).Order(StringComparer.Ordinal));
        }

        Assert.All(after["workstream"], w => Assert.Equal(round["id"], w["round_id"]));
        Assert.All(after["inspectorate_capacity"], c => Assert.Equal(round["id"], c["round_id"]));
        Assert.Equal(8, after["inspectorate_capacity"].Count);

        using var upgraded = database.Open();
        Assert.Empty(upgraded.Query("PRAGMA foreign_key_check"));
        Assert.Equal("ok", upgraded.ExecuteScalar<string>("PRAGMA integrity_check"));

        // A reference is never reused: submission 5 was deleted before the upgrade, so the next is 6.
        var next = upgraded.ExecuteScalar<long>(
            """
            INSERT INTO submission (round_id, kind, response_to, stance, body_text, body_html, respondent_name, respondent_email,
                                    respondent_type, publication_consent, status_token_hash, received_at)
            VALUES (1, 'response', 'programme', 'support', 'After', '<p>After</p>', 'Kim Lee', 'kim@example.org',
                    'individual', 'none', 'hash-after', '2027-01-10T10:00:00.000Z')
            RETURNING id
            """);
        Assert.Equal(6L, next);

        // The triggers made again with the tables still work: search finds old and new text, and reassessing moves the score.
        Assert.Equal([2L], upgraded.Query<long>("SELECT rowid >> 4 FROM submission_search WHERE submission_search MATCH 'marrowgate'"));
        upgraded.Execute("UPDATE submission SET title = 'Girls in Glenbrook' WHERE id = 2");
        Assert.Equal([2L], upgraded.Query<long>("SELECT rowid >> 4 FROM submission_search WHERE submission_search MATCH 'glenbrook'"));
        upgraded.Execute("UPDATE assessment SET likelihood = 5 WHERE submission_id = 2");
        Assert.Equal(25L, upgraded.ExecuteScalar<long>("SELECT risk_score FROM submission WHERE id = 2"));

        // And the portal reads it as one round with the plan's 16 workstreams and the accepted suggestion's.
        var reader = new ProgrammeReader(database, new ConfigurationBuilder().Build(), TimeProvider.System);
        var programme = Assert.Single(await reader.ReadAllAsync());
        Assert.Equal("2021-23", programme.Round.Code);
        Assert.Equal(17, programme.Workstreams.Count);
        Assert.Equal("/programmes/2021-23/workstreams/remand-ji-000002", programme.Workstreams.Single(w => w.Origin is not null).Path);
    }

    [Fact]
    public void A_new_database_has_no_programme_year_in_any_check_constraint()
    {
        new DatabaseStartup(database, NullLogger<DatabaseStartup>.Instance).Migrate();

        using var connection = database.Open();
        var schema = string.Join('\n', connection.Query<string>("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"));
        Assert.DoesNotMatch(@"20[2-9][0-9]-[0-9]{2}", schema);
    }

    /// <summary>Every row of every table, by column; the full-text index's own tables are checked through searches.</summary>
    private Dictionary<string, List<Dictionary<string, object?>>> Snapshot()
    {
        using var connection = database.Open();
        var tables = connection.Query<string>(
            """
            SELECT name FROM sqlite_master
             WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'submission_search%' AND name <> 'schema_migrations'
            """);
        return tables.ToDictionary(
            table => table,
            table => connection.Query($"SELECT * FROM \"{table}\"")
                .Select(row => ((IDictionary<string, object?>)row).ToDictionary(c => c.Key, c => c.Value))
                .ToList());
    }

    private static string Canonical(IEnumerable<object?> values) =>
        string.Join('|', values.Select(v => v is null ? "NULL" : $"'{Convert.ToString(v, CultureInfo.InvariantCulture)}'"));

    /// <summary>Data as the portal stored it before rounds, in that schema.</summary>
    private const string BeforeRounds = """
        INSERT INTO submission (id, consultation_id, kind, status, response_to, workstream_id, stance, body_text, body_html,
                                respondent_name, respondent_email, respondent_type, publication_consent, status_token_hash,
                                email_confirmed_at, received_at, protected_status_token)
        VALUES (1, 1, 'response', 'noted', 'workstream', (SELECT id FROM workstream WHERE slug = 'mental-health'), 'support',
                'Yes please', '<p>Yes please</p>', 'Sam Patel', 'sam@example.org', 'individual', 'named', 'hash-1',
                '2026-12-02T10:00:00.000Z', '2026-12-02T09:00:00.000Z', 'protected-1');

        INSERT INTO submission (id, consultation_id, kind, status, title, reason_text, reason_html, lead_inspectorate_code, timing,
                                evidence_links, body_text, body_html, respondent_name, respondent_email, respondent_type,
                                organisation_name, organisation_type, publication_consent, status_token_hash, received_at)
        VALUES (2, 1, 'suggestion', 'received', 'Remand of children in Marrowgate', 'Many are held far from home', '<p>Many are held far from home</p>',
                'hmi-prisons', '2022-23', 'https://example.org/report', 'Look at remand', '<p>Look at remand</p>', 'Alex Jones',
                'alex@example.org', 'organisation', 'Youth Justice Alliance', 'voluntary-community', 'named', 'hash-2',
                '2026-12-03T09:00:00.000Z'),
               (3, 1, 'suggestion', 'received', 'Court delays', 'Victims wait', '<p>Victims wait</p>', NULL, 'later', '',
                'Look at delays', '<p>Look at delays</p>', 'Jo Bloggs', 'jo@example.org', 'individual', NULL, NULL, 'anonymous',
                'hash-3', '2026-12-04T09:00:00.000Z'),
               (4, 1, 'suggestion', 'received', 'Probation caseloads', 'Too many cases', '<p>Too many cases</p>', 'hmi-probation',
                '2021-22', NULL, 'Look at caseloads', '<p>Look at caseloads</p>', 'Lee Chan', 'lee@example.org', 'individual', NULL,
                NULL, 'none', 'hash-4', '2026-12-05T09:00:00.000Z'),
               (5, 1, 'suggestion', 'received', 'Withdrawn', 'Sent by mistake', '<p>Sent by mistake</p>', NULL, 'later', NULL,
                'Mistake', '<p>Mistake</p>', 'Pat Doe', 'pat@example.org', 'individual', NULL, NULL, 'none', 'hash-5',
                '2026-12-05T10:00:00.000Z');
        DELETE FROM submission WHERE id = 5;

        INSERT INTO submission_area_of_focus (submission_id, area_of_focus_code) VALUES (2, 'custodial-conditions');
        INSERT INTO submission_cross_cutting_issue (submission_id, cross_cutting_issue_code) VALUES (2, 'victim-witness-experience');
        INSERT INTO submission_inspectorate (submission_id, inspectorate_code) VALUES (2, 'hmi-prisons'), (2, 'hmi-probation');
        INSERT INTO email_confirmation (token_hash, submission_id, expires_at, used_at)
        VALUES ('confirm-1', 1, '2026-12-09T09:00:00.000Z', '2026-12-02T10:00:00.000Z'), ('confirm-2', 2, '2026-12-10T09:00:00.000Z', NULL);

        INSERT INTO assessment (submission_id, likelihood, impact, programme_year, over_capacity_reason, assessed_by, assessed_at, version)
        VALUES (2, 4, 5, '2022-23', NULL, 'priya.shah@hmi-probation.example', '2026-12-06T09:00:00.000Z', 2),
               (4, 2, 2, '2021-22', NULL, 'priya.shah@hmi-probation.example', '2026-12-06T10:00:00.000Z', 1);
        INSERT INTO assessment_days (submission_id, inspectorate_code, days) VALUES (2, 'hmi-prisons', 80), (2, 'hmi-probation', 40), (4, 'hmi-probation', 10);

        INSERT INTO workstream (slug, title, summary, section, kind, status, programme_year, sort_order, origin_submission_id)
        VALUES ('remand-ji-000002', 'Remand', 'Remand of children', 'proposed', 'inspection', 'proposed', '2022-23', 1002, 2);
        INSERT INTO workstream_participant (workstream_id, inspectorate_code, role)
        VALUES ((SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'hmi-prisons', 'lead'),
               ((SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'hmi-probation', 'supporting');
        INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code)
        VALUES ((SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'custodial-conditions');
        INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days)
        VALUES ((SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'hmi-prisons', '2022-23', 80),
               ((SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'hmi-probation', '2022-23', 40);

        INSERT INTO decision (submission_id, revision, outcome, rationale, workstream_id, workstream_title, deferred_to, decided_by, decided_at)
        VALUES (1, 1, 'noted', 'Thank you', NULL, NULL, NULL, 'justin.russell@hmi-probation.example', '2026-12-07T09:00:00.000Z'),
               (2, 1, 'accept', 'A real risk', (SELECT id FROM workstream WHERE slug = 'remand-ji-000002'), 'Remand', NULL,
                'charlie.taylor@hmi-prisons.example', '2026-12-07T10:00:00.000Z'),
               (3, 1, 'defer', 'Next year', NULL, NULL, '2022-23', 'justin.russell@hmi-probation.example', '2026-12-07T11:00:00.000Z'),
               (3, 2, 'defer', 'Next programme', NULL, NULL, 'next-programme', 'justin.russell@hmi-probation.example', '2026-12-08T11:00:00.000Z'),
               (4, 1, 'merge', 'Part of existing work', (SELECT id FROM workstream WHERE slug = 'mental-health'), 'Mental health', NULL,
                'justin.russell@hmi-probation.example', '2026-12-07T12:00:00.000Z');
        UPDATE submission SET status = 'accepted' WHERE id = 2;
        UPDATE submission SET status = 'deferred' WHERE id = 3;
        UPDATE submission SET status = 'merged' WHERE id = 4;

        INSERT INTO outbox_message (submission_id, purpose, to_address, subject, text_body, html_body, created_at, next_attempt_at, attempts, sent_at)
        VALUES (2, 'outcome', 'alex@example.org', 'Decision on JI-000002', 'Accepted', '<p>Accepted</p>', '2026-12-07T10:00:00.000Z',
                '2026-12-07T10:00:00.000Z', 1, '2026-12-07T10:00:05.000Z');
        INSERT INTO audit_log (at, actor, action, subject, before, after)
        VALUES ('2026-12-07T10:00:00.000Z', 'charlie.taylor@hmi-prisons.example', 'decision.save', 'submission:JI-000002', NULL, '{"outcome":"accept"}');
        """;
}
