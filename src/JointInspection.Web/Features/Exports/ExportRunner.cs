using System.Diagnostics;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Writes queued exports, one at a time, in the background: one runner per node, woken when an export is asked for and
/// otherwise every few minutes. The node claims the export it writes and renews the claim as it goes (see
/// <see cref="ExportJob.ClaimLease"/>). A file is written beside its final name and moved there only when whole, so a
/// failed export leaves nothing to download; its job says why. Each pass also fails exports whose node stopped writing
/// them and removes files kept longer than a day.
/// </summary>
public sealed partial class ExportRunner(
    ExportJobStore jobs, ExportRows rows, ExportFolder folder, ExportSignal signal, ProgrammeReader programmes, ILogger<ExportRunner> logger)
    : BackgroundService
{
    /// <summary>
    /// How often the progress bar's figures are written while rows are: each is a write to the database, so they are
    /// kept to a few a second, whatever the size of the export.
    /// </summary>
    public static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Poll = TimeSpan.FromMinutes(5);

    /// <summary>The export, once it is done or failed; for tests and the benchmark, which wait on it rather than on the clock.</summary>
    public async Task<ExportJob> WhenFinishedAsync(long id, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = signal.NextFinish;
            var job = await jobs.ReadAsync(id, cancellationToken) ?? throw new InvalidOperationException($"There is no export {id}.");
            if (!job.IsActive)
            {
                return job;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Inside the loop: a database too busy to take this write as the portal starts is retried like any
                // other pass rather than ending the runner (and with it the portal). Every pass, because any node may
                // have stopped mid-export since the last.
                await jobs.FailAbandonedAsync(stoppingToken);
                await RemoveExpiredAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested && await jobs.ClaimNextAsync(stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                }

                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database busy, say: the next pass starts afresh.
                LogPassFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task RunAsync(ExportJob job, CancellationToken stoppingToken)
    {
        var part = folder.PartFor(job);
        var file = folder.FileFor(job);
        try
        {
            var programme = await programmes.ReadAsync(stoppingToken);
            var rounds = (await programmes.ReadAllAsync(stoppingToken)).Select(p => p.Round).ToList();
            var (filter, errors) = TriageFilter.Parse(ExportFilter.RequestOf(job.Filter), programme, rounds);
            if (filter is null)
            {
                await FailAsync(job, $"its filter no longer names what the queue has ({string.Join(" ", errors.Values.SelectMany(e => e))}).");
                return;
            }

            var total = await rows.CountAsync(filter, stoppingToken);
            var mine = await jobs.ProgressAsync(job.Id, 0, total, stoppingToken);
            folder.Create();
            long done = 0;
            var reported = Stopwatch.GetTimestamp();
            await using (var stream = new FileStream(part, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using var writer = ExportFileWriter.Create(job.Format, stream, ExportColumns.All);
                await foreach (var cells in rows.ReadAsync(filter, stoppingToken))
                {
                    if (!mine)
                    {
                        break;
                    }

                    writer.WriteRow(cells);
                    if (++done % 500 == 0 && Stopwatch.GetElapsedTime(reported) >= ProgressEvery)
                    {
                        mine = await jobs.ProgressAsync(job.Id, done, Math.Max(total, done), stoppingToken);
                        reported = Stopwatch.GetTimestamp();
                    }
                }

                writer.Finish();
                await stream.FlushAsync(stoppingToken);
            }

            File.Move(part, file, overwrite: true);
            if (mine && await jobs.FinishAsync(job.Id, file, done, stoppingToken))
            {
                LogWritten(job.Id, done, job.Format);
            }
            else
            {
                // The claim ran out and another node failed the export, telling its owner: the file would be nobody's.
                RemoveQuietly(file);
                LogClaimLost(job.Id);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            RemoveQuietly(part);
            RemoveQuietly(file);
            await FailAsync(job, "the portal stopped while it was being written.");
        }
        catch (Exception ex)
        {
            LogExportFailed(ex, job.Id);
            RemoveQuietly(part);
            RemoveQuietly(file);
            await FailAsync(job, ex is IOException or UnauthorizedAccessException
                ? $"the file could not be saved ({ex.Message})."
                : "something went wrong on the portal's side; it has been logged.");
        }
        finally
        {
            signal.Finished();
        }
    }

    // Not the stopping token: a failure is recorded even as the portal stops, so its owner is not left waiting.
    private Task FailAsync(ExportJob job, string error) => jobs.FailAsync(job.Id, error, CancellationToken.None);

    private async Task RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        foreach (var job in await jobs.ExpiredAsync(cancellationToken))
        {
            RemoveQuietly(job.FilePath!);
            await jobs.MarkRemovedAsync(job.Id, cancellationToken);
        }
    }

    private void RemoveQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogRemoveFailed(ex, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Export {Id} written: {Rows} submissions as {Format}.")]
    private partial void LogWritten(long id, long rows, string format);

    [LoggerMessage(Level = LogLevel.Error, Message = "Export {Id} could not be written.")]
    private partial void LogExportFailed(Exception ex, long id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Export {Id} was failed by another node after this one's claim ran out; its file is removed.")]
    private partial void LogClaimLost(long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "A pass of the export runner failed; it will try again.")]
    private partial void LogPassFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The export file {Path} could not be removed.")]
    private partial void LogRemoveFailed(Exception ex, string path);
}
