using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>What a release of held outcomes came to: how many went, or why none could.</summary>
public abstract record ReleaseResult
{
    private ReleaseResult()
    {
    }

    public sealed record Released(long Release, int Outcomes) : ReleaseResult;

    public sealed record Refused(string Message) : ReleaseResult;
}

/// <summary>A release's emails as the outbox has them now.</summary>
public sealed record ReleaseProgress(long Release, DateTimeOffset ReleasedAt, string ReleasedBy, int Outcomes, int Sent, int Failed)
{
    public int Waiting => Outcomes - Sent - Failed;
}

/// <summary>Where a round's outcomes stand: final and held back, awaiting agreement, and the releases so far, newest first.</summary>
public sealed record RoundOutcomes(int Held, IReadOnlyList<string> AwaitingAgreement, IReadOnlyList<ReleaseProgress> Releases);

public sealed partial class DecisionStore
{
    /// <summary>
    /// A chief inspector's answer, for the inspectorate they lead, to a joint decision awaiting agreement: agree, or
    /// object with reasons. The last agreement makes the decision final (and releases it where its round does so at
    /// once); an objection frees its provisional days until the lead proposes again.
    /// </summary>
    public async Task<DecisionResult> RespondAsync(
        long submissionId, AgreementRequest request, string actor, string? actorInspectorate, Uri publicBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.Response?.Trim();
        var reasons = string.IsNullOrWhiteSpace(request.Reasons) ? null : request.Reasons.Trim();
        var errors = new Dictionary<string, string>();
        if (response is not (Agreement.Agree or Agreement.Objects))
        {
            errors["response"] = "Say whether you agree or object";
        }
        else if (response == Agreement.Objects && reasons is null)
        {
            errors["reasons"] = "Give the reasons for the objection: the lead and the secretariat will read them";
        }

        if (reasons is { Length: > Agreement.MaxReasons })
        {
            errors["reasons"] = $"The reasons must be {Agreement.MaxReasons:N0} characters or fewer";
        }

        if (request.Version is not >= 1)
        {
            errors["version"] = "Send the version of the decision you are answering";
        }

        if (errors.Count > 0)
        {
            return new DecisionResult.Invalid(errors);
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var history = await HistoryAsync(connection, transaction, submissionId);
        if (history.Count == 0 || history[0].Version != request.Version)
        {
            return new DecisionResult.Conflict(history.Count > 0 ? history[0] : null);
        }

        var current = history[0];
        if (current.Agreement != Agreement.Awaiting)
        {
            return Refused("response", current.Agreement switch
            {
                null => "This decision involves one inspectorate, so it needs no one else's agreement",
                Agreement.Agreed => "Every inspectorate taking part has already agreed this decision",
                _ => "This decision has an objection: its lead must propose it again before anyone can agree",
            });
        }

        var parties = await AgreementsAsync(connection, transaction, submissionId, current.Version);
        var inspectorates = (await programmes.ReadAsync(cancellationToken)).Inspectorates;
        string Name(string code) => inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;
        if (parties.FirstOrDefault(p => p.InspectorateCode == actorInspectorate) is not { } mine)
        {
            return Refused("response", $"Only the chief inspectors of the inspectorates taking part can answer ({string.Join(", ", parties.Select(p => Name(p.InspectorateCode)))}), and yours is not one of them");
        }

        if (mine.Response is { } already)
        {
            return Refused("response", $"{Name(mine.InspectorateCode)} has already {(already == Agreement.Agree ? "agreed" : "objected")}, on {UkTime.Date(mine.RespondedAt!.Value)}");
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(
            """
            UPDATE decision_agreement SET response = @response, reasons = @reasons, responded_by = @actor, responded_at = @now
             WHERE inspectorate_code = @code
               AND decision_id = (SELECT id FROM decision WHERE submission_id = @submissionId AND version = @Version)
            """,
            new { response, reasons, actor, now, code = mine.InspectorateCode, submissionId, current.Version },
            transaction);
        var agreement = Agreement.State(
            [.. parties.Select(p => new AgreementParty(p.InspectorateCode, p.IsLead))],
            parties.ToDictionary(p => p.InspectorateCode, p => p.InspectorateCode == mine.InspectorateCode ? response : p.Response));
        await connection.ExecuteAsync(
            "UPDATE decision SET agreement = @agreement WHERE submission_id = @submissionId AND version = @Version",
            new { agreement, submissionId, current.Version }, transaction);
        await SetStatusAsync(connection, transaction, submissionId, current.Outcome, agreement);
        var historyAfter = await HistoryAsync(connection, transaction, submissionId);
        var releasedNow = await ReleaseIfDueAsync(connection, transaction, submissionId, historyAfter, publicBase, now);
        var released = releasedNow is not null;
        var after = releasedNow ?? historyAfter[0];
        await Audit.WriteAsync(
            connection, transaction, now, actor, response == Agreement.Agree ? "decision.agree" : "decision.object",
            $"submission:{SubmissionReference.Format(submissionId)}", new { version = current.Version, agreement = current.Agreement },
            new { version = current.Version, inspectorate = mine.InspectorateCode, inspectorateName = Name(mine.InspectorateCode), reasons, agreement });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        if (released)
        {
            outbox.Committed();
        }

        return new DecisionResult.Saved(after);
    }

    private static DecisionResult.Invalid Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    /// <summary>
    /// Releases every final outcome of the round still held back, as one batch of emails through the outbox. Refused while
    /// any of the round's decisions awaits agreement, so that one announcement is the whole of it.
    /// </summary>
    public async Task<ReleaseResult> ReleaseRoundAsync(ProgrammeRound round, string actor, Uri publicBase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var outcomes = await RoundOutcomesAsync(connection, transaction, round.Id);
        if (outcomes.AwaitingAgreement.Count > 0)
        {
            return new ReleaseResult.Refused(
                $"{outcomes.AwaitingAgreement.Count} {(outcomes.AwaitingAgreement.Count == 1 ? "decision is" : "decisions are")} awaiting agreement "
                + $"({string.Join(", ", outcomes.AwaitingAgreement.Take(5))}{(outcomes.AwaitingAgreement.Count > 5 ? ", …" : "")}): release the round's outcomes when each is agreed or revised");
        }

        var held = (await connection.QueryAsync<long>(HeldSql, new { roundId = round.Id, agreed = Agreement.Agreed }, transaction)).ToList();
        if (held.Count == 0)
        {
            return new ReleaseResult.Refused("There are no held outcomes to release: every final decision in the round has reached its respondent");
        }

        var now = clock.GetUtcNow();
        var release = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO outcome_release (round_id, released_at, released_by, outcomes) VALUES (@Id, @now, @actor, @count) RETURNING id",
            new { round.Id, now, actor, count = held.Count }, transaction);
        await ReleaseAllAsync(connection, transaction, round.Id, held, publicBase, now, release);

        await Audit.WriteAsync(
            connection, transaction, now, actor, "outcomes.release", RoundStore.Subject(round), null,
            new { release, outcomes = held.Count, references = held.Select(SubmissionReference.Format) });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        outbox.Committed();
        return new ReleaseResult.Released(release, held.Count);
    }

    /// <summary>
    /// What <see cref="ReleaseAsync"/> does for one outcome, done for thousands while the release keeps every other write
    /// waiting: the histories and respondents are read in two queries rather than two for each outcome, and the marks and
    /// emails are written by one statement each, run again for every outcome.
    /// </summary>
    private async Task ReleaseAllAsync(
        DbConnection connection, DbTransaction transaction, long roundId, IReadOnlyList<long> held, Uri publicBase, DateTimeOffset now, long release)
    {
        var histories = await RoundHistoriesAsync(connection, transaction, roundId);
        var submissions = (await connection.QueryAsync<SubmissionRow>(
            $"{SubmissionRowSql} WHERE round_id = @roundId", new { roundId }, transaction)).ToDictionary(s => s.Id);
        await connection.ExecuteAsync(
            MarkReleasedSql, held.Select(submissionId => new { now, release, submissionId, histories[submissionId][0].Version }), transaction);
        await outbox.AddAsync(
            connection, transaction,
            held.Select(submissionId => OutcomeEmail(
                submissionId, submissions[submissionId], histories[submissionId][0], histories[submissionId], publicBase, forPreview: false)),
            now,
            ReleaseBatch(release));
    }

    /// <summary>The round's outcomes held back, those awaiting agreement, and how each release's emails are getting on.</summary>
    public async Task<RoundOutcomes> RoundOutcomesAsync(long roundId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RoundOutcomesAsync(connection, null, roundId);
    }

    // The current decision of each of the round's submissions: final, and not yet released.
    private const string HeldSql = """
        SELECT s.id FROM submission s JOIN decision d ON d.submission_id = s.id
         WHERE s.round_id = @roundId AND d.released_at IS NULL AND (d.agreement IS NULL OR d.agreement = @agreed)
           AND d.version = (SELECT max(x.version) FROM decision x WHERE x.submission_id = s.id)
         ORDER BY s.id
        """;

    private static async Task<RoundOutcomes> RoundOutcomesAsync(DbConnection connection, DbTransaction? transaction, long roundId)
    {
        var held = (await connection.QueryAsync<long>(HeldSql, new { roundId, agreed = Agreement.Agreed }, transaction)).Count();
        var awaiting = await connection.QueryAsync<long>(
            """
            SELECT s.id FROM submission s JOIN decision d ON d.submission_id = s.id
             WHERE s.round_id = @roundId AND d.agreement = @awaiting
               AND d.version = (SELECT max(x.version) FROM decision x WHERE x.submission_id = s.id)
             ORDER BY s.id
            """,
            new { roundId, awaiting = Agreement.Awaiting }, transaction);
        var releases = await connection.QueryAsync<ReleaseRow>(
            """
            SELECT r.id AS Id, r.released_at AS ReleasedAt, r.released_by AS ReleasedBy, r.outcomes AS Outcomes,
                   (SELECT count(*) FROM outbox_message m WHERE m.batch = @prefix || r.id AND m.sent_at IS NOT NULL) AS Sent,
                   (SELECT count(*) FROM outbox_message m WHERE m.batch = @prefix || r.id AND m.failed_at IS NOT NULL) AS Failed
              FROM outcome_release r WHERE r.round_id = @roundId ORDER BY r.id DESC
            """,
            new { roundId, prefix = ReleaseBatchPrefix }, transaction);
        return new RoundOutcomes(
            held,
            [.. awaiting.Select(SubmissionReference.Format)],
            [.. releases.Select(r => new ReleaseProgress(r.Id, r.ReleasedAt, r.ReleasedBy, (int)r.Outcomes, (int)r.Sent, (int)r.Failed))]);
    }

    private sealed class ReleaseRow
    {
        public long Id { get; init; }

        public DateTimeOffset ReleasedAt { get; init; }

        public string ReleasedBy { get; init; } = "";

        public long Outcomes { get; init; }

        public long Sent { get; init; }

        public long Failed { get; init; }
    }
}
