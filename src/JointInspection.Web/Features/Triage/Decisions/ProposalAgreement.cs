using System.Data.Common;
using Dapper;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// Whether a proposed workstream is joint work its decision owns: when that decision needed the agreement of every
/// criminal justice inspectorate taking part, when the work happens and who takes part can change only by revising the
/// decision, so that they all agree again. The programme slice asks this before the secretariat changes one.
/// </summary>
public static class ProposalAgreement
{
    /// <summary>Where the agreement of the suggestion's current decision stands: null when it needed no one else's (or there is none).</summary>
    public static Task<string?> OfAsync(DbConnection connection, DbTransaction? transaction, long submissionId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ExecuteScalarAsync<string?>(
            "SELECT agreement FROM decision WHERE submission_id = @submissionId ORDER BY version DESC LIMIT 1", new { submissionId }, transaction);
    }
}
