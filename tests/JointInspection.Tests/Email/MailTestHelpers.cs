using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Email;

/// <summary>One outbox row as the tests read it: instants stay as stored text.</summary>
public sealed class OutboxRow
{
    public long Id { get; init; }

    public string Purpose { get; init; } = "";

    public string ToAddress { get; init; } = "";

    public string Subject { get; init; } = "";

    public long Attempts { get; init; }

    public string? LastError { get; init; }

    public string NextAttemptAt { get; init; } = "";

    public string? SentAt { get; init; }

    public string? FailedAt { get; init; }
}

public static class MailTestHelpers
{
    public static readonly TimeSpan Patience = TestPatience.SafetyNet;

    /// <summary>Sends a response through the API and returns its reference.</summary>
    public static async Task<string> SubmitAsync(HttpClient client, string email, string text = "The programme should look harder at remand.") =>
        (await SampleSubmissions.SendAsync(client, SampleSubmissions.Response(text, email))).Reference;

    public static async Task<List<OutboxRow>> OutboxAsync(PortalFactory factory)
    {
        await using var connection = TestDatabase.Open(factory.ConnectionString);
        var rows = await connection.QueryAsync<OutboxRow>(
            """
            SELECT id AS Id, purpose AS Purpose, to_address AS ToAddress, subject AS Subject, attempts AS Attempts,
                   last_error AS LastError, next_attempt_at AS NextAttemptAt, sent_at AS SentAt, failed_at AS FailedAt
              FROM outbox_message ORDER BY id
            """);
        return rows.ToList();
    }

    /// <summary>Reads the outbox until the condition holds, failing with the last rows seen once patience runs out.</summary>
    public static async Task<List<OutboxRow>> WaitForOutboxAsync(PortalFactory factory, Func<List<OutboxRow>, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            var rows = await OutboxAsync(factory);
            if (condition(rows))
            {
                return rows;
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var seen = string.Join("; ", rows.Select(r =>
                    $"#{r.Id} {r.Purpose} attempts={r.Attempts} sent={r.SentAt ?? "-"} failed={r.FailedAt ?? "-"} error={r.LastError ?? "-"}"));
                Assert.Fail($"The outbox did not reach the expected state within {Patience}. Rows: {seen}");
            }
        }
    }
}
