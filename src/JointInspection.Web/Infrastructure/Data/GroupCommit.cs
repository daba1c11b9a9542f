using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>
/// Writes that arrive together share one transaction and one commit. A durable commit waits for the disk, and SQLite
/// has one writer at a time, so at a peak (the last hours of a consultation) one commit per write leaves everyone
/// queueing for the disk; one commit for all that are waiting costs each of them a fraction of it.
/// <para>
/// Each write runs in its own savepoint: one that fails is undone on its own and its caller gets the exception, while
/// the others are committed. No caller hears of success until the commit that holds its write has succeeded; if the
/// commit fails, every write in it fails with it and nothing is stored. A single loop does the writing, taking this
/// process's write turn (<see cref="Database.OpenForWriteAsync"/>) for each batch, so a write must not ask for the
/// turn itself.
/// </para>
/// </summary>
public sealed class GroupCommit<TWork, TResult> : IAsyncDisposable
{
    /// <summary>Bounds how long one batch holds the write turn that other writers (triage, the CLI) wait for.</summary>
    public const int MaxBatch = 64;

    private const string Savepoint = "group_commit_write";

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Database database;
    private readonly Func<DbConnection, DbTransaction, TWork, Task<TResult>> write;
    private readonly Action committed;
    private readonly Task writing;

    /// <param name="database">Where the writes go.</param>
    /// <param name="write">Writes one unit of work inside the shared transaction.</param>
    /// <param name="committed">Called after each commit that stored at least one write.</param>
    public GroupCommit(Database database, Func<DbConnection, DbTransaction, TWork, Task<TResult>> write, Action committed)
    {
        this.database = database;
        this.write = write;
        this.committed = committed;
        writing = Task.Run(WriteWhileQueuedAsync);
    }

    /// <summary>
    /// Queues the work and returns its result once it is committed. Once queued it is written even if the caller stops
    /// waiting, so cancellation is honoured only before then.
    /// </summary>
    public async Task<TResult> WriteAsync(TWork work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(work, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        if (!queue.Writer.TryWrite(pending))
        {
            throw new ObjectDisposedException(nameof(GroupCommit<TWork, TResult>), "The portal is shutting down.");
        }

        return await pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        // Writes already queued are finished before the process goes.
        queue.Writer.TryComplete();
        await writing;
    }

    private async Task WriteWhileQueuedAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next))
            {
                // Behind a lock that was not freed, the queue fills while each batch waits its lock wait in turn. A write
                // that has already waited that long is refused unwritten, so that no caller waits much more than the
                // lock wait and nothing is stored for a caller who has long since given up.
                if (Stopwatch.GetElapsedTime(next.QueuedAt) > database.LockWait)
                {
                    next.Done.TrySetException(new StorageUnavailableException(
                        $"The write waited more than {database.LockWait.TotalSeconds:0} s behind others that could not be stored."));
                    continue;
                }

                batch.Add(next);
            }

            if (batch.Count == 0)
            {
                continue;
            }

            await WriteBatchAsync(batch);
            batch.Clear();
        }
    }

    private async Task WriteBatchAsync(List<Pending> batch)
    {
        var written = new List<(Pending Pending, TResult Result)>(batch.Count);
        try
        {
            await using var connection = await database.OpenForWriteAsync();
            await using var transaction = await connection.BeginWriteAsync();
            foreach (var pending in batch)
            {
                transaction.Save(Savepoint);
                try
                {
                    var result = await write(connection, transaction, pending.Work);
                    transaction.Release(Savepoint);
                    written.Add((pending, result));
                }
#pragma warning disable CA1031 // One write's failure, whatever it is, is its caller's answer and not the batch's.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    // If the savepoint itself cannot be undone the transaction is lost, and the catch below fails them all.
                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    pending.Done.TrySetException(ex);
                }
            }

            await transaction.CommitAsync();
        }
#pragma warning disable CA1031 // Whatever stopped the commit is every waiting caller's answer; the loop must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        // Before the callers hear, so that whatever it sets off has been set off by the time they carry on.
        try
        {
            if (written.Count > 0)
            {
                committed();
            }
        }
#pragma warning disable CA1031 // It is a nudge after the fact: the writes are stored whatever it does, and the loop must go on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        foreach (var (pending, result) in written)
        {
            pending.Done.TrySetResult(result);
        }
    }

    private sealed record Pending(TWork Work, TaskCompletionSource<TResult> Done, long QueuedAt);
}
