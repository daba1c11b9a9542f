using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Rounds;

/// <summary>Where a round's capacity figures came from.</summary>
public enum CapacityOrigin
{
    /// <summary>A new round: nobody has entered any figures, so every page counts its capacity as 0.</summary>
    NotEntered,

    /// <summary>The figures migration 0006 seeded for the first round, which stand until the secretariat enters real ones.</summary>
    Illustrative,

    Entered,
}

/// <summary>Where a round's figures came from and, once the secretariat has entered them, who did and when.</summary>
public sealed record CapacitySource(CapacityOrigin Origin, string? EnteredBy = null, DateTimeOffset? EnteredAt = null)
{
    public const string Partial = "/Features/Rounds/_CapacitySource.cshtml";

    public string Words => Origin switch
    {
        CapacityOrigin.Illustrative => "Illustrative figures from the portal’s seed data, until the secretariat enters real ones",
        CapacityOrigin.Entered => $"Entered by {EnteredBy} on {UkTime.Date(EnteredAt!.Value)}",
        _ => "Not entered yet: until the secretariat enters them, each inspectorate counts as having 0 inspector-days",
    };
}

/// <summary>A round's available inspector-days for each inspectorate in each of its programme years, and where they came from.</summary>
public sealed record RoundCapacity(IReadOnlyDictionary<(string Year, string Inspectorate), int> Available, CapacitySource Source)
{
    public int? For(ProgrammeYear year, string inspectorateCode) =>
        Available.TryGetValue((year.Code, inspectorateCode), out var days) ? days : null;

    /// <summary>The figures as the audit log keeps them: by programme year, then inspectorate, each in code order so entries compare.</summary>
    public Dictionary<string, Dictionary<string, int>> ByYear() => Nested(Available);

    public static Dictionary<string, Dictionary<string, int>> Nested(IReadOnlyDictionary<(string Year, string Inspectorate), int> available)
    {
        ArgumentNullException.ThrowIfNull(available);
        return available.GroupBy(a => a.Key.Year).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(a => a.Key.Inspectorate, StringComparer.Ordinal).ToDictionary(a => a.Key.Inspectorate, a => a.Value));
    }
}

/// <summary>The table of a round's figures, an inspectorate a row and a programme year a column, as the round and capacity pages show it.</summary>
public sealed record CapacityFigures(ProgrammeRound Round, IReadOnlyList<Inspectorate> Inspectorates, RoundCapacity Capacity)
{
    public const string Partial = "/Features/Rounds/_CapacityFigures.cshtml";
}

/// <summary>
/// Each inspectorate's capacity for a round, as the secretariat enters it. A save replaces all of the round's figures
/// at once, in one BEGIN IMMEDIATE transaction with its audit entry, so the pages that weigh suggestions against capacity
/// never see one year entered and the other still illustrative.
/// </summary>
public sealed class CapacityStore(Database database, TimeProvider clock)
{
    private const string ReadSql = """
        SELECT c.programme_year AS Year, c.inspectorate_code AS Inspectorate, c.available_days AS Days,
               coalesce(m.name, c.entered_by) AS EnteredBy, c.entered_at AS EnteredAt
          FROM inspectorate_capacity c LEFT JOIN staff_member m ON m.email = c.entered_by
         WHERE c.round_id = @roundId
         ORDER BY c.entered_at DESC
        """;

    public async Task<RoundCapacity> ReadAsync(long roundId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, roundId);
    }

    /// <summary>A round's figures inside the caller's transaction, for a page that reads other things in the same one.</summary>
    public static async Task<RoundCapacity> ReadAsync(DbConnection connection, DbTransaction? transaction, long roundId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = (await connection.QueryAsync<Row>(ReadSql, new { roundId }, transaction)).ToList();
        // One save writes every row of the round, so they agree; a row never entered (a seed figure) makes the lot illustrative.
        var source = rows.Count == 0 ? new CapacitySource(CapacityOrigin.NotEntered)
            : rows.Any(r => r.EnteredAt is null) ? new CapacitySource(CapacityOrigin.Illustrative)
            : new CapacitySource(CapacityOrigin.Entered, rows[0].EnteredBy, rows[0].EnteredAt);
        return new RoundCapacity(rows.ToDictionary(r => (r.Year, r.Inspectorate), r => (int)r.Days), source);
    }

    /// <summary>
    /// Replaces the round's figures with <paramref name="available"/> (by programme year code and inspectorate code, each
    /// already checked by <see cref="CapacityRules"/>). A concluded round is refused and nothing is written.
    /// </summary>
    public async Task<RoundChange> SaveAsync(
        string roundCode, IReadOnlyDictionary<(string Year, string Inspectorate), int> available, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(available);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        // The round as it is now, not as the page saw it: it may have been concluded since.
        var round = (await RoundStore.ReadRoundsAsync(connection, transaction)).FirstOrDefault(r => r.Code == roundCode);
        if (round is null)
        {
            return RoundChange.Refused("round", $"There is no {roundCode} round");
        }

        if (RoundRules.ConcludedError(round) is { } concluded)
        {
            return RoundChange.Refused("concluded", concluded);
        }

        // The page parses every figure before it gets here: anything else is a mistake in the code, not in the form.
        foreach (var ((year, inspectorate), days) in available)
        {
            if (!round.HasYear(year) || days is < 0 or > CapacityRules.MaxAvailableDays)
            {
                throw new ArgumentOutOfRangeException(nameof(available), $"{days} days in {year} for {inspectorate} is not a capacity of the {round.Code} round.");
            }
        }

        var before = await ReadAsync(connection, transaction, round.Id);
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync("DELETE FROM inspectorate_capacity WHERE round_id = @Id", new { round.Id }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO inspectorate_capacity (round_id, inspectorate_code, programme_year, available_days, entered_by, entered_at)
            VALUES (@roundId, @inspectorate, @year, @days, @actor, @now)
            """,
            available.Select(a => new { roundId = round.Id, inspectorate = a.Key.Inspectorate, year = a.Key.Year, days = a.Value, actor, now }),
            transaction);
        await Audit.WriteAsync(
            connection, transaction, now, actor, "capacity.save", RoundStore.Subject(round),
            new { available = before.ByYear(), origin = before.Source.Origin.ToString(), enteredBy = before.Source.EnteredBy, enteredAt = before.Source.EnteredAt },
            new { available = RoundCapacity.Nested(available) });
        await transaction.CommitAsync(cancellationToken);
        return RoundChange.Done(round.Code);
    }

    private sealed class Row
    {
        public string Year { get; init; } = "";

        public string Inspectorate { get; init; } = "";

        public long Days { get; init; }

        public string? EnteredBy { get; init; }

        public DateTimeOffset? EnteredAt { get; init; }
    }
}
