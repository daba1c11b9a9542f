using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.Data.Sqlite;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>One decision as stored. Workstream is the proposed workstream (accept) or the one merged into.</summary>
public sealed record DecisionRecord(
    long Revision, string Outcome, string Rationale, string? WorkstreamSlug, string? WorkstreamTitle, string? DeferredTo,
    string? OverCapacityReason, string DecidedBy, DateTimeOffset DecidedAt, string? WorkstreamPath = null);

/// <summary>
/// The outcome of a decision: its revision; or, when someone decided first, the decision now current; or the
/// errors that only the stored data can show (no assessment to draw capacity from, capacity exceeded without a reason).
/// </summary>
public sealed record DecisionResult(long? Revision, DecisionRecord? Current, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsConflict => Revision is null && Errors.Count == 0;
}

/// <summary>
/// Records decisions. Everything a decision changes (the decision row, the proposed workstream and the capacity it
/// draws, the submission's status, the outcome email and the audit entry) is written in one BEGIN IMMEDIATE
/// transaction, together with the check that nobody decided in between.
/// </summary>
public sealed class DecisionStore(
    Database database, Outbox outbox, TimeProvider clock, ProgrammeReader programmes, StatusLinks statusLinks)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

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
        if ((before?.Revision ?? 0) != decision.Version)
        {
            return new DecisionResult(null, before, NoErrors);
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

        int? workstreamId = decision.MergeInto;
        if (workstreamId is { } target)
        {
            var origin = await connection.QuerySingleOrDefaultAsync<(long? Origin, string? Withdrawn)?>(
                "SELECT origin_submission_id, withdrawn_at FROM workstream WHERE id = @target", new { target }, transaction);
            if (origin is null || origin.Value.Withdrawn is not null)
            {
                return Refused("mergeInto", "That workstream is no longer in the programme: select another");
            }

            if (origin.Value.Origin == submissionId)
            {
                return Refused("mergeInto", "That is this suggestion's own proposed workstream: select another, or accept the suggestion");
            }
        }

        if (decision.Workstream is { } proposed)
        {
            var assessment = await AssessmentStore.ReadAsync(connection, transaction, submissionId);
            if (assessment is null)
            {
                return Refused("outcome", "Assess the suggestion's risk and resources before accepting it: accepting draws down the inspector-days the assessment gives");
            }

            var (available, committed) = await AssessmentStore.CapacityAsync(connection, transaction, proposed.ProgrammeYear, submissionId);
            var drawn = proposed.DrawnDays(assessment.Input.Days);
            // Only the inspectorates it draws from: one already over capacity elsewhere is not this decision's to answer for.
            var lines = Capacity.Lines(drawn.Keys, available, committed, drawn);
            if (Capacity.OverCapacityError(lines, decision.OverCapacityReason) is { } overError)
            {
                return Refused("overCapacityReason", overError);
            }

            workstreamId = await WriteProposedWorkstreamAsync(connection, transaction, submissionId, reference, proposed, drawn);
        }
        else if (await MergedIntoOwnWorkstreamAsync(connection, transaction, submissionId) is { Count: > 0 } merged)
        {
            return Refused("outcome", $"Other suggestions are merged into this suggestion's proposed workstream ({string.Join(", ", merged)}): revise their decisions first, or keep it accepted");
        }
        else
        {
            await WithdrawProposedWorkstreamAsync(connection, transaction, submissionId, now);
        }

        var revision = decision.Version + 1;
        await connection.ExecuteAsync(
            """
            INSERT INTO decision (submission_id, revision, outcome, rationale, workstream_id, workstream_title, deferred_to, over_capacity_reason, decided_by, decided_at)
            VALUES (@submissionId, @revision, @Outcome, @Rationale, @workstreamId, (SELECT title FROM workstream WHERE id = @workstreamId),
                    @DeferTo, @OverCapacityReason, @actor, @now)
            """,
            new { submissionId, revision, decision.Outcome, decision.Rationale, workstreamId, decision.DeferTo, decision.OverCapacityReason, actor, now },
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
        return new DecisionResult(revision, after, NoErrors);
    }

    private static DecisionResult Refused(string field, string message) =>
        new(null, null, new Dictionary<string, string> { [field] = message });

    /// <summary>
    /// Creates the suggestion's proposed workstream, or brings back and rewrites the one an earlier acceptance
    /// created, with its participants, areas and the days it draws from capacity (ValidWorkstream.DrawnDays), in the
    /// year the decision gives, which may differ from the year the assessor had in mind.
    /// </summary>
    private static async Task<int> WriteProposedWorkstreamAsync(
        SqliteConnection connection, SqliteTransaction transaction, long submissionId, string reference, ValidWorkstream w,
        IReadOnlyDictionary<string, int> days)
    {
        var existing = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM workstream WHERE origin_submission_id = @submissionId", new { submissionId }, transaction);
        long id;
        if (existing is { } found)
        {
            id = found;
            await connection.ExecuteAsync(
                """
                UPDATE workstream SET title = @Title, summary = @Summary, kind = @Kind, programme_year = @ProgrammeYear, withdrawn_at = NULL
                 WHERE id = @id
                """,
                new { w.Title, w.Summary, w.Kind, w.ProgrammeYear, id }, transaction);
            foreach (var table in new[] { "workstream_participant", "workstream_area_of_focus", "workstream_days" })
            {
                await connection.ExecuteAsync($"DELETE FROM {table} WHERE workstream_id = @id", new { id }, transaction);
            }
        }
        else
        {
            id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order, origin_submission_id)
                SELECT round_id, @slug, @Title, @Summary, @proposed, @Kind, @proposed, @ProgrammeYear, NULL, 1000 + @submissionId, @submissionId
                  FROM submission WHERE id = @submissionId
                RETURNING id
                """,
                new { slug = Slug(w.Title, reference), w.Title, w.Summary, w.Kind, w.ProgrammeYear, submissionId, proposed = WorkstreamSection.Proposed }, transaction);
        }

        var participants = new[] { (Code: w.Lead, Role: "lead") }
            .Concat(w.Supporting.Concat(w.Partners).Select(code => (Code: code, Role: "supporting")));
        await connection.ExecuteAsync(
            "INSERT INTO workstream_participant (workstream_id, inspectorate_code, role) VALUES (@id, @Code, @Role)",
            participants.Select(p => new { id, p.Code, p.Role }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code) VALUES (@id, @code)",
            w.AreasOfFocus.Select(code => new { id, code }), transaction);
        await connection.ExecuteAsync(
            "INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days) VALUES (@id, @Key, @ProgrammeYear, @Value)",
            days.Select(d => new { id, d.Key, w.ProgrammeYear, d.Value }), transaction);
        return (int)id;
    }

    /// <summary>
    /// References of other suggestions whose current decision merges them into this suggestion's proposed workstream:
    /// withdrawing it would leave them pointing at nothing.
    /// </summary>
    private static async Task<IReadOnlyList<string>> MergedIntoOwnWorkstreamAsync(SqliteConnection connection, SqliteTransaction transaction, long submissionId)
    {
        var ids = await connection.QueryAsync<long>(
            """
            SELECT d.submission_id FROM decision d
             WHERE d.outcome = @merge AND d.submission_id <> @submissionId
               AND d.workstream_id = (SELECT id FROM workstream WHERE origin_submission_id = @submissionId AND withdrawn_at IS NULL)
               AND d.revision = (SELECT max(revision) FROM decision x WHERE x.submission_id = d.submission_id)
             ORDER BY d.submission_id
            """,
            new { submissionId, merge = DecisionOutcome.Merge }, transaction);
        return ids.Select(SubmissionReference.Format).ToList();
    }

    /// <summary>A decision that no longer accepts takes the proposed workstream out of the programme and gives its days back.</summary>
    private static async Task WithdrawProposedWorkstreamAsync(SqliteConnection connection, SqliteTransaction transaction, long submissionId, DateTimeOffset now)
    {
        await connection.ExecuteAsync(
            "DELETE FROM workstream_days WHERE workstream_id IN (SELECT id FROM workstream WHERE origin_submission_id = @submissionId)",
            new { submissionId }, transaction);
        await connection.ExecuteAsync(
            "UPDATE workstream SET withdrawn_at = @now WHERE origin_submission_id = @submissionId AND withdrawn_at IS NULL",
            new { submissionId, now }, transaction);
    }

    private static async Task<IReadOnlyList<DecisionRecord>> HistoryAsync(SqliteConnection connection, SqliteTransaction? transaction, long submissionId)
    {
        var rows = await connection.QueryAsync<DecisionRow>(
            """
            SELECT d.revision AS Revision, d.outcome AS Outcome, d.rationale AS Rationale, w.slug AS WorkstreamSlug, d.workstream_title AS WorkstreamTitle,
                   d.deferred_to AS DeferredTo, d.over_capacity_reason AS OverCapacityReason, d.decided_by AS DecidedBy, d.decided_at AS DecidedAt,
                   r.first_year AS WorkstreamRoundYear
              FROM decision d LEFT JOIN workstream w ON w.id = d.workstream_id LEFT JOIN programme_round r ON r.id = w.round_id
             WHERE d.submission_id = @submissionId
             ORDER BY d.revision DESC
            """,
            new { submissionId }, transaction);
        return rows.Select(r => new DecisionRecord(
            r.Revision, r.Outcome, r.Rationale, r.WorkstreamSlug, r.WorkstreamTitle, r.DeferredTo, r.OverCapacityReason, r.DecidedBy, r.DecidedAt,
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
        public long Revision { get; init; }

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
