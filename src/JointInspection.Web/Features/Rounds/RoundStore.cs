using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Rounds;

/// <summary>What a change to a round came to: saved, or refused with a message for each field that needs fixing.</summary>
public sealed record RoundChange(IReadOnlyDictionary<string, string> Errors, string? RoundCode = null)
{
    public bool Saved => Errors.Count == 0;

    public static RoundChange Done(string roundCode) => new(new Dictionary<string, string>(), roundCode);

    public static RoundChange Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}

/// <summary>
/// The rounds slice's writes: a new round, and its consultation's dates. Each change checks the rules against the rows as
/// they are inside its BEGIN IMMEDIATE transaction, writes its audit entry with before and after, and commits both or
/// neither.
/// </summary>
public sealed class RoundStore(Database database, ProgrammeReader programmes, TimeProvider clock)
{
    /// <summary>A new round after the latest, carrying forward the chosen workstreams of the latest round's programme.</summary>
    public async Task<RoundChange> CreateAsync(int? firstYear, string? title, IReadOnlyCollection<int> carryForward, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(carryForward);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var rounds = await ReadRoundsAsync(connection, transaction);
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string>();
        if (RoundRules.NewRoundError(firstYear, rounds, now) is { } yearError)
        {
            errors["firstYear"] = yearError;
        }

        if (RoundRules.TitleError(title) is { } titleError)
        {
            errors["title"] = titleError;
        }

        if (errors.Count > 0)
        {
            return new RoundChange(errors);
        }

        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO programme_round (first_year, title, created_at) VALUES (@firstYear, @title, @now) RETURNING id",
            new { firstYear, title = title!.Trim(), now },
            transaction);
        var round = new ProgrammeRound(id, firstYear!.Value, title.Trim(), null, null, null);
        var latest = rounds.MaxBy(r => r.FirstYear);
        if (latest is not null && await WorkstreamStore.CarryForwardAsync(connection, transaction, latest, round, carryForward) is { Count: > 0 })
        {
            // Only a forged or stale form names such a workstream; nothing of the round is kept.
            return RoundChange.Refused("carryForward", $"Choose workstreams of the {latest.Label} programme that have not been carried forward already");
        }

        var carried = (await connection.QueryAsync<string>(
            "SELECT slug FROM workstream WHERE round_id = @id ORDER BY sort_order, id", new { id }, transaction)).ToList();
        await Audit.WriteAsync(connection, transaction, now, actor, "round.create", Subject(round), null, new { round.Code, round.Title, carriedForward = carried });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        return RoundChange.Done(round.Code);
    }

    /// <summary>Sets the consultation's opening and closing instants: scheduling it, or extending or moving it.</summary>
    public Task<RoundChange> SetDatesAsync(string roundCode, DateTimeOffset opens, DateTimeOffset closes, string actor, CancellationToken cancellationToken) =>
        ChangeDatesAsync(roundCode, "round.dates", actor, (round, now) => (opens, closes), cancellationToken);

    /// <summary>Opens the consultation now, closing when it was set to or, with no future closing, twelve weeks on at 11:59pm.</summary>
    public Task<RoundChange> OpenNowAsync(string roundCode, string actor, CancellationToken cancellationToken) =>
        ChangeDatesAsync(roundCode, "round.open", actor, (round, now) => round.StateAt(now) == RoundState.Draft
            ? (now, round.ClosesAt is { } closes && closes > now ? closes : ConsultationDates.DefaultClosing(now))
            : null, cancellationToken);

    /// <summary>Closes an open consultation now.</summary>
    public Task<RoundChange> CloseNowAsync(string roundCode, string actor, CancellationToken cancellationToken) =>
        ChangeDatesAsync(roundCode, "round.close", actor, (round, now) => round.StateAt(now) == RoundState.Open ? (round.OpensAt!.Value, now) : null, cancellationToken);

    private async Task<RoundChange> ChangeDatesAsync(
        string roundCode, string action, string actor, Func<ProgrammeRound, DateTimeOffset, (DateTimeOffset Opens, DateTimeOffset Closes)?> dates,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var rounds = await ReadRoundsAsync(connection, transaction);
        var round = rounds.FirstOrDefault(r => r.Code == roundCode);
        if (round is null)
        {
            return RoundChange.Refused("opens", $"There is no {roundCode} round");
        }

        var now = clock.GetUtcNow();
        if (RoundRules.ConcludedError(round) is { } concluded)
        {
            return RoundChange.Refused("opens", concluded);
        }

        if (dates(round, now) is not { } wanted)
        {
            // The consultation moved on since the page was shown (opened or closed by someone else, or by the clock).
            return RoundChange.Refused("opens", $"The {round.Label} consultation is {round.StateAt(now).ToString().ToLowerInvariant()} now, so that cannot be done: look at its dates again");
        }

        var errors = action == "round.close"
            ? new Dictionary<string, string>()
            : RoundRules.DatesErrors(round, wanted.Opens, wanted.Closes, rounds, now);
        if (errors.Count > 0)
        {
            return new RoundChange(errors);
        }

        await connection.ExecuteAsync(
            "UPDATE programme_round SET opens_at = @Opens, closes_at = @Closes WHERE id = @Id",
            new { wanted.Opens, wanted.Closes, round.Id },
            transaction);
        await Audit.WriteAsync(
            connection, transaction, now, actor, action, Subject(round),
            new { opensAt = round.OpensAt, closesAt = round.ClosesAt }, new { opensAt = wanted.Opens, closesAt = wanted.Closes });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        return RoundChange.Done(round.Code);
    }

    /// <summary>
    /// How the round's outcomes reach respondents from now on. Switching to "at once" releases nothing already held: the
    /// secretariat releases those together, as they were meant to go.
    /// </summary>
    public async Task<RoundChange> SetReleaseModeAsync(string roundCode, string? mode, string actor, CancellationToken cancellationToken)
    {
        if (mode is not (ReleaseModes.Immediate or ReleaseModes.Together))
        {
            return RoundChange.Refused("releaseMode", "Choose how outcomes reach respondents: as soon as each decision is final, or together when you release them");
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var round = (await ReadRoundsAsync(connection, transaction)).FirstOrDefault(r => r.Code == roundCode);
        if (round is null)
        {
            return RoundChange.Refused("releaseMode", $"There is no {roundCode} round");
        }

        if (RoundRules.ConcludedError(round) is { } concluded)
        {
            return RoundChange.Refused("releaseMode", concluded);
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync("UPDATE programme_round SET release_mode = @mode WHERE id = @Id", new { mode, round.Id }, transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, "round.release-mode", Subject(round), new { releaseMode = round.ReleaseMode }, new { releaseMode = mode });
        await transaction.CommitAsync(cancellationToken);
        programmes.Invalidate();
        return RoundChange.Done(round.Code);
    }

    public static string Subject(ProgrammeRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return $"round:{round.Code}";
    }

    /// <summary>The rounds as they are inside the caller's transaction, not as the programme reader last saw them.</summary>
    public static async Task<IReadOnlyList<ProgrammeRound>> ReadRoundsAsync(DbConnection connection, DbTransaction transaction)
    {
        var rows = await connection.QueryAsync<(long Id, long FirstYear, string Title, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? ConcludedAt, string ReleaseMode, DateTimeOffset? FinalisedAt)>(
            "SELECT id, first_year, title, opens_at, closes_at, concluded_at, release_mode, finalised_at FROM programme_round ORDER BY first_year",
            transaction: transaction);
        return rows.Select(r => new ProgrammeRound(r.Id, (int)r.FirstYear, r.Title, r.OpensAt, r.ClosesAt, r.ConcludedAt, r.ReleaseMode, r.FinalisedAt)).ToList();
    }
}
