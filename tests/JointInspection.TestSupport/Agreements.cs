using JointInspection.DevServices.Identity;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.TestSupport;

/// <summary>
/// Completes a joint decision as its parties' chief inspectors would: each inspectorate still to answer agrees, through the
/// same store the decision page and the API use. For tests whose subject is what happens once a decision is final.
/// </summary>
public static class Agreements
{
    /// <summary>The demo chief inspector of each criminal justice inspectorate.</summary>
    public static string ChiefInspectorOf(string inspectorate) =>
        DemoPeople.All.Single(person => person.StaffRole == "ChiefInspector" && person.InspectorateCode == inspectorate).Email;

    /// <summary>Every party still to answer the submission's current decision agrees; returns the decision as it then stands.</summary>
    public static async Task<DecisionRecord> AgreeAllAsync(PortalFactory portal, long submissionId)
    {
        ArgumentNullException.ThrowIfNull(portal);
        var store = portal.Services.GetRequiredService<DecisionStore>();
        var current = await store.CurrentAsync(submissionId, CancellationToken.None)
            ?? throw new InvalidOperationException("There is no decision to agree.");
        foreach (var party in await store.AgreementsAsync(submissionId, current.Version, CancellationToken.None))
        {
            if (party.Response is not null)
            {
                continue;
            }

            var result = await store.RespondAsync(
                submissionId, new AgreementRequest(current.Version, Agreement.Agree), ChiefInspectorOf(party.InspectorateCode), party.InspectorateCode,
                new Uri(portal.Settings["Portal:PublicBaseUrl"]!), CancellationToken.None);
            current = result is DecisionResult.Saved saved ? saved.Decision
                : throw new InvalidOperationException($"{party.InspectorateCode} could not agree: {result}");
        }

        return current;
    }
}
