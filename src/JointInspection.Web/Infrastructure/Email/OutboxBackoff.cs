using System.Globalization;

namespace JointInspection.Web.Infrastructure.Email;

/// <summary>When a failed email is tried again: 10 s after the first failure, doubling each time, never more than an hour apart.</summary>
public static class OutboxBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <param name="attempts">Failed attempts so far, counting the one just made (1 or more).</param>
    public static TimeSpan After(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);

        // 2^9 × 10 s already passes an hour; stopping the doubling there also keeps it clear of overflow.
        var doublings = Math.Min(attempts - 1, 10);
        var delay = First * Math.Pow(2, doublings);
        return delay < Longest ? delay : Longest;
    }
}

/// <summary>Where the sender delivers: the configured server, or the development mailbox standing in for one.</summary>
public sealed record SmtpTarget(string Host, int Port, SmtpSecurity Security, string? Username, string? Password)
{
    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
