using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Suggestions assessed and decided through the same stores the pages and the API use, for tests whose subject is what
/// follows: capacity, scenarios and moves.
/// </summary>
public static class TriageSteps
{
    /// <summary>A suggestion of the first round, written as the intake would, naming its lead and the inspectorates it asks for.</summary>
    public static long Suggestion(PortalWithDevIdentity portal, string title, string? lead, params string[] inspectorates) =>
        SubmissionRows.Insert(portal.StartedConnectionString(), new("What it should look at.", Title: title, Lead: lead, Inspectorates: inspectorates));

    public static async Task AssessAsync(PortalWithDevIdentity portal, long id, string year, Dictionary<string, int> days)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var saved = await portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{SubmissionReference.Format(id)}", new AssessmentInput(4, 4, year, days, "For the test"), 0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
    }

    /// <summary>
    /// Accepts the suggestion as a proposed workstream led by <paramref name="lead"/>, proposed by that inspectorate's chief
    /// inspector: final at once when no other criminal justice inspectorate supports it, else awaiting their agreement.
    /// </summary>
    public static async Task<DecisionRecord> AcceptAsync(
        PortalWithDevIdentity portal, long id, string title, string year, string lead, string[] supporting, long version = 0, string rationale = "It is needed.")
    {
        ArgumentNullException.ThrowIfNull(portal);
        var programme = await portal.Services.GetRequiredService<ProgrammeReader>().ReadAsync(CancellationToken.None);
        var (decision, errors) = DecisionRules.Check(
            new DecisionRequest(
                version,
                DecisionOutcome.Accept,
                rationale,
                new ProposedWorkstream(title, $"What {title} looks at.", lead, supporting, [], ["custodial-conditions"], year, "inspection"),
                OverCapacityReason: "For the test"),
            SubmissionKind.Suggestion,
            DecisionChoices.From(programme));
        Assert.Empty(errors);
        var result = await portal.Services.GetRequiredService<DecisionStore>().DecideAsync(
            id, decision!, Agreements.ChiefInspectorOf(lead), lead, portal.BaseAddress, CancellationToken.None);
        return Assert.IsType<DecisionResult.Saved>(result).Decision;
    }
}
