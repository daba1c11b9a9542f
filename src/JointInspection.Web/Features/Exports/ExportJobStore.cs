using System.Data.Common;
using Dapper;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Exports;

/// <summary>What asking for an export did: queued a new one, or refused because one of the same person's is still going.</summary>
public abstract record ExportRequestResult
{
    public sealed record Queued(ExportJob Job) : ExportRequestResult;

    public sealed record AlreadyActive(ExportJob Running) : ExportRequestResult;
}

/// <summary>
/// The export_job table: asking for an export (one at a time each), the runner claiming and moving it on, and the
/// audit of each request and download. Every write is one transaction.
/// </summary>
public sealed class ExportJobStore(Database database, TimeProvider clock)
{
    private const string Columns = """
        SELECT id, requested_by AS RequestedBy, filter, format, state, rows_done AS RowsDone, rows_total AS RowsTotal,
               created_at AS CreatedAt, started_at AS StartedAt, finished_at AS FinishedAt, file_path AS FilePath,
               file_removed_at AS FileRemovedAt, error
          FROM export_job
        """;

    /// <summary>
    /// Queues an export of the queue's view <paramref name="filter"/> (its query string) for <paramref name="requestedBy"/>,
    /// audited in the same transaction, unless one of theirs is queued or running already.
    /// </summary>
    public async Task<ExportRequestResult> RequestAsync(string requestedBy, string filter, string format, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestedBy);
        ArgumentNullException.ThrowIfNull(filter);
        if (!ExportFormats.All.Contains(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Not an export format.");
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await ActiveAsync(connection, transaction, requestedBy) is { } active)
        {
            return new ExportRequestResult.AlreadyActive(active);
        }

        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO export_job (requested_by, filter, format, created_at) VALUES (@requestedBy, @filter, @format, @now)
            RETURNING id
            """,
            new { requestedBy, filter, format, now },
            transaction);
        await Audit.WriteAsync(connection, transaction, now, requestedBy, "export.request", Subject(id), null, new { filter, format });
        await transaction.CommitAsync(cancellationToken);
        return new ExportRequestResult.Queued((await ReadAsync(id, cancellationToken))!);
    }

    public async Task<ExportJob?> ReadAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Columns} WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.Job();
    }

    /// <summary>The person's export that is queued or running, if there is one.</summary>
    public async Task<ExportJob?> ActiveAsync(string requestedBy, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ActiveAsync(connection, null, requestedBy);
    }

    /// <summary>Takes the oldest queued export for this process to write, or null when none is waiting.</summary>
    public async Task<ExportJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long?>(
            """
            UPDATE export_job SET state = 'running', started_at = @now
             WHERE id = (SELECT min(id) FROM export_job WHERE state = 'queued')
            RETURNING id
            """,
            new { now = clock.GetUtcNow() },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return id is null ? null : await ReadAsync(id.Value, cancellationToken);
    }

    /// <summary>How many rows are written so far, and of how many; the job page's progress bar reads these.</summary>
    public Task ProgressAsync(long id, long rowsDone, long rowsTotal, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE export_job SET rows_done = @rowsDone, rows_total = @rowsTotal WHERE id = @id AND state = 'running'",
            new { id, rowsDone, rowsTotal },
            cancellationToken);

    /// <summary>The whole file is written and in place: it may be downloaded from now on.</summary>
    public Task FinishAsync(long id, string filePath, long rows, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            UPDATE export_job SET state = 'done', finished_at = @now, file_path = @filePath, rows_done = @rows, rows_total = @rows
             WHERE id = @id AND state = 'running'
            """,
            new { id, filePath, rows, now = clock.GetUtcNow() },
            cancellationToken);

    public Task FailAsync(long id, string error, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE export_job SET state = 'failed', finished_at = @now, error = @error WHERE id = @id AND state IN ('queued', 'running')",
            new { id, error, now = clock.GetUtcNow() },
            cancellationToken);

    /// <summary>
    /// Exports left running when the portal last stopped cannot be finished (their part-written files are gone with the
    /// process's work): they fail, so their owners can ask again.
    /// </summary>
    public Task FailInterruptedAsync(CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE export_job SET state = 'failed', finished_at = @now, error = @error WHERE state = 'running'",
            new { now = clock.GetUtcNow(), error = "the portal restarted while it was being written." },
            cancellationToken);

    /// <summary>Finished files older than <see cref="ExportJob.KeptFor"/>, which are to be removed.</summary>
    public async Task<IReadOnlyList<ExportJob>> ExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Columns} WHERE state = 'done' AND file_path IS NOT NULL AND finished_at <= @before",
            new { before = clock.GetUtcNow() - ExportJob.KeptFor },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.Job()).ToList();
    }

    public Task MarkRemovedAsync(long id, CancellationToken cancellationToken) =>
        WriteAsync(
            "UPDATE export_job SET file_path = NULL, file_removed_at = @now WHERE id = @id",
            new { id, now = clock.GetUtcNow() },
            cancellationToken);

    /// <summary>Audits a download of the export's file by the person who asked for it.</summary>
    public async Task RecordDownloadAsync(ExportJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await Audit.WriteAsync(
            connection, transaction, clock.GetUtcNow(), job.RequestedBy, "export.download", Subject(job.Id), null,
            new { job.Filter, job.Format, rows = job.RowsDone });
        await transaction.CommitAsync(cancellationToken);
    }

    public static string Subject(long id) => $"export:{id}";

    private static async Task<ExportJob?> ActiveAsync(DbConnection connection, DbTransaction? transaction, string requestedBy) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(
            $"{Columns} WHERE requested_by = @requestedBy AND state IN ('queued', 'running')", new { requestedBy }, transaction))?.Job();

    private async Task WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    // Settable properties: Dapper applies the portal's DateTimeOffset handler to properties, not constructor parameters.
    private sealed class Row
    {
        public long Id { get; init; }

        public string RequestedBy { get; init; } = "";

        public string Filter { get; init; } = "";

        public string Format { get; init; } = "";

        public string State { get; init; } = "";

        public long RowsDone { get; init; }

        public long? RowsTotal { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? StartedAt { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }

        public string? FilePath { get; init; }

        public DateTimeOffset? FileRemovedAt { get; init; }

        public string? Error { get; init; }

        public ExportJob Job() => new(
            Id, RequestedBy, Filter, Format, State, RowsDone, RowsTotal, CreatedAt, StartedAt, FinishedAt, FilePath, FileRemovedAt, Error);
    }
}
