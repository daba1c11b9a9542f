using System.Numerics.Tensors;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Similarity;

/// <summary>Wakes the runner (a submission has arrived, or a test wants a pass now) and says when a pass has ended.</summary>
public sealed class SimilaritySignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private TaskCompletionSource passed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Completes when the runner next finishes a pass, having found nothing more to do.</summary>
    public Task NextIdle => Volatile.Read(ref passed).Task;

    public void Idle() =>
        Interlocked.Exchange(ref passed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose() => wake.Dispose();
}

/// <summary>
/// Analyses submissions in the background, never in the request that receives them: a few at a time, each batch in
/// one short write transaction, so that a backlog (a new deployment on an existing database) is worked through without
/// keeping the write turn from people sending submissions. Each node runs one; a batch another node analysed first
/// fails on the print's primary key and is simply read again.
/// </summary>
public sealed partial class SimilarityRunner(
    Database database, TextPrints prints, SubmissionVectors vectors, SentenceEmbeddings model, SimilarityGroups groups, SimilaritySignal signal,
    IOptions<SimilarityOptions> options, ILogger<SimilarityRunner> logger)
    : BackgroundService
{
    /// <summary>Texts read for meaning in one go: a bounded batch, about a second of the model's time on one thread.</summary>
    public const int EmbedBatch = 16;

    /// <summary>Waits until every submission there is has been analysed: for tests and benchmarks, which wait on this rather than the clock.</summary>
    public async Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        // Switched off, the runner never passes: there is nothing to wait for.
        while (options.Value.Enabled)
        {
            var next = signal.NextIdle;
            signal.Wake();
            await next.WaitAsync(cancellationToken);
            if ((await prints.PendingAsync(1, cancellationToken)).Count == 0 && (!await ReadingAsync(cancellationToken) || (await vectors.PendingAsync(1, cancellationToken)).Count == 0))
            {
                return;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Copies and templates first, as each batch is cheap; reading for meaning fills the time between.
                while (!stoppingToken.IsCancellationRequested
                    && (await AnalyseBatchAsync(stoppingToken) > 0 || (await ReadingAsync(stoppingToken) && await EmbedBatchAsync(stoppingToken) > 0)))
                {
                    // Room between batches for the requests the portal is serving.
                    await Task.Yield();
                }

                signal.Idle();
                await signal.WaitAsync(options.Value.Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database busy, say: the batch is read again on the next pass.
                LogPassFailed(ex);
                signal.Idle();
                await Task.Delay(options.Value.Poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// The last ids each tier analysed: a backlog's next batch is looked for after them, rather than by walking every
    /// submission already done. A submission committed late with a lower id (two nodes receiving at once) is found
    /// when a pass from there finds nothing and the tier looks again from the start.
    /// </summary>
    private long printedUpTo;
    private long readUpTo;

    private static async Task<IReadOnlyList<SubmissionText>> NextAsync(Func<long, Task<IReadOnlyList<SubmissionText>>> pendingAfter, Func<long> upTo, Action<long> moveTo)
    {
        var pending = await pendingAfter(upTo());
        if (pending.Count == 0 && upTo() > 0)
        {
            pending = await pendingAfter(0);
        }

        moveTo(pending.Count == 0 ? 0 : pending[^1].Id);
        return pending;
    }

    private async Task<int> AnalyseBatchAsync(CancellationToken cancellationToken)
    {
        var pending = await NextAsync(after => prints.PendingAsync(options.Value.BatchSize, cancellationToken, after), () => printedUpTo, id => printedUpTo = id);
        if (pending.Count == 0)
        {
            return 0;
        }

        // The prints are worked out before the write turn is taken, so it is held only for the reads and writes.
        var worked = pending.Select(p => (Pending: p, Print: TextPrint.Of(p.Text))).ToList();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        foreach (var (item, print) in worked)
        {
            if (await prints.StoreAndMatchAsync(connection, transaction, item, print) is { } match)
            {
                await groups.ProposeAsync(connection, transaction, item.Id, item.RoundId, match);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return pending.Count;
    }

    /// <summary>
    /// Whether the third tier is on and its model loaded. The model (350 MB, half a second of a core to load) is loaded
    /// only once there is a text to read: a portal with nothing new to read starts without it, and does not share its
    /// core with the load while it starts and answers its first requests.
    /// </summary>
    private async Task<bool> ReadingAsync(CancellationToken cancellationToken) =>
        options.Value.Embeddings
        && (model.Tried || (await vectors.PendingAsync(1, cancellationToken)).Count > 0)
        && model.Available;

    private async Task<int> EmbedBatchAsync(CancellationToken cancellationToken)
    {
        var pending = await NextAsync(after => vectors.PendingAsync(EmbedBatch, cancellationToken, after), () => readUpTo, id => readUpTo = id);
        if (pending.Count == 0)
        {
            return 0;
        }

        // The model's work is done before the write turn is taken: it is the slow part.
        var read = pending.Select(p => (Pending: p, Vector: EmbedOrNone(p))).ToList();
        var matches = new List<(SubmissionText Pending, SimilarityMatch Match)>();
        var threshold = options.Value.ParaphraseThreshold;
        var earlier = new List<(SubmissionText Pending, float[] Vector)>();
        foreach (var (item, vector) in read.Where(r => r.Vector is not null))
        {
            // Against every stored vector of the round, and this batch's earlier ones, which are not stored yet.
            var closest = (await vectors.ClosestAsync(item.RoundId, vector!, item.Id, 1, threshold, cancellationToken))
                .Concat(earlier.Where(e => e.Pending.RoundId == item.RoundId).Select(e => (SubmissionId: e.Pending.Id, Score: (double)TensorPrimitives.Dot(vector!, e.Vector))))
                .Where(c => c.Score >= threshold)
                .OrderByDescending(c => c.Score)
                .FirstOrDefault();
            if (closest.SubmissionId != 0)
            {
                matches.Add((item, new SimilarityMatch(closest.SubmissionId, SimilarityTiers.Paraphrase, closest.Score)));
            }

            earlier.Add((item, vector!));
        }

        await using (var connection = await database.OpenForWriteAsync(cancellationToken))
        await using (var transaction = await connection.BeginWriteAsync(cancellationToken))
        {
            foreach (var (item, vector) in read)
            {
                await vectors.StoreAsync(connection, transaction, item.Id, vector);
            }

            foreach (var (item, match) in matches)
            {
                await groups.ProposeAsync(connection, transaction, item.Id, item.RoundId, match);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var (item, vector) in read.Where(r => r.Vector is not null))
        {
            vectors.Remember(item.RoundId, item.Id, vector!);
        }

        return pending.Count;
    }

    /// <summary>
    /// The text's vector; none, stored as such, when the model fails on this one text, so that one text it cannot read
    /// never holds up the rest of the backlog.
    /// </summary>
    private float[]? EmbedOrNone(SubmissionText text)
    {
        try
        {
            return model.Embed(text.Text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotRead(ex, text.Id);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not read submission {SubmissionId}; it is left to the copy and template tiers.")]
    private partial void LogNotRead(Exception exception, long submissionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of the similarity runner failed; it will be tried again.")]
    private partial void LogPassFailed(Exception exception);
}
