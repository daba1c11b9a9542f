using System.Security.Cryptography;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace JointInspection.Benchmarks;

/// <summary>
/// Plausible submissions written fast, on SQLite or PostgreSQL: all made first, then each table written in one
/// transaction (prepared INSERTs on SQLite, binary COPY on PostgreSQL). About 70% responses
/// and 30% suggestions (with their areas and inspectorates), 40% from organisations, half confirmed, and one in 25
/// assessed, so that the 0007 triggers set its risk score and status as an assessment in the app does.
/// </summary>
internal static class QueueSeed
{
    // Drawn by rank, the first far more often than the last, as words are in real text: a search for two
    // mid-list words then finds a realistic share, neither nearly every submission nor almost none.
    private static readonly string[] Words =
    [
        "the", "and", "of", "to", "in", "that", "victims", "support", "prison", "police", "court", "probation", "youth",
        "custody", "mental", "health", "women", "girls", "drugs", "violence", "housing", "release", "supervision",
        "prosecution", "evidence", "delay", "witness", "rehabilitation", "training", "staff", "disclosure", "domestic",
        "abuse", "neurodiversity", "race", "equality", "families", "remand", "recall", "hostel", "education",
        "employment", "transfer", "restorative", "trauma", "Wales", "interpreters", "bail",
    ];

    private static readonly double[] Cumulative = Words.Select((_, rank) => 1.0 / (rank + 1)).ToArray().CumulativeSum();

    private static readonly string[] OrganisationNames =
        ["Victim Support Cymru", "Prison Reform Network", "Youth Justice Alliance", "Howard Street Trust", "Safer Homes"];

    /// <summary>
    /// With <paramref name="texts"/>, each body is its next text and each suggestion's reason one of its sentences,
    /// rather than words drawn at random.
    /// </summary>
    public static void Insert(Database database, int count, ConsultationTexts? texts = null)
    {
        var random = new Random(2021);
        using var connection = database.Open();
        var workstreams = connection.Query<long>("SELECT id FROM workstream").ToArray();
        var areas = connection.Query<string>("SELECT code FROM area_of_focus").ToArray();
        var inspectorates = connection.Query<string>("SELECT code FROM inspectorate").ToArray();
        var leads = connection.Query<string>("SELECT code FROM inspectorate WHERE kind = 'criminal-justice'").ToArray();
        var round = connection.ExecuteScalar<long>("SELECT min(id) FROM programme_round");
        var years = connection.Query<string>("SELECT DISTINCT programme_year FROM inspectorate_capacity WHERE round_id = @round ORDER BY 1", new { round }).ToArray();
        string[] timings = [.. years, SubmissionChoices.Later, SubmissionChoices.DontKnow];

        // The ids are given, as AUTOINCREMENT or the identity would give them, so that every row can be made before
        // any is written and each table written in one go: PostgreSQL's COPY takes a table at a time.
        var firstId = connection.ExecuteScalar<long>("SELECT coalesce(max(id), 0) + 1 FROM submission");
        var submissions = new Table("submission", [
            "id", "round_id", "kind", "response_to", "area_of_focus_code", "workstream_id", "stance",
            "title", "reason_text", "reason_html", "lead_inspectorate_code", "timing", "body_text", "body_html",
            "respondent_name", "respondent_email", "respondent_type", "organisation_name", "organisation_type",
            "publication_consent", "status_token_hash", "email_confirmed_at", "received_at"]);
        var submissionAreas = new Table("submission_area_of_focus", ["submission_id", "area_of_focus_code"]);
        var submissionInspectorates = new Table("submission_inspectorate", ["submission_id", "inspectorate_code"]);
        var assessments = new Table("assessment", ["submission_id", "likelihood", "impact", "programme_year", "assessed_by", "assessed_at", "version"]);

        var start = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var id = firstId + i;
            var suggestion = random.NextDouble() < 0.3;
            var organisation = random.NextDouble() < 0.4;
            var receivedAt = start.AddSeconds((i * 60) + random.Next(60));
            var responseTo = suggestion ? null : Pick(random, SubmissionChoices.ResponseTo).Code;
            var body = texts?.Next() ?? Text(random, 20, 80);
            var reason = suggestion ? texts?.Reason() ?? Text(random, 15, 40) : null;
            submissions.Add(
                id,
                round,
                suggestion ? "suggestion" : "response",
                responseTo,
                responseTo == "area-of-focus" ? Pick(random, areas) : null,
                responseTo == "workstream" ? Pick(random, workstreams) : null,
                suggestion ? null : Pick(random, SubmissionChoices.Stances).Code,
                suggestion ? Text(random, 3, 8) : null,
                reason,
                reason is null ? null : $"<p>{reason}</p>",
                suggestion && random.NextDouble() < 0.75 ? Pick(random, leads) : null,
                suggestion ? Pick(random, timings) : null,
                body,
                $"<p>{body}</p>",
                $"Respondent {i}",
                $"respondent{i % 20_000}@example.org",
                organisation ? "organisation" : "individual",
                organisation ? Pick(random, OrganisationNames) : null,
                organisation ? Pick(random, SubmissionChoices.OrganisationTypes).Code : null,
                Pick(random, SubmissionChoices.PublicationConsents).Code,
                Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))),
                random.NextDouble() < 0.5 ? DateTimeHandlers.ToStoredText(receivedAt.AddMinutes(random.Next(1, 600))) : null,
                DateTimeHandlers.ToStoredText(receivedAt));

            if (suggestion)
            {
                foreach (var code in random.GetItems(areas, random.Next(1, 3)).Distinct())
                {
                    submissionAreas.Add(id, code);
                }

                foreach (var code in random.GetItems(inspectorates, random.Next(1, 4)).Distinct())
                {
                    submissionInspectorates.Add(id, code);
                }
            }

            if (i % 25 == 0)
            {
                assessments.Add(id, (long)random.Next(1, 6), (long)random.Next(1, 6), Pick(random, years),
                    "priya.shah@hmi-probation.example", DateTimeHandlers.ToStoredText(receivedAt.AddDays(2)), 1L);
            }
        }

        // The submissions first, for the rows that refer to them; the assessments' triggers then set each one's risk
        // score and status, as an assessment in the app does.
        Table[] tables = [submissions, submissionAreas, submissionInspectorates, assessments];
        if (connection is NpgsqlConnection postgres)
        {
            Copy(postgres, tables);
        }
        else
        {
            Insert((SqliteConnection)connection, tables);
        }
    }

    /// <summary>SQLite: one transaction, each table's INSERT prepared once and rerun.</summary>
    private static void Insert(SqliteConnection connection, Table[] tables)
    {
        // Everything goes in one transaction; with SQLite's default 2 MB page cache it would spill to the WAL midway.
        connection.Execute("PRAGMA cache_size = -262144");
        using var transaction = connection.BeginWrite();
        foreach (var table in tables)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", table.Columns.Select(column => "$" + column))})";
            var parameters = table.Columns.Select(column => insert.Parameters.Add(new SqliteParameter("$" + column, DBNull.Value))).ToArray();
            insert.Prepare();
            foreach (var row in table.Rows)
            {
                for (var i = 0; i < row.Length; i++)
                {
                    parameters[i].Value = row[i] ?? DBNull.Value;
                }

                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    /// <summary>
    /// PostgreSQL: one transaction, each table by binary COPY (its row triggers still run, so the search document and
    /// the risk scores are made), then the identity moved past the given ids. Then VACUUM ANALYZE, as autovacuum would
    /// soon do after so many inserts: the planner gets its statistics and the visibility map is set, so the queue is
    /// measured with the plans and index-only scans it would have in service.
    /// </summary>
    private static void Copy(NpgsqlConnection connection, Table[] tables)
    {
        using (var transaction = connection.BeginTransaction())
        {
            foreach (var table in tables)
            {
                using var copy = connection.BeginBinaryImport($"COPY {table.Name} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT BINARY)");
                foreach (var row in table.Rows)
                {
                    copy.StartRow();
                    foreach (var value in row)
                    {
                        switch (value)
                        {
                            case null: copy.WriteNull(); break;
                            case long number: copy.Write(number, NpgsqlDbType.Bigint); break;
                            case string text: copy.Write(text, NpgsqlDbType.Text); break;
                            default: throw new InvalidOperationException($"No column type for {value.GetType()} in {table.Name}.");
                        }
                    }
                }

                copy.Complete();
            }

            connection.Execute("SELECT setval(pg_get_serial_sequence('submission', 'id'), (SELECT max(id) FROM submission))", transaction: transaction);
            transaction.Commit();
        }

        using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        analyze.ExecuteNonQuery();
    }

    /// <summary>The rows to write into one table, in the order of its columns.</summary>
    private sealed record Table(string Name, string[] Columns)
    {
        public List<object?[]> Rows { get; } = [];

        public void Add(params object?[] values) => Rows.Add(values);
    }

    private static string Text(Random random, int minWords, int maxWords) =>
        string.Join(' ', Enumerable.Range(0, random.Next(minWords, maxWords + 1)).Select(_ => Word(random)));

    private static string Word(Random random)
    {
        var index = Array.BinarySearch(Cumulative, random.NextDouble() * Cumulative[^1]);
        return Words[index < 0 ? ~index : index];
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static double[] CumulativeSum(this double[] weights)
    {
        var total = 0.0;
        return weights.Select(weight => total += weight).ToArray();
    }
}
