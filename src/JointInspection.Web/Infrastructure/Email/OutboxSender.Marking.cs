namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// Marking an email sent once the server has accepted it. Until the mark is written the email is held here, and a
/// mark that fails is the only thing tried again, backing off, so a database fault never makes an email go twice.
/// </summary>
public sealed partial class OutboxSender
{
    private static readonly TimeSpan FirstMarkRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestMarkRetry = TimeSpan.FromMinutes(1);

    // Accepted by the server but not yet recorded as sent: it must never go to SendAsync again.
    private long? unmarked;
    private int markFailures;

    private TimeSpan MarkRetryDelay()
    {
        var delay = FirstMarkRetry * Math.Pow(2, Math.Min(markFailures - 1, 10));
        return delay < LongestMarkRetry ? delay : LongestMarkRetry;
    }

    private async Task<bool> TryMarkUnmarkedAsync()
    {
        if (unmarked is not { } id)
        {
            return true;
        }

        try
        {
            if (!await rows.MarkSentAsync(id))
            {
                LogOvertaken(id);
            }
        }
        catch (Exception ex)
        {
            markFailures++;
            LogMarkFailed(ex, id, markFailures, MarkRetryDelay());
            return false;
        }

        if (markFailures > 0)
        {
            LogMarkRecovered(id, markFailures);
        }

        unmarked = null;
        markFailures = 0;
        return true;
    }
}
