using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// A decision past the rules that need stored data, with the inspector-days an acceptance draws and the inspectorates
/// whose chief inspectors must agree it.
/// </summary>
public sealed record CheckedDecision(IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, int> DrawnDays, IReadOnlyList<AgreementParty> Parties);

/// <summary>
/// The rules a decision must meet that only the stored data can answer, read inside the decision's own transaction so
/// nothing can change between the check and the write: the workstream merged into is still in the programme and is not
/// the suggestion's own; an acceptance has an assessment, and a reason when it takes an inspectorate over capacity; and
/// no other suggestion is merged into a proposed workstream that a revision would withdraw.
/// </summary>
public static class DecisionChecks
{
    private static readonly IReadOnlyDictionary<string, int> NoDays = new Dictionary<string, int>();

    public static async Task<CheckedDecision> CheckAsync(DbConnection connection, DbTransaction transaction, long submissionId, ValidDecision decision)
    {
        var checkedDecision = await CheckRulesAsync(connection, transaction, submissionId, decision);
        return checkedDecision.Errors.Count > 0
            ? checkedDecision
            : checkedDecision with { Parties = await PartiesAsync(connection, transaction, submissionId, decision) };
    }

    /// <summary>
    /// The criminal justice inspectorates that take part in what the decision makes or changes: the proposed workstream
    /// (its lead and supporting inspectorates), the workstream merged into, or for a response that changes the programme
    /// the workstream it responded to; a response to the whole programme or an area of focus changes work all four own,
    /// led by the inspectorate that chairs the chief inspectors.
    /// </summary>
    private static async Task<IReadOnlyList<AgreementParty>> PartiesAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, ValidDecision decision)
    {
        if (!Agreement.IsJoint(decision.Outcome))
        {
            return [];
        }

        if (decision.Workstream is { } proposed)
        {
            return Agreement.Parties(decision.Outcome, proposed.Lead, proposed.Supporting.Prepend(proposed.Lead));
        }

        var workstreamId = decision.MergeInto ?? await connection.ExecuteScalarAsync<long?>(
            "SELECT workstream_id FROM submission WHERE id = @submissionId", new { submissionId }, transaction);
        var takingPart = (await connection.QueryAsync<(string Code, long IsLead)>(
            workstreamId is null
                ? """
                  SELECT i.code, coalesce(c.is_chair, 0) FROM inspectorate i LEFT JOIN chief_inspector c ON c.inspectorate_code = i.code
                   WHERE i.kind = @criminalJustice ORDER BY i.sort_order
                  """
                : """
                  SELECT p.inspectorate_code, p.role = @lead FROM workstream_participant p JOIN inspectorate i ON i.code = p.inspectorate_code
                   WHERE p.workstream_id = @workstreamId AND i.kind = @criminalJustice ORDER BY i.sort_order
                  """,
            new { workstreamId, criminalJustice = "criminal-justice", lead = "lead" }, transaction)).ToList();
        return Agreement.Parties(decision.Outcome, takingPart.FirstOrDefault(p => p.IsLead == 1).Code, takingPart.Select(p => p.Code));
    }

    private static async Task<CheckedDecision> CheckRulesAsync(DbConnection connection, DbTransaction transaction, long submissionId, ValidDecision decision)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(decision);
        var round = await connection.QuerySingleAsync<(long FirstYear, DateTimeOffset? FinalisedAt)>(
            "SELECT r.first_year, r.finalised_at FROM submission s JOIN programme_round r ON r.id = s.round_id WHERE s.id = @submissionId",
            new { submissionId }, transaction);
        if (round.FinalisedAt is not null)
        {
            // Its outcome is part of the published record and the programme it shaped is final.
            return Refused("outcome", $"The {Rounds.ProgrammeRound.LabelFor((int)round.FirstYear)} programme is final, so its decisions can no longer be recorded or revised");
        }

        if (decision.MergeInto is { } target)
        {
            var origin = await connection.QuerySingleOrDefaultAsync<(long? Origin, string? Withdrawn)?>(
                "SELECT origin_submission_id, withdrawn_at FROM workstream WHERE id = @target", new { target }, transaction);
            if (origin is null || origin.Value.Withdrawn is not null)
            {
                return Refused("mergeInto", "That workstream is no longer in the programme: select another");
            }

            if (origin.Value.Origin == submissionId)
            {
                return Refused("mergeInto", "That is this suggestion's own proposed workstream: select another, or accept the suggestion");
            }
        }

        if (decision.Workstream is { } proposed)
        {
            var assessment = await AssessmentStore.ReadAsync(connection, transaction, submissionId);
            if (assessment is null)
            {
                return Refused("outcome", "Assess the suggestion's risk and resources before accepting it: accepting draws down the inspector-days the assessment gives");
            }

            var figures = await AssessmentStore.CapacityAsync(connection, transaction, proposed.ProgrammeYear, submissionId);
            var drawn = proposed.DrawnDays(assessment.Input.Days);
            // Only the inspectorates it draws from: one already over capacity elsewhere is not this decision's to answer for.
            var lines = Capacity.Lines(drawn.Keys, figures, drawn);
            return Capacity.OverCapacityError(lines, decision.OverCapacityReason) is { } overError
                ? Refused("overCapacityReason", overError)
                : new CheckedDecision(new Dictionary<string, string>(), drawn, []);
        }

        return await MergedIntoOwnWorkstreamAsync(connection, transaction, submissionId) is { Count: > 0 } merged
            ? Refused("outcome", $"Other suggestions are merged into this suggestion's proposed workstream ({string.Join(", ", merged)}): revise their decisions first, or keep it accepted")
            : new CheckedDecision(new Dictionary<string, string>(), NoDays, []);
    }

    private static CheckedDecision Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message }, NoDays, []);

    /// <summary>
    /// References of other suggestions whose current decision merges them into this suggestion's proposed workstream:
    /// withdrawing it would leave them pointing at nothing.
    /// </summary>
    private static async Task<IReadOnlyList<string>> MergedIntoOwnWorkstreamAsync(DbConnection connection, DbTransaction transaction, long submissionId)
    {
        var ids = await connection.QueryAsync<long>(
            """
            SELECT d.submission_id FROM decision d
             WHERE d.outcome = @merge AND d.submission_id <> @submissionId
               AND d.workstream_id = (SELECT id FROM workstream WHERE origin_submission_id = @submissionId AND withdrawn_at IS NULL)
               AND d.version = (SELECT max(version) FROM decision x WHERE x.submission_id = d.submission_id)
             ORDER BY d.submission_id
            """,
            new { submissionId, merge = DecisionOutcome.Merge }, transaction);
        return ids.Select(SubmissionReference.Format).ToList();
    }
}
