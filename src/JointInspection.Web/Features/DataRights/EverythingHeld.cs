using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// A subject access request across every submission sent with one email address. Anyone can type an address into a
/// form, so the answer goes only to that address, never to the screen: holding one submission's status link proves
/// nothing about the others sent with it.
/// </summary>
public sealed class EverythingHeld(Database database, TimeProvider clock, Outbox outbox, StatusLinks statusLinks)
{
    /// <summary>Emails the list to the address <paramref name="submissionId"/> was sent with; false when it holds no address any more.</summary>
    public async Task<bool> SendAsync(long submissionId, Uri publicBase, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var email = await connection.QuerySingleOrDefaultAsync<string>(
            "SELECT respondent_email FROM submission WHERE id = @submissionId", new { submissionId }, transaction);
        if (string.IsNullOrEmpty(email))
        {
            return false;
        }

        var rows = await connection.QueryAsync<Row>(
            """
            SELECT id AS Id, received_at AS ReceivedAt, protected_status_token AS ProtectedStatusToken
              FROM submission WHERE lower(respondent_email) = lower(@email) ORDER BY id
            """,
            new { email },
            transaction);
        var submissions = rows.Select(r => (
            SubmissionReference.Format(r.Id),
            r.ReceivedAt,
            statusLinks.PathFor(r.ProtectedStatusToken) is { } path ? PortalPaths.Absolute(publicBase, path) : null)).ToList();
        await outbox.AddAsync(connection, transaction, DataRightsEmails.EverythingHeld(email, submissions), now);
        await Audit.WriteAsync(connection, transaction, now, DataRequests.RespondentActor, "data-request.access", SubmissionReference.Format(submissionId), null, new { submissions = submissions.Count });
        await transaction.CommitAsync(cancellationToken);
        outbox.Committed();
        return true;
    }

    private sealed class Row
    {
        public long Id { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }

        public string? ProtectedStatusToken { get; set; }
    }
}
