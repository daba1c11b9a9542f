namespace JointInspection.Web.Features.Retention;

/// <summary>Wakes the retention runner and tells whoever waits when the next pass is over, with what it did.</summary>
public sealed class RetentionSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private TaskCompletionSource<RetentionPassResult> next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next pass to start is over.</summary>
    public Task<RetentionPassResult> NextPass => Volatile.Read(ref next).Task;

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

    /// <summary>
    /// A pass is starting: those already waiting get its result; anyone who starts waiting from now on waits for the
    /// one after, which is sure to have started after they asked.
    /// </summary>
    public TaskCompletionSource<RetentionPassResult> Starting() =>
        Interlocked.Exchange(ref next, new TaskCompletionSource<RetentionPassResult>(TaskCreationOptions.RunContinuationsAsynchronously));

    public void Dispose() => wake.Dispose();
}

/// <summary>
/// Runs the retention pass on every node: once soon after start-up, then each hour, when the first node to look on a
/// new day claims it (<see cref="RetentionPass"/>) and the rest find it taken. Tests run a pass and wait for it with
/// <see cref="RunPassAsync"/>, on the portal's clock, never on time passing.
/// </summary>
public sealed partial class RetentionRunner(RetentionPass pass, RetentionSignal signal, ILogger<RetentionRunner> logger) : BackgroundService
{
    // An hourly look costs one small write; the day's pass itself runs once, on one node.
    private static readonly TimeSpan Poll = TimeSpan.FromHours(1);

    /// <summary>Wakes the runner and waits for the pass it then runs.</summary>
    public Task<RetentionPassResult> RunPassAsync(CancellationToken cancellationToken)
    {
        var next = signal.NextPass;
        signal.Wake();
        return next.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var waiting = signal.Starting();
            try
            {
                // Inside the loop: a database too busy to take a write now is tried again later rather than ending the
                // runner (and with it the portal).
                var result = await pass.RunAsync(stoppingToken);
                if (result is { Ran: true, Removed: > 0 })
                {
                    LogRemoved(result.Removed, result.Day);
                }

                waiting.TrySetResult(result);
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                waiting.TrySetCanceled(stoppingToken);
                break;
            }
            catch (Exception ex)
            {
                LogPassFailed(ex);
                waiting.TrySetException(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: the personal data of {Count} submissions was removed in the pass of {Day}.")]
    private partial void LogRemoved(int count, string day);

    [LoggerMessage(Level = LogLevel.Error, Message = "A retention pass failed; it will try again.")]
    private partial void LogPassFailed(Exception ex);
}
