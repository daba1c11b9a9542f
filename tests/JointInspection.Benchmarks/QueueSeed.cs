using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace JointInspection.Benchmarks;

/// <summary>
/// Plausible submissions written fast: one transaction, each statement prepared once and rerun. About 70% responses
/// and 30% suggestions (with their areas and inspectorates), 40% from organisations, half confirmed, and one in 25
/// assessed, so that the 0007 triggers set its risk score and status as an assessment in the app does.
/// </summary>
internal static partial class QueueSeed
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

    public static void Insert(Database database, int count)
    {
        var random = new Random(2021);
        using var connection = (SqliteConnection)database.Open();
        var workstreams = connection.Query<long>("SELECT id FROM workstream").ToArray();
        var areas = connection.Query<string>("SELECT code FROM area_of_focus").ToArray();
        var inspectorates = connection.Query<string>("SELECT code FROM inspectorate").ToArray();
        var leads = connection.Query<string>("SELECT code FROM inspectorate WHERE kind = 'criminal-justice'").ToArray();
        var round = connection.ExecuteScalar<long>("SELECT min(id) FROM programme_round");
        var years = connection.Query<string>("SELECT DISTINCT programme_year FROM inspectorate_capacity WHERE round_id = @round ORDER BY 1", new { round }).ToArray();
        string[] timings = [.. years, SubmissionChoices.Later, SubmissionChoices.DontKnow];

        // Everything goes in one transaction; with SQLite's default 2 MB page cache it would spill to the WAL midway.
        connection.Execute("PRAGMA cache_size = -262144");

        using var transaction = (SqliteTransaction)connection.BeginWrite();
        using var submission = Prepare(connection, transaction, """
            INSERT INTO submission (
                round_id, kind, response_to, area_of_focus_code, workstream_id, stance,
                title, reason_text, reason_html, lead_inspectorate_code, timing, body_text, body_html,
                respondent_name, respondent_email, respondent_type, organisation_name, organisation_type,
                publication_consent, status_token_hash, email_confirmed_at, received_at)
            VALUES (
                $round, $kind, $responseTo, $area, $workstream, $stance,
                $title, $reason, $reasonHtml, $lead, $timing, $body, $bodyHtml,
                $name, $email, $respondentType, $organisationName, $organisationType,
                $consent, $tokenHash, $confirmedAt, $receivedAt)
            RETURNING id
            """);
        using var area = Prepare(connection, transaction,
            "INSERT INTO submission_area_of_focus (submission_id, area_of_focus_code) VALUES ($id, $code)");
        using var inspectorate = Prepare(connection, transaction,
            "INSERT INTO submission_inspectorate (submission_id, inspectorate_code) VALUES ($id, $code)");
        using var assessment = Prepare(connection, transaction, """
            INSERT INTO assessment (submission_id, likelihood, impact, programme_year, assessed_by, assessed_at, version)
            VALUES ($id, $likelihood, $impact, $year, 'priya.shah@hmi-probation.example', $at, 1)
            """);

        var start = new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < count; i++)
        {
            var suggestion = random.NextDouble() < 0.3;
            var organisation = random.NextDouble() < 0.4;
            var receivedAt = start.AddSeconds((i * 60) + random.Next(60));
            var responseTo = suggestion ? null : Pick(random, SubmissionChoices.ResponseTo).Code;
            var body = Text(random, 20, 80);
            var reason = suggestion ? Text(random, 15, 40) : null;
            var id = (long)Run(submission,
                ("$round", round),
                ("$kind", suggestion ? "suggestion" : "response"),
                ("$responseTo", responseTo),
                ("$area", responseTo == "area-of-focus" ? Pick(random, areas) : null),
                ("$workstream", responseTo == "workstream" ? Pick(random, workstreams) : null),
                ("$stance", suggestion ? null : Pick(random, SubmissionChoices.Stances).Code),
                ("$title", suggestion ? Text(random, 3, 8) : null),
                ("$reason", reason),
                ("$reasonHtml", reason is null ? null : $"<p>{reason}</p>"),
                ("$lead", suggestion && random.NextDouble() < 0.75 ? Pick(random, leads) : null),
                ("$timing", suggestion ? Pick(random, timings) : null),
                ("$body", body),
                ("$bodyHtml", $"<p>{body}</p>"),
                ("$name", $"Respondent {i}"),
                ("$email", $"respondent{i % 20_000}@example.org"),
                ("$respondentType", organisation ? "organisation" : "individual"),
                ("$organisationName", organisation ? Pick(random, OrganisationNames) : null),
                ("$organisationType", organisation ? Pick(random, SubmissionChoices.OrganisationTypes).Code : null),
                ("$consent", Pick(random, SubmissionChoices.PublicationConsents).Code),
                ("$tokenHash", Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i)))),
                ("$confirmedAt", random.NextDouble() < 0.5 ? DateTimeHandlers.ToStoredText(receivedAt.AddMinutes(random.Next(1, 600))) : null),
                ("$receivedAt", DateTimeHandlers.ToStoredText(receivedAt)))!;

            if (suggestion)
            {
                foreach (var code in random.GetItems(areas, random.Next(1, 3)).Distinct())
                {
                    Run(area, ("$id", id), ("$code", code));
                }

                foreach (var code in random.GetItems(inspectorates, random.Next(1, 4)).Distinct())
                {
                    Run(inspectorate, ("$id", id), ("$code", code));
                }
            }

            if (i % 25 == 0)
            {
                Run(assessment, ("$id", id), ("$likelihood", random.Next(1, 6)), ("$impact", random.Next(1, 6)),
                    ("$year", Pick(random, years)),
                    ("$at", DateTimeHandlers.ToStoredText(receivedAt.AddDays(2))));
            }
        }

        transaction.Commit();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in Parameter().Matches(sql).Select(match => match.Value).Distinct())
        {
            command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
        }

        command.Prepare();
        return command;
    }

    private static object? Run(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command.ExecuteScalar();
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

    [GeneratedRegex(@"\$\w+")]
    private static partial Regex Parameter();
}
