using System.Data;
using System.Data.Common;
using System.Diagnostics;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Benchmarks;

/// <summary>
/// The ceiling for sending a submission: the database's own driver alone (Microsoft.Data.Sqlite on a connection with the
/// portal's PRAGMAs, or Npgsql), writing what the portal writes for a response (the submission, its confirmation token
/// and two outbox rows) in one transaction per submission, with prepared commands and no HTTP, JSON, validation or
/// rendering. On SQLite the transaction is BEGIN IMMEDIATE, which the database needs for a write; on PostgreSQL it is a
/// plain one, without the portal's writers' lock, so the ceiling is the database's own cost of the rows.
/// </summary>
internal static class RawInserts
{
    /// <summary>What the ceiling is, as printed beside it.</summary>
    public static string Describe(Database database) =>
        database.IsPostgreSql ? "raw Npgsql" : "raw Microsoft.Data.Sqlite";

    public static double PerSecond(Database database, TimeSpan duration)
    {
        using var connection = database.Open();
        using var submission = Command(connection, """
            INSERT INTO submission (round_id, kind, response_to, stance, body_text, body_html, respondent_name,
                respondent_email, respondent_type, organisation_name, organisation_type, publication_consent, status_token_hash, received_at)
            VALUES ((SELECT min(id) FROM programme_round), 'response', 'programme', 'support-with-changes', @text, @html, 'Sam Patel',
                'load@example.org', 'organisation', 'Victim Support Cymru', 'voluntary-community', 'anonymous', @token, @now)
            RETURNING id
            """, ("@text", DbType.String), ("@html", DbType.String), ("@token", DbType.String), ("@now", DbType.String));
        using var confirmation = Command(connection,
            "INSERT INTO email_confirmation (token_hash, submission_id, expires_at) VALUES (@hash, @id, @expires)",
            ("@hash", DbType.String), ("@id", DbType.Int64), ("@expires", DbType.String));
        using var outbox = Command(connection, """
            INSERT INTO outbox_message (submission_id, purpose, to_address, subject, text_body, html_body, created_at, next_attempt_at)
            VALUES (@id, @purpose, 'load@example.org', @subject, @text, @html, @now, @now)
            """, ("@id", DbType.Int64), ("@purpose", DbType.String), ("@subject", DbType.String), ("@text", DbType.String),
            ("@html", DbType.String), ("@now", DbType.String));

        var text = "The programme should look harder at remand.";
        var clock = Stopwatch.StartNew();
        var count = 0;
        while (clock.Elapsed < duration)
        {
            var now = DateTimeHandlers.ToStoredText(DateTimeOffset.UtcNow);
            using var transaction = database.IsPostgreSql ? connection.BeginTransaction() : connection.BeginWrite();
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

    // Typed parameters, so that Npgsql prepares each statement once for good rather than for the first values' types.
    private static DbCommand Command(DbConnection connection, string sql, params (string Name, DbType Type)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        command.Prepare();
        return command;
    }

    private static void Set(DbCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }
}
