using System.Data.Common;
using System.Text.Json;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>What saving or rejecting a recommendation came to, said outright.</summary>
public abstract record RecommendationResult
{
    private RecommendationResult()
    {
    }

    /// <summary>Written: the recommendation as it now stands.</summary>
    public sealed record Done(RecommendationRecord Recommendation) : RecommendationResult;

    /// <summary>
    /// Someone else got there first (or the version sent never existed): the recommendation in force now, or null when
    /// there is none. Nothing was written.
    /// </summary>
    public sealed record Conflict(RecommendationRecord? Current) : RecommendationResult;
}

/// <summary>
/// The secretariat's recommendations, in this slice's own table. Each change is one BEGIN IMMEDIATE transaction holding
/// the check that nobody changed the recommendation in between, the write and its audit entry. Nothing here queues an
/// email: a recommendation is a draft, and only a decision reaches the respondent.
/// </summary>
public sealed class RecommendationStore(Database database, TimeProvider clock)
{
    public const string SaveAction = "recommendation.save";
    public const string RejectAction = "recommendation.reject";
    public const string TakeAction = "recommendation.take";

    /// <summary>The recommendation in force (the highest version, whatever its fate), or null when there is none.</summary>
    public async Task<RecommendationRecord?> CurrentAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await CurrentAsync(connection, null, submissionId);
    }

    /// <summary>The recommendation in force while it is still open: the one a decision may start from.</summary>
    public async Task<RecommendationRecord?> OpenAsync(long submissionId, CancellationToken cancellationToken) =>
        await CurrentAsync(submissionId, cancellationToken) is { IsOpen: true } open ? open : null;

    /// <summary>
    /// Saves a recommendation as the next version when <see cref="ValidDecision.Version"/> is the one in force (0 for
    /// none). A new version is open again, whatever became of the one it replaces.
    /// </summary>
    public async Task<RecommendationResult> SaveAsync(long submissionId, ValidDecision recommendation, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var before = await CurrentAsync(connection, transaction, submissionId);
        if ((before?.Version ?? 0) != recommendation.Version)
        {
            return new RecommendationResult.Conflict(before);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            INSERT INTO recommendation (submission_id, version, outcome, rationale, workstream, merge_into, defer_to, over_capacity_reason, recommended_by, recommended_at)
            VALUES (@submissionId, @version, @Outcome, @Rationale, @workstream, @MergeInto, @DeferTo, @OverCapacityReason, @actor, @now)
            """,
            new
            {
                submissionId,
                version = recommendation.Version + 1,
                recommendation.Outcome,
                recommendation.Rationale,
                workstream = recommendation.Workstream is null ? null : JsonSerializer.Serialize(recommendation.Workstream),
                recommendation.MergeInto,
                recommendation.DeferTo,
                recommendation.OverCapacityReason,
                actor,
                now,
            },
            transaction);
        return await FinishAsync(connection, transaction, submissionId, now, actor, SaveAction, before, cancellationToken);
    }

    /// <summary>
    /// A chief inspector rejects the open recommendation they read (its version), with their reason. One that has changed
    /// or been settled since is a conflict, so nobody rejects what they have not seen.
    /// </summary>
    public async Task<RecommendationResult> RejectAsync(long submissionId, long version, string reason, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var before = await CurrentAsync(connection, transaction, submissionId);
        if (before is not { IsOpen: true } || before.Version != version)
        {
            return new RecommendationResult.Conflict(before);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            UPDATE recommendation SET status = @rejected, rejection_reason = @reason, closed_by = @actor, closed_at = @now
             WHERE submission_id = @submissionId AND version = @version
            """,
            new { rejected = RecommendationStatus.Rejected, reason, actor, now, submissionId, version },
            transaction);
        return await FinishAsync(connection, transaction, submissionId, now, actor, RejectAction, before, cancellationToken);
    }

    /// <summary>
    /// What recording a decision does to the recommendation its form started from (version <paramref name="version"/>),
    /// in the decision's own transaction: marks it taken, naming the decision, if it is still the open one; a
    /// recommendation changed or settled meanwhile is left as it is, since the decision did not start from it. Null when
    /// the decision started from none.
    /// </summary>
    public static DecisionAlsoWrites? Taking(long? version, string actor) => version is not { } started
        ? null
        : (connection, transaction, submissionId, decision, now) => MarkTakenAsync(connection, transaction, submissionId, started, decision, actor, now);

    private static async Task MarkTakenAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, long version, DecisionRecord decision, string actor, DateTimeOffset now)
    {
        var before = await CurrentAsync(connection, transaction, submissionId);
        if (before is not { IsOpen: true } || before.Version != version)
        {
            return;
        }

        await connection.ExecuteAsync(
            """
            UPDATE recommendation SET status = @taken, taken_in_decision = @decisionVersion, closed_by = @actor, closed_at = @now
             WHERE submission_id = @submissionId AND version = @version
            """,
            new { taken = RecommendationStatus.Taken, decisionVersion = decision.Version, actor, now, submissionId, version },
            transaction);
        await AuditAsync(connection, transaction, submissionId, now, actor, TakeAction, before, new { decision.Version, decision.Outcome });
    }

    /// <summary>Audits the change and commits.</summary>
    private static async Task<RecommendationResult> FinishAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, DateTimeOffset now, string actor, string action,
        RecommendationRecord? before, CancellationToken cancellationToken)
    {
        var after = await AuditAsync(connection, transaction, submissionId, now, actor, action, before);
        await transaction.CommitAsync(cancellationToken);
        return new RecommendationResult.Done(after);
    }

    /// <summary>Reads back what was written and audits the change with before and after (and, when taken, the decision it went into).</summary>
    private static async Task<RecommendationRecord> AuditAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, DateTimeOffset now, string actor, string action,
        RecommendationRecord? before, object? decision = null)
    {
        var after = (await CurrentAsync(connection, transaction, submissionId))!;
        await Audit.WriteAsync(
            connection, transaction, now, actor, action, $"submission:{SubmissionReference.Format(submissionId)}",
            before is null ? null : new { recommendation = before }, decision is null ? new { recommendation = after } : new { recommendation = after, decision });
        return after;
    }

    private static async Task<RecommendationRecord?> CurrentAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        var row = await connection.QuerySingleOrDefaultAsync<Row>(
            """
            SELECT r.version AS Version, r.outcome AS Outcome, r.rationale AS Rationale, r.workstream AS Workstream,
                   w.slug AS MergeIntoSlug, w.title AS MergeIntoTitle, r.defer_to AS DeferTo, r.over_capacity_reason AS OverCapacityReason,
                   r.recommended_by AS RecommendedBy, rb.name AS RecommendedByName, r.recommended_at AS RecommendedAt,
                   r.status AS Status, r.closed_by AS ClosedBy, cb.name AS ClosedByName, r.closed_at AS ClosedAt,
                   r.rejection_reason AS RejectionReason, r.taken_in_decision AS TakenInDecision
              FROM recommendation r
              LEFT JOIN workstream w ON w.id = r.merge_into
              LEFT JOIN staff_member rb ON rb.email = r.recommended_by
              LEFT JOIN staff_member cb ON cb.email = r.closed_by
             WHERE r.submission_id = @submissionId
             ORDER BY r.version DESC
             LIMIT 1
            """,
            new { submissionId }, transaction);
        return row is null ? null : new RecommendationRecord(
            row.Version, row.Outcome, row.Rationale, row.Workstream is null ? null : JsonSerializer.Deserialize<ValidWorkstream>(row.Workstream),
            row.MergeIntoSlug, row.MergeIntoTitle, row.DeferTo, row.OverCapacityReason, row.RecommendedBy, row.RecommendedByName, row.RecommendedAt,
            row.Status, row.ClosedBy, row.ClosedByName, row.ClosedAt, row.RejectionReason, row.TakenInDecision);
    }

    private sealed class Row
    {
        public long Version { get; init; }

        public string Outcome { get; init; } = "";

        public string Rationale { get; init; } = "";

        public string? Workstream { get; init; }

        public string? MergeIntoSlug { get; init; }

        public string? MergeIntoTitle { get; init; }

        public string? DeferTo { get; init; }

        public string? OverCapacityReason { get; init; }

        public string RecommendedBy { get; init; } = "";

        public string? RecommendedByName { get; init; }

        public DateTimeOffset RecommendedAt { get; init; }

        public string Status { get; init; } = "";

        public string? ClosedBy { get; init; }

        public string? ClosedByName { get; init; }

        public DateTimeOffset? ClosedAt { get; init; }

        public string? RejectionReason { get; init; }

        public long? TakenInDecision { get; init; }
    }
}
