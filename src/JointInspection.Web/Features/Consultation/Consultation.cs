using Dapper;
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

public sealed class ConsultationReader(Database database)
{
    public async Task<Consultation> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<Consultation>(new CommandDefinition(
            """
            SELECT id, code, title, opens_at AS OpensAt, closes_at AS ClosesAt
              FROM consultation ORDER BY opens_at DESC LIMIT 1
            """,
            cancellationToken: cancellationToken));
    }
}
