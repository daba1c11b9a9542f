using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;

namespace JointInspection.Web.Features.Submissions;

/// <summary>One client's Idempotency-Key for one submission, and the hash of what was sent with it.</summary>
public sealed record IdempotencyClaim(string Client, string Key, string RequestHash);

/// <summary>The key came with a different submission from the one it first made.</summary>
public sealed class IdempotencyKeyReusedException() : Exception("The Idempotency-Key was used for a different submission.");

/// <summary>
/// The Idempotency-Key header of POST /api/v1/submissions (after the IETF httpapi draft): a client that did not hear
/// the answer to a submission sends it again with the same key and gets the first answer, and nothing new is stored.
/// A key is the client's (its address) for 24 hours.
/// </summary>
public sealed class SubmissionIdempotency(Database database, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";
    public const int KeyMax = 255;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string KeyRule =
        "Send an Idempotency-Key of 1 to 255 visible ASCII characters (letters, digits and punctuation, no spaces), such as a new UUID for each submission.";

    private readonly IDataProtector statusTokens = protection.CreateProtector("JointInspection.Submissions.IdempotencyKey.StatusToken");

    /// <summary>
    /// The key from the request, null when it has none, or false when it is malformed. The draft standard sends it
    /// as a quoted string; a bare one is taken too.
    /// </summary>
    public static bool TryRead(HttpRequest request, out string? key)
    {
        ArgumentNullException.ThrowIfNull(request);
        key = null;
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return true;
        }

        if (values.Count != 1 || values[0] is not { } value)
        {
            return false;
        }

        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            value = value[1..^1];
        }

        if (value.Length is 0 or > KeyMax || !value.All(c => c is > ' ' and <= '~'))
        {
            return false;
        }

        key = value;
        return true;
    }

    public static IdempotencyClaim Claim(HttpRequest request, string key, SubmissionAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The submission as read, not the bytes sent, so that spacing or the order of fields is not a different submission.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(answers))));
        return new IdempotencyClaim(request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown", key, hash);
    }

    /// <summary>What the key made within the last 24 hours, or null; throws <see cref="IdempotencyKeyReusedException"/> if it came with another submission.</summary>
    public async Task<SavedSubmission?> FindAsync(IdempotencyClaim claim, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, claim, clock.GetUtcNow());
    }

    /// <summary>The same, inside the write that is about to store the submission: two requests with one key cannot both store.</summary>
    public async Task<SavedSubmission?> FindAsync(DbConnection connection, DbTransaction? transaction, IdempotencyClaim claim, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var earlier = await connection.QuerySingleOrDefaultAsync<StoredKey>(
            """
            SELECT request_hash AS RequestHash, submission_id AS SubmissionId, protected_status_token AS ProtectedStatusToken
            FROM idempotency_key WHERE client = @Client AND idempotency_key = @Key AND created_at > @oldest
            """,
            new { claim.Client, claim.Key, oldest = now - Lifetime },
            transaction);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != claim.RequestHash)
        {
            throw new IdempotencyKeyReusedException();
        }

        return new SavedSubmission(earlier.SubmissionId, SubmissionReference.Format(earlier.SubmissionId), statusTokens.Unprotect(earlier.ProtectedStatusToken));
    }

    /// <summary>Keeps the key with the submission it made, in the submission's own transaction, and lets expired keys go.</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IdempotencyClaim claim, SavedSubmission saved, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(saved);
        await connection.ExecuteAsync("DELETE FROM idempotency_key WHERE created_at <= @oldest", new { oldest = now - Lifetime }, transaction);
        await connection.ExecuteAsync(
            """
            INSERT INTO idempotency_key (client, idempotency_key, request_hash, submission_id, protected_status_token, created_at)
            VALUES (@Client, @Key, @RequestHash, @id, @token, @now)
            """,
            new { claim.Client, claim.Key, claim.RequestHash, id = saved.Id, token = statusTokens.Protect(saved.StatusToken), now },
            transaction);
    }

    private sealed record StoredKey(string RequestHash, long SubmissionId, string ProtectedStatusToken);
}
