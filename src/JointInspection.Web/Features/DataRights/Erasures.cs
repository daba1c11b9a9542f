using JointInspection.Web.Features.Retention;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// Carries out an erasure request in one write: the submission's personal data goes (its name, email address,
/// organisation, documents and the emails sent about it), with what they wrote unless the secretariat records why it
/// must be kept; the request is closed (before the removal, which then empties its copy of the address), the respondent told, and the erasure audited.
/// </summary>
public sealed class Erasures(Database database, TimeProvider clock, Outbox outbox, PersonalDataRemoval removal)
{
    public const string EraseAction = "personal-data.erase";

    /// <summary>False when the request is not an open erasure (already carried out in another tab, say): nothing changes.</summary>
    public async Task<bool> CarryOutAsync(long requestId, string staff, string? keepTextBecause, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var outcome = keepTextBecause is null ? "erased" : "erased-text-kept";
        if (await DataRequests.CloseAsync(connection, transaction, requestId, DataRequests.Erasure, staff, outcome, keepTextBecause, now) is not { } request)
        {
            return false;
        }

        var removed = await removal.RemoveAsync(
            connection, transaction, [request.SubmissionId], now, eraseText: keepTextBecause is null, cancellationToken);
        await Audit.WriteAsync(
            connection, transaction, now, staff, EraseAction, $"submission:{request.Reference}",
            removed.Count == 0 ? null : removed[0].AuditBefore,
            new { request = requestId, removed = removed.Count == 0 ? null : removed[0].AuditAfter, textKeptBecause = keepTextBecause });
        if (request.Email.Length > 0)
        {
            await outbox.AddAsync(connection, transaction, DataRightsEmails.Erased(request.Reference, request.Email, keepTextBecause), now);
        }

        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return true;
    }
}
