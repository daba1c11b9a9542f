using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>
/// Concludes a round: the chair finalises its programme, and the secretariat publishes its outcome. Each step reads the
/// round and its progress inside its own write transaction, so nothing can slip in between the check and the change,
/// and commits with its audit entry.
/// </summary>
public sealed class RoundConclusion(Database database, ProgrammeReader programmes, TimeProvider clock)
{
    public const string FinaliseAction = "round.finalise";
    public const string PublishAction = "round.publish-outcome";

    public async Task<ConclusionProgress> ProgressAsync(long roundId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ProgressAsync(connection, null, roundId);
    }

    /// <summary>
    /// Finalises the programme: its proposed workstreams become new joint or bilateral work (which they are follows from
    /// who takes part), and no decision of the round can be made or revised after it. Null when done, else the refusal.
    /// </summary>
    public async Task<string?> FinaliseAsync(long roundId, string actor, string? actorInspectorate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var round = await RoundAsync(connection, transaction, roundId);
        var chair = await connection.QuerySingleAsync<(string Name, string Inspectorate)>(
            "SELECT c.name, i.short_name FROM chief_inspector c JOIN inspectorate i ON i.code = c.inspectorate_code WHERE c.is_chair = 1", transaction: transaction);
        var byTheChair = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM chief_inspector WHERE is_chair = 1 AND inspectorate_code = @actorInspectorate)", new { actorInspectorate }, transaction);
        var progress = await ProgressAsync(connection, transaction, roundId);
        if (ConclusionRules.FinaliseRefusal(round, now, progress, byTheChair, $"{chair.Name} ({chair.Inspectorate})") is { } refusal)
        {
            return refusal;
        }

        var proposed = (await connection.QueryAsync<string>(
            "SELECT title FROM workstream WHERE round_id = @roundId AND section = 'proposed' AND withdrawn_at IS NULL ORDER BY sort_order",
            new { roundId }, transaction)).ToList();
        await connection.ExecuteAsync(
            """
            UPDATE workstream SET section = 'new', status = 'scope-to-be-agreed'
             WHERE round_id = @roundId AND section = 'proposed' AND withdrawn_at IS NULL;
            UPDATE programme_round SET finalised_at = @now, finalised_by = @actor WHERE id = @roundId;
            """,
            new { roundId, now, actor }, transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, FinaliseAction, RoundStore.Subject(round), null, new { round.Code, proposedBecameProgramme = proposed });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        return null;
    }

    /// <summary>Publishes the outcome, which concludes the round. Null when done, else the refusal.</summary>
    public async Task<string?> PublishOutcomeAsync(long roundId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var round = await RoundAsync(connection, transaction, roundId);
        var progress = await ProgressAsync(connection, transaction, roundId);
        if (ConclusionRules.PublishRefusal(round, now, progress) is { } refusal)
        {
            return refusal;
        }

        await connection.ExecuteAsync(
            "UPDATE programme_round SET concluded_at = @now, concluded_by = @actor WHERE id = @roundId", new { roundId, now, actor }, transaction);
        await Audit.WriteAsync(
            connection, transaction, now, actor, PublishAction, RoundStore.Subject(round), null,
            new { round.Code, progress.Submissions, progress.Published, progress.Withheld, progress.NotForPublication });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        return null;
    }

    private static async Task<ProgrammeRound> RoundAsync(DbConnection connection, DbTransaction transaction, long roundId) =>
        (await RoundStore.ReadRoundsAsync(connection, transaction)).Single(r => r.Id == roundId);

    private static Task<ConclusionProgress> ProgressAsync(DbConnection connection, DbTransaction? transaction, long roundId) =>
        connection.QuerySingleAsync<ConclusionProgress>(
            $"""
            WITH current AS (
                SELECT d.submission_id, d.agreement, d.released_at FROM decision d
                 WHERE d.version = (SELECT max(version) FROM decision x WHERE x.submission_id = d.submission_id))
            SELECT count(*) AS Submissions,
                   count(*) FILTER (WHERE c.submission_id IS NULL) AS Undecided,
                   count(*) FILTER (WHERE c.agreement IN ('awaiting', 'objected')) AS AwaitingAgreement,
                   count(*) FILTER (WHERE c.submission_id IS NOT NULL AND (c.agreement IS NULL OR c.agreement = 'agreed') AND c.released_at IS NULL) AS Held,
                   count(*) FILTER (WHERE {ModerationState.Condition(ModerationState.ToModerate)}) AS ToModerate,
                   count(*) FILTER (WHERE {ModerationState.Condition(ModerationState.Published)}) AS Published,
                   count(*) FILTER (WHERE {ModerationState.Condition(ModerationState.Withheld)}) AS Withheld,
                   count(*) FILTER (WHERE {ModerationState.Condition(ModerationState.NotForPublication)}) AS NotForPublication
              FROM submission s
              LEFT JOIN current c ON c.submission_id = s.id
             WHERE s.round_id = @roundId
            """,
            new { roundId }, transaction);
}
