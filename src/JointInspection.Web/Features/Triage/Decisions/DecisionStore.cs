using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// One decision as stored. Workstream is the proposed workstream (accept) or the one merged into. Version counts the
/// decisions on the submission: a revision must name the version it revises.
/// </summary>
public sealed record DecisionRecord(
    long Version, string Outcome, string Rationale, string? WorkstreamSlug, string? WorkstreamTitle, string? DeferredTo,
    string? OverCapacityReason, string DecidedBy, DateTimeOffset DecidedAt, string? WorkstreamPath = null);

/// <summary>What recording a decision came to, said outright.</summary>
public abstract record DecisionResult
{
    private DecisionResult()
    {
    }

    /// <summary>Stored: the decision now current, with its new version.</summary>
    public sealed record Saved(DecisionRecord Decision) : DecisionResult;

    /// <summary>Someone decided first: the decision now current, or null when the version sent never existed.</summary>
    public sealed record Conflict(DecisionRecord? Current) : DecisionResult;

    /// <summary>Refused by a rule only the stored data can answer, with what to fix by field.</summary>
    public sealed record Invalid(IReadOnlyDictionary<string, string> Errors) : DecisionResult;
}

/// <summary>
/// Records decisions. Everything a decision changes is written in one BEGIN IMMEDIATE transaction, together with the
/// check that nobody decided in between and the rules only the stored data can answer (<see cref="DecisionChecks"/>):
/// the decision row and the submission's status here, the proposed workstream and the capacity it draws by the
/// programme slice, the outcome email by the outbox, the audit entry by Audit.
/// </summary>
public sealed class DecisionStore(
    Database database, Outbox outbox, TimeProvider clock, ProgrammeReader programmes, StatusLinks statusLinks)
{
    /// <summary>Every decision on the submission, newest first.</summary>
    public async Task<IReadOnlyList<DecisionRecord>> HistoryAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await HistoryAsync(connection, null, submissionId);
    }

    /// <summary>The decision in force now, or null when there is none yet.</summary>
    public async Task<DecisionRecord?> CurrentAsync(long submissionId, CancellationToken cancellationToken) =>
        await HistoryAsync(submissionId, cancellationToken) is [var current, ..] ? current : null;

    /// <summary>
    /// The oldest submission still waiting for a decision, other than the one just decided: where a chief inspector goes
    /// next. Decisions are only ever added, so a submission with no decision row has none yet.
    /// </summary>
    public async Task<long?> NextUndecidedAsync(long justDecided, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT min(s.id) FROM submission s
             WHERE s.id <> @justDecided AND NOT EXISTS (SELECT 1 FROM decision d WHERE d.submission_id = s.id)
            """,
            new { justDecided }, cancellationToken: cancellationToken));
    }

    public async Task<DecisionResult> DecideAsync(long submissionId, ValidDecision decision, string actor, Uri publicBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        var history = await HistoryAsync(connection, transaction, submissionId);
        var before = history.Count > 0 ? history[0] : null;
        if ((before?.Version ?? 0) != decision.Version)
        {
            return new DecisionResult.Conflict(before);
        }

        var checkedDecision = await DecisionChecks.CheckAsync(connection, transaction, submissionId, decision);
        if (checkedDecision.Errors.Count > 0)
        {
            return new DecisionResult.Invalid(checkedDecision.Errors);
        }

        var submission = await connection.QuerySingleAsync<SubmissionRow>(
            """
            SELECT kind AS Kind, title AS Title, respondent_name AS RespondentName, respondent_email AS RespondentEmail,
                   protected_status_token AS ProtectedStatusToken
              FROM submission WHERE id = @submissionId
            """,
            new { submissionId }, transaction);
        var now = clock.GetUtcNow();
        var reference = SubmissionReference.Format(submissionId);
        long? workstreamId = decision.MergeInto;
        if (decision.Workstream is { } proposed)
        {
            workstreamId = await WorkstreamStore.WriteProposedAsync(
                connection, transaction, submissionId, Slug(proposed.Title, reference), proposed.AsProposal(), checkedDecision.DrawnDays);
        }
        else
        {
            await WorkstreamStore.WithdrawProposedAsync(connection, transaction, submissionId, now);
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO decision (submission_id, version, outcome, rationale, workstream_id, workstream_title, deferred_to, over_capacity_reason, decided_by, decided_at)
            VALUES (@submissionId, @version, @Outcome, @Rationale, @workstreamId, (SELECT title FROM workstream WHERE id = @workstreamId),
                    @DeferTo, @OverCapacityReason, @actor, @now)
            """,
            new { submissionId, version = decision.Version + 1, decision.Outcome, decision.Rationale, workstreamId, decision.DeferTo, decision.OverCapacityReason, actor, now },
            transaction);
        await connection.ExecuteAsync(
            "UPDATE submission SET status = @status WHERE id = @submissionId",
            new { status = DecisionOutcome.Status(decision.Outcome), submissionId },
            transaction);

        var after = (await HistoryAsync(connection, transaction, submissionId))[0];
        var workstreamLink = after.WorkstreamPath is null ? null : PortalPaths.Absolute(publicBase, after.WorkstreamPath);
        var statusLink = statusLinks.PathFor(submission.ProtectedStatusToken) is { } statusPath ? PortalPaths.Absolute(publicBase, statusPath) : null;
        await outbox.AddAsync(connection, transaction, DecisionEmails.Outcome(
            submissionId, reference, submission.Kind, submission.Title, submission.RespondentEmail, submission.RespondentName, after, before, workstreamLink, statusLink), now);
        await Audit.WriteAsync(connection, transaction, now, actor, "decision.save", $"submission:{reference}", before is null ? null : new { decision = before }, new { decision = after, workstream = decision.Workstream });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        outbox.Committed();
        return new DecisionResult.Saved(after);
    }

    private static async Task<IReadOnlyList<DecisionRecord>> HistoryAsync(SqliteConnection connection, SqliteTransaction? transaction, long submissionId)
    {
        var rows = await connection.QueryAsync<DecisionRow>(
            """
            SELECT d.version AS Version, d.outcome AS Outcome, d.rationale AS Rationale, w.slug AS WorkstreamSlug, d.workstream_title AS WorkstreamTitle,
                   d.deferred_to AS DeferredTo, d.over_capacity_reason AS OverCapacityReason, d.decided_by AS DecidedBy, d.decided_at AS DecidedAt,
                   r.first_year AS WorkstreamRoundYear
              FROM decision d LEFT JOIN workstream w ON w.id = d.workstream_id LEFT JOIN programme_round r ON r.id = w.round_id
             WHERE d.submission_id = @submissionId
             ORDER BY d.version DESC
            """,
            new { submissionId }, transaction);
        return rows.Select(r => new DecisionRecord(
            r.Version, r.Outcome, r.Rationale, r.WorkstreamSlug, r.WorkstreamTitle, r.DeferredTo, r.OverCapacityReason, r.DecidedBy, r.DecidedAt,
            r.WorkstreamSlug is { } slug && r.WorkstreamRoundYear is { } year ? PortalPaths.Workstream(ProgrammeRound.CodeFor((int)year), slug) : null)).ToList();
    }

    /// <summary>"girls-in-youth-custody-ji-000123": readable, and unique because the reference is.</summary>
    public static string Slug(string title, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var words = WorkstreamStore.SlugWords(title);
        var tail = reference.ToLowerInvariant();
        return words.Length == 0 ? tail : $"{words}-{tail}";
    }

    private sealed class SubmissionRow
    {
        public string Kind { get; init; } = "";

        public string? Title { get; init; }

        public string RespondentName { get; init; } = "";

        public string RespondentEmail { get; init; } = "";

        public string? ProtectedStatusToken { get; init; }
    }

    private sealed class DecisionRow
    {
        public long Version { get; init; }

        public string Outcome { get; init; } = "";

        public string Rationale { get; init; } = "";

        public string? WorkstreamSlug { get; init; }

        public string? WorkstreamTitle { get; init; }

        public string? DeferredTo { get; init; }

        public string? OverCapacityReason { get; init; }

        public string DecidedBy { get; init; } = "";

        public DateTimeOffset DecidedAt { get; init; }

        public long? WorkstreamRoundYear { get; init; }
    }
}
