using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// Records decisions, the parties' answers to joint ones, and the release of outcomes to respondents. Everything a change
/// makes is written in one BEGIN IMMEDIATE transaction, together with the check that nobody changed the decision in
/// between and the rules only the stored data can answer (<see cref="DecisionChecks"/>): the decision and agreement rows
/// and the submission's status here, the proposed workstream and the capacity it draws by the programme slice, the
/// outcome email by the outbox, the audit entry by Audit. An outcome email is written only when a decision is final and
/// released: at once where the round releases outcomes as they are made (or the respondent has already had one), else
/// when the secretariat releases the round's outcomes together.
/// </summary>
public sealed partial class DecisionStore(
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

    /// <summary>The parties to a decision and their answers, the lead first; none for a decision that needs no agreement.</summary>
    public async Task<IReadOnlyList<AgreementRecord>> AgreementsAsync(long submissionId, long version, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await AgreementsAsync(connection, null, submissionId, version);
    }

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

    /// <summary>
    /// Records a decision, or a revision of one. A joint decision is a proposal until every party agrees: the proposer's
    /// own inspectorate agrees by proposing, and the others are asked (again, after a revision).
    /// </summary>
    public Task<DecisionResult> DecideAsync(
        long submissionId, ValidDecision decision, string actor, string? actorInspectorate, Uri publicBase, CancellationToken cancellationToken) =>
        DecideAsync(submissionId, decision, actor, actorInspectorate, publicBase, null, cancellationToken);

    /// <summary>
    /// The same, with another slice's rows that stand or fall with the decision (<paramref name="alsoWrite"/>, such as the
    /// recommendation it started from), written in its transaction once the decision is stored.
    /// </summary>
    public Task<DecisionResult> DecideAsync(
        long submissionId, ValidDecision decision, string actor, string? actorInspectorate, Uri publicBase, DecisionAlsoWrites? alsoWrite,
        CancellationToken cancellationToken) =>
        DecideOrPreviewAsync(submissionId, decision, actor, actorInspectorate, publicBase, alsoWrite, preview: false, cancellationToken);

    /// <summary>
    /// What recording the decision would come to, by the very same steps, rolled back: so the email a chief inspector
    /// previews is the one the respondent will get, and a rule the stored data breaks is found before they confirm.
    /// </summary>
    public Task<DecisionResult> PreviewAsync(
        long submissionId, ValidDecision decision, string actor, string? actorInspectorate, Uri publicBase, CancellationToken cancellationToken) =>
        DecideOrPreviewAsync(submissionId, decision, actor, actorInspectorate, publicBase, null, preview: true, cancellationToken);

    private async Task<DecisionResult> DecideOrPreviewAsync(
        long submissionId, ValidDecision decision, string actor, string? actorInspectorate, Uri publicBase, DecisionAlsoWrites? alsoWrite, bool preview,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
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

        var parties = checkedDecision.Parties;
        var agreement = Agreement.State(parties, parties.ToDictionary(
            p => p.InspectorateCode, p => p.InspectorateCode == actorInspectorate ? Agreement.Agree : null));
        var version = decision.Version + 1;
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO decision (submission_id, version, outcome, rationale, workstream_id, workstream_title, deferred_to, over_capacity_reason,
                                  decided_by, decided_at, agreement, meeting_on, meeting_attendees)
            VALUES (@submissionId, @version, @Outcome, @Rationale, @workstreamId, (SELECT title FROM workstream WHERE id = @workstreamId),
                    @DeferTo, @OverCapacityReason, @actor, @now, @agreement, @MeetingOn, @MeetingAttendees)
            RETURNING id
            """,
            new
            {
                submissionId,
                version,
                decision.Outcome,
                decision.Rationale,
                workstreamId,
                decision.DeferTo,
                decision.OverCapacityReason,
                actor,
                now,
                agreement,
                decision.MeetingOn,
                decision.MeetingAttendees,
            },
            transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO decision_agreement (decision_id, inspectorate_code, is_lead, response, responded_by, responded_at)
            VALUES (@id, @InspectorateCode, @IsLead, @response, @by, @at)
            """,
            parties.Select(p => p.InspectorateCode == actorInspectorate
                ? new { id, p.InspectorateCode, p.IsLead, response = (string?)Agreement.Agree, by = (string?)actor, at = (DateTimeOffset?)now }
                : new { id, p.InspectorateCode, p.IsLead, response = (string?)null, by = (string?)null, at = (DateTimeOffset?)null }),
            transaction);
        await SetStatusAsync(connection, transaction, submissionId, decision.Outcome, agreement);

        var historyAfter = await HistoryAsync(connection, transaction, submissionId);
        if (preview)
        {
            // Disposing the transaction uncommitted rolls back the decision, its workstream and its agreement rows.
            var email = await OutcomeEmailAsync(connection, transaction, submissionId, historyAfter[0], historyAfter, publicBase, forPreview: true);
            return new DecisionResult.Previewed(
                historyAfter[0], email, historyAfter[0].IsFinal && await IsReleaseDueAsync(connection, transaction, submissionId, historyAfter));
        }

        var releasedNow = await ReleaseIfDueAsync(connection, transaction, submissionId, historyAfter, publicBase, now);
        var released = releasedNow is not null;
        var after = releasedNow ?? historyAfter[0];
        await Audit.WriteAsync(
            connection, transaction, now, actor, "decision.save", $"submission:{reference}", before is null ? null : new { decision = before },
            new { decision = after, workstream = decision.Workstream, parties = parties.Select(p => p.InspectorateCode) });
        if (alsoWrite is not null)
        {
            await alsoWrite(connection, transaction, submissionId, after, now);
        }

        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        if (released)
        {
            outbox.Committed();
        }

        return new DecisionResult.Saved(after);
    }

    /// <summary>The submission's status follows its decision: the outcome's once final, else where its agreement stands.</summary>
    private static Task<int> SetStatusAsync(DbConnection connection, DbTransaction transaction, long submissionId, string outcome, string? agreement) =>
        connection.ExecuteAsync(
            "UPDATE submission SET status = @status WHERE id = @submissionId",
            new
            {
                status = agreement switch
                {
                    Agreement.Awaiting => SubmissionStatus.AwaitingAgreement,
                    Agreement.Objected => SubmissionStatus.Objected,
                    _ => DecisionOutcome.Status(outcome),
                },
                submissionId,
            },
            transaction);

    private static async Task<IReadOnlyList<DecisionRecord>> HistoryAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        var rows = await connection.QueryAsync<DecisionRow>(
            $"{HistorySql} WHERE d.submission_id = @submissionId ORDER BY d.version DESC", new { submissionId }, transaction);
        return [.. rows.Select(ToRecord)];
    }

    /// <summary>Every decision on each of the round's submissions, newest first, read at once for a release of thousands.</summary>
    private static async Task<Dictionary<long, IReadOnlyList<DecisionRecord>>> RoundHistoriesAsync(
        DbConnection connection, DbTransaction transaction, long roundId)
    {
        var rows = await connection.QueryAsync<DecisionRow>(
            $"{HistorySql} WHERE d.submission_id IN (SELECT id FROM submission WHERE round_id = @roundId) ORDER BY d.submission_id, d.version DESC",
            new { roundId }, transaction);
        return rows.GroupBy(r => r.SubmissionId).ToDictionary(g => g.Key, g => (IReadOnlyList<DecisionRecord>)[.. g.Select(ToRecord)]);
    }

    private const string HistorySql = """
        SELECT d.submission_id AS SubmissionId, d.version AS Version, d.outcome AS Outcome, d.rationale AS Rationale, w.slug AS WorkstreamSlug,
               d.workstream_title AS WorkstreamTitle, d.deferred_to AS DeferredTo, d.over_capacity_reason AS OverCapacityReason,
               d.decided_by AS DecidedBy, d.decided_at AS DecidedAt, r.first_year AS WorkstreamRoundYear, d.agreement AS Agreement,
               d.released_at AS ReleasedAt, d.meeting_on AS MeetingOn, d.meeting_attendees AS MeetingAttendees
          FROM decision d LEFT JOIN workstream w ON w.id = d.workstream_id LEFT JOIN programme_round r ON r.id = w.round_id
        """;

    private static DecisionRecord ToRecord(DecisionRow r) => new(
        r.Version, r.Outcome, r.Rationale, r.WorkstreamSlug, r.WorkstreamTitle, r.DeferredTo, r.OverCapacityReason, r.DecidedBy, r.DecidedAt,
        r.WorkstreamSlug is { } slug && r.WorkstreamRoundYear is { } year ? PortalPaths.Workstream(ProgrammeRound.CodeFor((int)year), slug) : null,
        r.Agreement, r.ReleasedAt, r.MeetingOn, r.MeetingAttendees);

    private static async Task<IReadOnlyList<AgreementRecord>> AgreementsAsync(DbConnection connection, DbTransaction? transaction, long submissionId, long version)
    {
        var rows = await connection.QueryAsync<AgreementRow>(
            """
            SELECT a.inspectorate_code AS InspectorateCode, a.is_lead AS IsLead, a.response AS Response, a.reasons AS Reasons,
                   a.responded_by AS RespondedBy, a.responded_at AS RespondedAt
              FROM decision_agreement a
              JOIN decision d ON d.id = a.decision_id
              JOIN inspectorate i ON i.code = a.inspectorate_code
             WHERE d.submission_id = @submissionId AND d.version = @version
             ORDER BY a.is_lead DESC, i.sort_order
            """,
            new { submissionId, version }, transaction);
        return rows.Select(r => new AgreementRecord(r.InspectorateCode, r.IsLead == 1, r.Response, r.Reasons, r.RespondedBy, r.RespondedAt)).ToList();
    }

    /// <summary>"girls-in-youth-custody-ji-000123": readable, and unique because the reference is.</summary>
    public static string Slug(string title, string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var words = WorkstreamStore.SlugWords(title);
        var tail = reference.ToLowerInvariant();
        return words.Length == 0 ? tail : $"{words}-{tail}";
    }
}
