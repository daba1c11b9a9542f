using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Consultation;

/// <summary>One round of consultation on a draft programme.</summary>
public sealed record Consultation(long Id, string Code, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt)
{
    public ConsultationState StateAt(DateTimeOffset now) =>
        now < OpensAt ? ConsultationState.NotYetOpen
        : now < ClosesAt ? ConsultationState.Open
        : ConsultationState.Closed;
}

public enum ConsultationState
{
    NotYetOpen,
    Open,
    Closed,
}

/// <summary>
/// The current round, kept in memory. The public workstream pages ask on every request whether it is open, and its
/// dates change only at start-up or from the staff command line, so the row is read again at most once every
/// Programme:CacheCheckMilliseconds, the same interval at which a node looks for changes to the programme.
/// Open or closed is still worked out from the clock each time.
/// </summary>
public sealed class ConsultationReader(Database database, IConfiguration configuration)
{
    private readonly long checkMilliseconds = configuration.GetValue(ProgrammeReader.CheckSetting, 1000L);
    private Cached? cached;

    public async Task<Consultation> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && Environment.TickCount64 < current.CheckDueAt)
        {
            return current.Consultation;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var consultation = await connection.QuerySingleAsync<Consultation>(new CommandDefinition(
            """
            SELECT id, code, title, opens_at AS OpensAt, closes_at AS ClosesAt
              FROM consultation ORDER BY opens_at DESC LIMIT 1
            """,
            cancellationToken: cancellationToken));
        Volatile.Write(ref cached, new Cached(consultation, Environment.TickCount64 + checkMilliseconds));
        return consultation;
    }

    private sealed record Cached(Consultation Consultation, long CheckDueAt);
}
