using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Submissions;

public enum ConfirmationState
{
    Unknown,
    Ready,
    AlreadyUsed,
    Expired,
}

/// <summary>Single-use, seven-day links that confirm a respondent's email address.</summary>
public sealed class EmailConfirmations(Database database, TimeProvider clock, StatusLinks statusLinks)
{
    /// <summary>The link's state, the submission's reference and the path of its status page (null for older submissions).</summary>
    public async Task<(ConfirmationState State, string? Reference, string? StatusPath)> CheckAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(long SubmissionId, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, string? ProtectedStatusToken)>(
            """
            SELECT c.submission_id, c.expires_at, c.used_at, s.protected_status_token
              FROM email_confirmation c JOIN submission s ON s.id = c.submission_id
             WHERE c.token_hash = @hash
            """,
            new { hash = LinkToken.Hash(token) });
        if (row.SubmissionId == 0)
        {
            return (ConfirmationState.Unknown, null, null);
        }

        var state = row.UsedAt is not null ? ConfirmationState.AlreadyUsed
            : row.ExpiresAt <= clock.GetUtcNow() ? ConfirmationState.Expired
            : ConfirmationState.Ready;
        return (state, SubmissionReference.Format(row.SubmissionId), statusLinks.PathFor(row.ProtectedStatusToken));
    }

    /// <summary>Uses the link: true only for the one request that finds it unused and unexpired.</summary>
    public async Task<bool> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var submissionId = await connection.QuerySingleOrDefaultAsync<long?>(
            """
            UPDATE email_confirmation SET used_at = @now
             WHERE token_hash = @hash AND used_at IS NULL AND expires_at > @now
            RETURNING submission_id
            """,
            new { hash = LinkToken.Hash(token), now },
            transaction);
        if (submissionId is null)
        {
            return false;
        }

        await connection.ExecuteAsync(
            "UPDATE submission SET email_confirmed_at = @now WHERE id = @submissionId AND email_confirmed_at IS NULL",
            new { submissionId, now },
            transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
