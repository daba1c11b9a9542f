using System.Diagnostics;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace JointInspection.Benchmarks;

/// <summary>
/// The ceiling for sending a submission: Microsoft.Data.Sqlite alone, on a connection with the portal's PRAGMAs,
/// writing what the portal writes for a response (the submission, its confirmation token and two outbox rows) in one
/// BEGIN IMMEDIATE transaction per submission, with prepared commands and no HTTP, JSON, validation or rendering.
/// </summary>
internal static class RawInserts
{
    public static double PerSecond(Database database, TimeSpan duration)
    {
        using var connection = (SqliteConnection)database.Open();
        using var submission = Command(connection, """
            INSERT INTO submission (round_id, kind, response_to, stance, body_text, body_html, respondent_name,
                respondent_email, respondent_type, organisation_name, organisation_type, publication_consent, status_token_hash, received_at)
            VALUES ((SELECT min(id) FROM programme_round), 'response', 'programme', 'support-with-changes', $text, $html, 'Sam Patel',
                'load@example.org', 'organisation', 'Victim Support Cymru', 'voluntary-community', 'anonymous', $token, $now)
            RETURNING id
            """, "$text", "$html", "$token", "$now");
        using var confirmation = Command(connection,
            "INSERT INTO email_confirmation (token_hash, submission_id, expires_at) VALUES ($hash, $id, $expires)", "$hash", "$id", "$expires");
        using var outbox = Command(connection, """
            INSERT INTO outbox_message (submission_id, purpose, to_address, subject, text_body, html_body, created_at, next_attempt_at)
            VALUES ($id, $purpose, 'load@example.org', $subject, $text, $html, $now, $now)
            """, "$id", "$purpose", "$subject", "$text", "$html", "$now");

        var text = "The programme should look harder at remand.";
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < duration)
        {
            var now = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow);
            using var transaction = (SqliteTransaction)connection.BeginWrite();
            foreach (var command in new[] { submission, confirmation, outbox })
            {
                command.Transaction = transaction;
            }

            Set(submission, text, $"<p>{text}</p>", Guid.NewGuid().ToString("N"), now);
            var id = (long)submission.ExecuteScalar()!;
            Set(confirmation, Guid.NewGuid().ToString("N"), id, now);
            confirmation.ExecuteNonQuery();
            foreach (var purpose in new[] { "acknowledgement", "email-confirmation" })
            {
                Set(outbox, id, purpose, $"Subject for {id}", text, $"<p>{text}</p>", now);
                outbox.ExecuteNonQuery();
            }

            transaction.Commit();
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
