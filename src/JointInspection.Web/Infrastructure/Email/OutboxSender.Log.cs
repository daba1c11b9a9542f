namespace JointInspection.Web.Infrastructure.Email;

/// <summary>What the sender tells the operator, one message per event, each with its own level.</summary>
public sealed partial class OutboxSender
{
    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Email is not configured (Email:Smtp:Host is empty and the development mailbox is off): emails wait in the outbox until it is.")]
    private partial void LogNotConfigured();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending email through {Host}:{Port} (security {Security}).")]
    private partial void LogTarget(string host, int port, SmtpSecurity security);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email:From is not a valid email address: emails wait in the outbox until it is fixed.")]
    private partial void LogBadFrom();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach the mail server {Host}:{Port}: {Error}. {Count} emails will be tried again later.")]
    private partial void LogUnreachable(string host, int port, string error, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {Id} ({Purpose}) failed on attempt {Attempt}; trying again at {Next:o}: {Error}")]
    private partial void LogWillRetry(long id, string purpose, int attempt, DateTimeOffset next, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {Id} ({Purpose}) was refused for good and will not be tried again: {Error}")]
    private partial void LogRefused(long id, string purpose, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "The mail server {Host}:{Port} timed out on email {Id} ({Purpose}); it and the {Count} emails behind it will be tried again from {Next:o}: {Error}")]
    private partial void LogTimedOut(long id, string purpose, string host, int port, DateTimeOffset next, string error, int count);

    [LoggerMessage(Level = LogLevel.Error, Message =
        "Email {Id} was accepted by the mail server but could not be marked sent (failure {Failures}); nothing more is sent until it is, trying again in {Delay}.")]
    private partial void LogMarkFailed(Exception exception, long id, int failures, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {Id} is marked sent after {Failures} failed attempts; sending resumes.")]
    private partial void LogMarkRecovered(long id, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Email {Id} was sent after this node's claim on it had run out and another node had taken it over: it may have gone twice, and the other node's record of it stands.")]
    private partial void LogOvertaken(long id);

    [LoggerMessage(Level = LogLevel.Critical, Message =
        "Stopping with email {Id} accepted by the mail server but not marked sent: it will be sent again once this node's claim on it runs out.")]
    private partial void LogUnmarkedAtStop(long id);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox round failed; the next round starts afresh.")]
    private partial void LogRoundFailed(Exception exception);
}
