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
public sealed class ExportJobStore(Database database, TimeProvider clock, PortalNode node)
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

    /// <summary>
    /// Takes the oldest queued export for this node to write, claimed for <see cref="ExportJob.ClaimLease"/>, or null
    /// when none is waiting.
    /// </summary>
    public async Task<ExportJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var id = await connection.ExecuteScalarAsync<long?>(
            """
            UPDATE export_job SET state = 'running', started_at = @now, claimed_by = @node, claimed_until = @until
             WHERE id = (SELECT min(id) FROM export_job WHERE state = 'queued')
            RETURNING id
            """,
            new { now, node = node.Name, until = now + ExportJob.ClaimLease },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return id is null ? null : await ReadAsync(id.Value, cancellationToken);
    }

    /// <summary>
    /// How many rows are written so far, and of how many; the job page's progress bar reads these. It renews this
    /// node's claim, so a node that is still writing keeps its export however long it takes.
    /// </summary>
    /// <returns>False when the export is no longer this node's to write (its claim ran out and it was failed).</returns>
    public async Task<bool> ProgressAsync(long id, long rowsDone, long rowsTotal, CancellationToken cancellationToken) =>
        await WriteAsync(
            """
            UPDATE export_job SET rows_done = @rowsDone, rows_total = @rowsTotal, claimed_until = @until
             WHERE id = @id AND state = 'running' AND claimed_by = @node
            """,
            new { id, rowsDone, rowsTotal, node = node.Name, until = clock.GetUtcNow() + ExportJob.ClaimLease },
            cancellationToken) == 1;

    /// <summary>The whole file is written and in place: it may be downloaded from now on.</summary>
    /// <returns>False when the export is no longer this node's to finish (its claim ran out and it was failed).</returns>
    public async Task<bool> FinishAsync(long id, string filePath, long rows, CancellationToken cancellationToken) =>
        await WriteAsync(
            """
            UPDATE export_job SET state = 'done', finished_at = @now, file_path = @filePath, rows_done = @rows, rows_total = @rows,
                   claimed_by = NULL, claimed_until = NULL
             WHERE id = @id AND state = 'running' AND claimed_by = @node
            """,
            new { id, filePath, rows, node = node.Name, now = clock.GetUtcNow() },
            cancellationToken) == 1;

    public Task FailAsync(long id, string error, CancellationToken cancellationToken) =>
        WriteAsync(
            """
            UPDATE export_job SET state = 'failed', finished_at = @now, error = @error, claimed_by = NULL, claimed_until = NULL
             WHERE id = @id AND state IN ('queued', 'running')
            """,
            new { id, error, now = clock.GetUtcNow() },
            cancellationToken);

    /// <summary>
    /// Exports whose node stopped writing them (killed, restarted, deployed over) cannot be finished: their part-written
    /// files went with that node's work. Once the claim has run out, any node fails them, so their owners can ask again.
    /// </summary>
    public Task FailAbandonedAsync(CancellationToken cancellationToken) =>
        WriteAsync(
            """
            UPDATE export_job SET state = 'failed', finished_at = @now, error = @error, claimed_by = NULL, claimed_until = NULL
             WHERE state = 'running' AND (claimed_until IS NULL OR claimed_until <= @now)
            """,
            new { now = clock.GetUtcNow(), error = "the portal stopped while it was being written." },
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

    /// <returns>How many rows the write changed.</returns>
    private async Task<int> WriteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var changed = await connection.ExecuteAsync(sql, parameters, transaction);
        await transaction.CommitAsync(cancellationToken);
        return changed;
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
