using System.Globalization;
using Dapper;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Rounds;

/// <summary>
/// Consultation:OpensAt and Consultation:ClosesAt, when set, fix the consultation dates of the latest round at
/// start-up (the secretariat otherwise sets them at /manage). They are UK local time (yyyy-MM-ddTHH:mm) unless they
/// give an offset. Unset, the dates stay as they are in the database, except that a new database's first round opens
/// when the portal first starts and closes at 11:59pm UK time on the day twelve weeks later.
/// </summary>
public sealed class ConsultationDatesOptions
{
    public string? OpensAt { get; set; }

    public string? ClosesAt { get; set; }
}

public sealed class ConsultationDates(Database database, IOptions<ConsultationDatesOptions> options, TimeProvider clock)
    : IStartupTask
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(84);

    /// <summary>11:59pm UK time on the day twelve weeks after <paramref name="opensAt"/> (as UK time has that day).</summary>
    public static DateTimeOffset DefaultClosing(DateTimeOffset opensAt) =>
        UkTime.FromUk(UkTime.ToUk(opensAt).Date.AddDays(DefaultLength.TotalDays).AddHours(23).AddMinutes(59));

    /// <summary>A configured date: UK local time unless it says its offset.</summary>
    public static DateTimeOffset? Parse(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var parsed = DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            return parsed.Kind == DateTimeKind.Unspecified
                ? UkTime.FromUk(parsed)
                : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new StartupException($"{setting} must be a UK local date and time written yyyy-MM-ddTHH:mm (got {value}): {ex.Message}", ex);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var dates = new
        {
            OpensAt = Parse(options.Value.OpensAt, "Consultation:OpensAt"),
            ClosesAt = Parse(options.Value.ClosesAt, "Consultation:ClosesAt"),
        };
        if (dates.OpensAt is null && dates.ClosesAt is null)
        {
            await SetNewDatabaseDatesAsync(cancellationToken);
            return;
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(
                """
                UPDATE programme_round
                   SET opens_at = coalesce(@OpensAt, opens_at), closes_at = coalesce(@ClosesAt, closes_at)
                 WHERE id = (SELECT id FROM programme_round ORDER BY first_year DESC LIMIT 1)
                """,
                new { dates.OpensAt, dates.ClosesAt },
                transaction);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.IsConstraintViolation(ex))
        {
            throw new StartupException(
                $"Consultation:ClosesAt must be after Consultation:OpensAt, and a round with no dates yet needs both (got opens {dates.OpensAt:O}, closes {dates.ClosesAt:O}).", ex);
        }
    }

    /// <summary>
    /// The seed (migration 0002) can only say "now plus 84 days" in UTC, so a first round still exactly that long is
    /// one nobody has set: it opens now, by the portal's clock, and closes at 11:59pm UK time twelve weeks on.
    /// </summary>
    private async Task SetNewDatabaseDatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<(long Id, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt)>(
            "SELECT id, opens_at, closes_at FROM programme_round ORDER BY first_year DESC LIMIT 1", transaction: transaction);
        if (current.Id == 0 || current.OpensAt is null || current.ClosesAt - current.OpensAt != DefaultLength)
        {
            return;
        }

        var opensAt = clock.GetUtcNow();
        await connection.ExecuteAsync(
            "UPDATE programme_round SET opens_at = @opensAt, closes_at = @closesAt WHERE id = @Id",
            new { opensAt, closesAt = DefaultClosing(opensAt), current.Id },
            transaction);
        await transaction.CommitAsync(cancellationToken);
    }
}

public static class ConsultationDatesRegistration
{
    public static WebApplicationBuilder AddConsultationDates(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsultationDatesOptions>(builder.Configuration.GetSection("Consultation"));
        builder.Services.AddSingleton<IStartupTask, ConsultationDates>();
        return builder;
    }
}
