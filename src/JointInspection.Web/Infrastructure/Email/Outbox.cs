using System.Data.Common;
using Dapper;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>An email to send; the HTML part is optional, the plain-text part is not.</summary>
public sealed record OutgoingEmail(string Purpose, string To, string Subject, string TextBody, string? HtmlBody, long? SubmissionId);

/// <summary>
/// Email is written to the outbox table in the same transaction as whatever caused it, so it is sent
/// if and only if that commits. The sender picks it up from there.
/// </summary>
public sealed class Outbox(OutboxSignal signal)
{
    /// <summary>Queues the email; <paramref name="batch"/> labels emails sent together, so their progress can be counted.</summary>
    public Task AddAsync(DbConnection connection, DbTransaction transaction, OutgoingEmail email, DateTimeOffset now, string? batch = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        return AddAsync(connection, transaction, [email], now, batch);
    }

    /// <summary>
    /// Queues the emails in order, by one statement run again for each: thousands at once (a release of outcomes) cost
    /// one statement's preparation, not thousands.
    /// </summary>
    public Task AddAsync(DbConnection connection, DbTransaction transaction, IEnumerable<OutgoingEmail> emails, DateTimeOffset now, string? batch = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(emails);
        return connection.ExecuteAsync(
            """
            INSERT INTO outbox_message (submission_id, purpose, to_address, subject, text_body, html_body, created_at, next_attempt_at, batch)
            VALUES (@SubmissionId, @Purpose, @To, @Subject, @TextBody, @HtmlBody, @now, @now, @batch)
            """,
            // An address removed with a respondent's personal data (retention or erasure) is empty: nothing more goes to them.
            emails.Where(email => email.To.Length > 0)
                .Select(email => new { email.SubmissionId, email.Purpose, email.To, email.Subject, email.TextBody, email.HtmlBody, now, batch }),
            transaction);
    }

    /// <summary>Call after the transaction commits, so the sender looks now rather than at its next poll.</summary>
    public void Committed() => signal.Wake();
}

/// <summary>Wakes the outbox sender early; a missed wake only delays mail until the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

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

    public void Dispose() => wake.Dispose();
}
