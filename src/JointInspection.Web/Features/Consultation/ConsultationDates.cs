using Dapper;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Consultation;

/// <summary>
/// Consultation:OpensAt and Consultation:ClosesAt, when set, fix the current round's dates at start-up.
/// Unset, the dates stay as they are in the database (a new database opens for twelve weeks).
/// </summary>
public sealed class ConsultationDatesOptions
{
    public DateTimeOffset? OpensAt { get; set; }

    public DateTimeOffset? ClosesAt { get; set; }
}

public sealed class ConsultationDates(Database database, IOptions<ConsultationDatesOptions> options)
    : IStartupTask
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dates = options.Value;
        if (dates.OpensAt is null && dates.ClosesAt is null)
        {
            return;
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = connection.BeginWrite();
        try
        {
            await connection.ExecuteAsync(
                """
                UPDATE consultation
                   SET opens_at = coalesce(@OpensAt, opens_at), closes_at = coalesce(@ClosesAt, closes_at)
                 WHERE id = (SELECT id FROM consultation ORDER BY opens_at DESC LIMIT 1)
                """,
                new { dates.OpensAt, dates.ClosesAt },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            throw new StartupException(
                $"Consultation:ClosesAt must be after Consultation:OpensAt (got opens {dates.OpensAt:O}, closes {dates.ClosesAt:O}).", ex);
        }
    }
}

public static class ConsultationRegistration
{
    public static WebApplicationBuilder AddConsultation(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsultationDatesOptions>(builder.Configuration.GetSection("Consultation"));
        builder.Services.AddSingleton<IStartupTask, ConsultationDates>();
        builder.Services.AddSingleton<ConsultationReader>();
        return builder;
    }
}
