using System.Data.Common;
using System.Globalization;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Retention;

/// <summary>What a pass did: removed the personal data of so many submissions, or left the day to the node that claimed it.</summary>
public sealed record RetentionPassResult(string Day, bool Ran, int Removed);

/// <summary>
/// One day's retention pass. The first node to start the day claims it (a retention_run row, written once); the others
/// leave it. The pass lets go of what only served the rate limits and the journeys (ended rate-limit windows, expired
/// idempotency keys and drafts), then removes the personal data of every submission whose round concluded
/// <see cref="RetentionPeriod"/> ago or more, in batches, each one transaction with one audit entry a submission.
/// </summary>
public sealed class RetentionPass(
    Database database, PersonalDataRemoval removal, RetentionPeriod period, PortalNode node, SubmissionRateLimit rateLimit, TimeProvider clock)
{
    public const string Actor = "portal";

    public const string Action = "personal-data.remove";

    /// <summary>Submissions a transaction: each batch holds the writers' lock for a moment, not for the whole backlog.</summary>
    public const int BatchSize = 500;

    public async Task<RetentionPassResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!await ClaimAsync(day, now, cancellationToken))
        {
            return new RetentionPassResult(day, false, 0);
        }

        await ForgetExpiredAsync(now, cancellationToken);
        var removed = 0;
        int batch;
        while ((batch = await RemoveBatchAsync(now, cancellationToken)) > 0)
        {
            removed += batch;
        }

        await using (var connection = await database.OpenForWriteAsync(cancellationToken))
        await using (var transaction = await connection.BeginWriteAsync(cancellationToken))
        {
            await connection.ExecuteAsync(Command(
                "UPDATE retention_run SET finished_at = @now, removed = @removed WHERE run_on = @day AND claimed_by = @node",
                new { day, node = node.Name, now = clock.GetUtcNow(), removed }, transaction, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        return new RetentionPassResult(day, true, removed);
    }

    /// <summary>
    /// The day is this node's if it is the first to claim it, or claimed it before and did not finish (a pass that the
    /// database interrupted is carried on). A node that stops mid-pass leaves the rest to the next day's pass.
    /// </summary>
    private async Task<bool> ClaimAsync(string day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var claimed = await connection.QueryAsync<string>(Command(
            """
            INSERT INTO retention_run (run_on, claimed_by, started_at) VALUES (@day, @node, @now)
            ON CONFLICT (run_on) DO UPDATE SET started_at = excluded.started_at
             WHERE retention_run.claimed_by = excluded.claimed_by AND retention_run.finished_at IS NULL
            RETURNING run_on
            """,
            new { day, node = node.Name, now }, transaction, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return claimed.Any();
    }

    /// <summary>
    /// Rows keyed by a client's address or holding a journey's answers go once they have served: the stores delete
    /// them as new ones are written, and this makes sure they go on a quiet portal too. A draft saved to come back to
    /// is kept until its consultation closes, when SavedDrafts forgets it.
    /// </summary>
    private async Task ForgetExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var windowStart = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % rateLimit.Window.Ticks), TimeSpan.Zero);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(Command(
            """
            DELETE FROM submission_rate WHERE window_start < @windowStart;
            DELETE FROM idempotency_key WHERE created_at <= @oldestKey;
            DELETE FROM submission_draft WHERE updated_at < @oldestDraft AND saved_email IS NULL;
            """,
            new { windowStart, oldestKey = now - SubmissionIdempotency.Lifetime, oldestDraft = now - DraftStore.Lifetime },
            transaction,
            cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<int> RemoveBatchAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var due = (await connection.QueryAsync<long>(Command(
            """
            SELECT s.id FROM submission s JOIN programme_round r ON r.id = s.round_id
             WHERE s.personal_data_removed_at IS NULL AND r.concluded_at IS NOT NULL AND r.concluded_at <= @concludedBy
             ORDER BY s.id LIMIT @BatchSize
            """,
            new { concludedBy = period.ConcludedBy(now), BatchSize }, transaction, cancellationToken))).ToList();
        var removed = await removal.RemoveAsync(connection, transaction, due, now, eraseText: false, cancellationToken);
        foreach (var submission in removed)
        {
            await Audit.WriteAsync(
                connection, transaction, now, Actor, Action, $"submission:{submission.Reference}", submission.AuditBefore, submission.AuditAfter);
        }

        await transaction.CommitAsync(cancellationToken);
        return removed.Count;
    }

    private static CommandDefinition Command(string sql, object parameters, DbTransaction transaction, CancellationToken cancellationToken) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
