using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>
/// Sends what the outbox holds. Each email is marked sent as soon as the server accepts it; if the mark cannot be
/// written, the email is held and only the mark is tried again, so a database fault never makes it go twice. A
/// failure to reach the server, a timeout or a 4xx reply is tried again later with <see cref="OutboxBackoff"/>; a 5xx
/// refusal of the recipient or message is final. A full batch is followed at once by the next; otherwise the sender
/// hangs up and sleeps until new mail wakes it. A graceful stop lets the email in flight finish and be marked.
/// <para>
/// Every node runs a sender. Each round claims its batch for a lease (<see cref="OutboxRows.ClaimDueAsync"/>), so no
/// other node sends those emails meanwhile; the marks clear the claim. A node that dies mid-round leaves its claimed
/// emails to the other nodes once the lease is over: an email goes at least once, and twice only in that case.
/// </para>
/// </summary>
public sealed partial class OutboxSender(
    OutboxRows rows,
    OutboxSignal signal,
    IOptionsMonitor<EmailOptions> options,
    TimeProvider clock,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private long rounds;
    private bool reportedUnconfigured;
    private SmtpTarget? announced;

    // The server the client is connected to, while it is: a change of configuration between rounds hangs up first.
    private SmtpTarget? connectedTo;

    private enum AfterRound
    {
        /// <summary>Nothing more is due now: hang up and sleep until woken or the poll interval passes.</summary>
        Sleep,

        /// <summary>The batch was full, so more is probably waiting: start the next round at once, on the same connection.</summary>
        GoAgain,

        /// <summary>An accepted email is still unmarked: wait a little, then try only the mark.</summary>
        RetryMark,
    }

    /// <summary>Rounds finished since start; tests wait on this rather than on the clock.</summary>
    public long Rounds => Interlocked.Read(ref rounds);

    /// <summary>The server mail goes to now, or null when none is configured.</summary>
    public SmtpTarget? CurrentTarget()
    {
        var smtp = options.CurrentValue.Smtp;
        return string.IsNullOrWhiteSpace(smtp.Host)
            ? null
            : new SmtpTarget(smtp.Host.Trim(), smtp.Port, smtp.Security, smtp.Username, smtp.Password);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One client for the life of the loop (SmtpClient is not thread-safe); a backlog reuses its connection.
        using var client = new SmtpClient();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var next = AfterRound.Sleep;
                try
                {
                    next = await RoundAsync(client, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Whatever went wrong (the database busy, say), the next round starts afresh.
                    LogRoundFailed(ex);
                    await SmtpConversation.DisconnectQuietlyAsync(client);
                }

                Interlocked.Increment(ref rounds);
                if (next == AfterRound.GoAgain)
                {
                    continue;
                }

                // Relays drop idle connections, and the next send would find that out the hard way.
                await SmtpConversation.DisconnectQuietlyAsync(client);
                try
                {
                    if (next == AfterRound.RetryMark)
                    {
                        // Not woken by new mail: nothing is sent until the mark is written.
                        await Task.Delay(MarkRetryDelay(), stoppingToken);
                    }
                    else
                    {
                        await signal.WaitAsync(PollInterval(), stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            if (unmarked is not null && !await TryMarkUnmarkedAsync())
            {
                LogUnmarkedAtStop(unmarked.Value);
            }

            await SmtpConversation.DisconnectQuietlyAsync(client);
        }
    }

    private TimeSpan PollInterval()
    {
        var seconds = options.CurrentValue.Outbox.PollSeconds;
        return TimeSpan.FromSeconds(seconds > 0 ? seconds : new OutboxOptions().PollSeconds);
    }

    /// <summary>Claims a batch of due emails and sends them in turn on one connection.</summary>
    /// <returns>What to do next.</returns>
    private async Task<AfterRound> RoundAsync(SmtpClient client, CancellationToken stoppingToken)
    {
        if (unmarked is not null && !await TryMarkUnmarkedAsync())
        {
            return AfterRound.RetryMark;
        }

        var target = CurrentTarget();
        if (target is null)
        {
            if (!reportedUnconfigured)
            {
                LogNotConfigured();
                reportedUnconfigured = true;
            }

            return AfterRound.Sleep;
        }

        reportedUnconfigured = false;
        if (target != announced)
        {
            LogTarget(target.Host, target.Port, target.Security);
            announced = target;
        }

        if (!MailboxAddress.TryParse(options.CurrentValue.From, out var from))
        {
            LogBadFrom();
            return AfterRound.Sleep;
        }

        var due = await rows.ClaimDueAsync(stoppingToken);
        if (due.Count == 0)
        {
            return AfterRound.Sleep;
        }

        if (client.IsConnected && connectedTo != target)
        {
            await SmtpConversation.DisconnectQuietlyAsync(client);
        }

        client.Timeout = (int)options.CurrentValue.Smtp.Timeout.TotalMilliseconds;
        foreach (var email in due)
        {
            // Between emails, never during one: a send the server may already have accepted is not cut short.
            stoppingToken.ThrowIfCancellationRequested();
            if (email != due[0] && clock.GetUtcNow() + options.CurrentValue.SendAllowance > email.ClaimedUntil)
            {
                // Too little of the lease is left for another send to finish inside it: claim again, which renews the
                // lease on the emails this node still holds, rather than send one that another node may be taking over.
                // (The first email of a round has just been claimed, so a lease shorter than a send cannot loop here.)
                return AfterRound.GoAgain;
            }

            if (await SendOneAsync(client, target, from, email, due, stoppingToken) is { } end)
            {
                return end;
            }
        }

        return due.Count == OutboxRows.BatchSize ? AfterRound.GoAgain : AfterRound.Sleep;
    }
}
