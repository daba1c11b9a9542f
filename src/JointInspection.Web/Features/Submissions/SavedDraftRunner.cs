namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// Sends the reminders for saved drafts (<see cref="SavedDrafts.RemindAsync"/>) and forgets those whose consultation
/// has closed: one pass an hour on every node, which is safe as each draft is reminded by the one write that marks it.
/// </summary>
public sealed partial class SavedDraftRunner(SavedDrafts savedDrafts, ILogger<SavedDraftRunner> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                await PassAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PassAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (await savedDrafts.RemindAsync(stoppingToken) is var reminded and > 0)
            {
                LogReminded(reminded);
            }
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // The database busy, say: the next pass finds the same drafts still due.
            LogPassFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Count} people of the answers they saved, as their consultation closes soon.")]
    private partial void LogReminded(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A pass of saved-draft reminders failed; the next pass tries again.")]
    private partial void LogPassFailed(Exception ex);
}
