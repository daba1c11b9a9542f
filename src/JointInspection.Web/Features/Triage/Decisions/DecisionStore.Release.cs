using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>How a final decision reaches its respondent: released at once or held, and the outcome email it sends.</summary>
public sealed partial class DecisionStore
{
    /// <summary>
    /// Releases a final decision now when its round releases outcomes as they are made, or when its respondent has already
    /// had an outcome (a revision of a released decision goes at once, saying what it replaces). Otherwise it is held.
    /// </summary>
    /// <returns>The current decision (the first of <paramref name="history"/>) as released, or null when it is held.</returns>
    private async Task<DecisionRecord?> ReleaseIfDueAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, IReadOnlyList<DecisionRecord> history, Uri publicBase, DateTimeOffset now)
    {
        var decision = history[0];
        if (!decision.IsFinal || !await IsReleaseDueAsync(connection, transaction, submissionId, history))
        {
            return null;
        }

        await ReleaseAsync(connection, transaction, submissionId, decision, history, publicBase, now, null);
        return decision with { ReleasedAt = now };
    }

    private static async Task<bool> IsReleaseDueAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, IReadOnlyList<DecisionRecord> history)
    {
        var mode = await connection.ExecuteScalarAsync<string>(
            "SELECT r.release_mode FROM submission s JOIN programme_round r ON r.id = s.round_id WHERE s.id = @submissionId",
            new { submissionId }, transaction);
        return mode == ReleaseModes.Immediate || history.Any(d => d.IsReleased);
    }

    /// <summary>
    /// Marks the decision released and writes its outcome email, which says which released decision it replaces, if any.
    /// <paramref name="release"/> names the release it went out in, and labels its emails so their progress can be followed.
    /// </summary>
    private async Task ReleaseAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, DecisionRecord decision,
        IReadOnlyList<DecisionRecord> history, Uri publicBase, DateTimeOffset now, long? release)
    {
        await connection.ExecuteAsync(MarkReleasedSql, new { now, release, submissionId, decision.Version }, transaction);
        await outbox.AddAsync(
            connection, transaction,
            await OutcomeEmailAsync(connection, transaction, submissionId, decision, history, publicBase, forPreview: false),
            now,
            release is { } batch ? ReleaseBatch(batch) : null);
    }

    private const string MarkReleasedSql =
        "UPDATE decision SET released_at = @now, release_id = @release WHERE submission_id = @submissionId AND version = @Version";

    /// <summary>
    /// The outcome email for a decision, saying which released decision it replaces, if any. A preview shows staff the
    /// status link's place but not its secret, which is the respondent's alone.
    /// </summary>
    private async Task<OutgoingEmail> OutcomeEmailAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, DecisionRecord decision,
        IReadOnlyList<DecisionRecord> history, Uri publicBase, bool forPreview)
    {
        var submission = await connection.QuerySingleAsync<SubmissionRow>(
            $"{SubmissionRowSql} WHERE id = @submissionId", new { submissionId }, transaction);
        return OutcomeEmail(submissionId, submission, decision, history, publicBase, forPreview);
    }

    private const string SubmissionRowSql = """
        SELECT id AS Id, kind AS Kind, title AS Title, respondent_name AS RespondentName, respondent_email AS RespondentEmail,
               protected_status_token AS ProtectedStatusToken
          FROM submission
        """;

    private OutgoingEmail OutcomeEmail(
        long submissionId, SubmissionRow submission, DecisionRecord decision, IReadOnlyList<DecisionRecord> history, Uri publicBase, bool forPreview)
    {
        var replaces = history.FirstOrDefault(d => d.IsReleased && d.Version < decision.Version);
        var workstreamLink = decision.WorkstreamPath is null ? null : PortalPaths.Absolute(publicBase, decision.WorkstreamPath);
        var statusPath = submission.ProtectedStatusToken is null ? null
            : forPreview ? PortalPaths.Status(PreviewStatusToken) : statusLinks.PathFor(submission.ProtectedStatusToken);
        return DecisionEmails.Outcome(
            submissionId, SubmissionReference.Format(submissionId), submission.Kind, submission.Title, submission.RespondentEmail,
            submission.RespondentName, decision, replaces, workstreamLink, statusPath is null ? null : PortalPaths.Absolute(publicBase, statusPath));
    }

    /// <summary>Stands in a preview for the respondent's secret status token.</summary>
    public const string PreviewStatusToken = "their-own-secret-link";

    private const string ReleaseBatchPrefix = "release:";

    /// <summary>The label an outcome release's emails carry in the outbox.</summary>
    public static string ReleaseBatch(long release) => ReleaseBatchPrefix + release.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
