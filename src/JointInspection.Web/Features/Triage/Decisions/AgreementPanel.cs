using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// Where a joint decision's agreement stands, party by party, as staff read it on the submission and decide pages. Answer
/// is set when the person reading may answer for their inspectorate now: its name, and what they typed if it came back.
/// </summary>
public sealed record AgreementPanel(DecisionRecord Decision, IReadOnlyList<AgreementPanel.Party> Parties, AgreementPanel.Answering? Answer = null)
{
    public const string Partial = "/Features/Triage/Decisions/_Agreement.cshtml";

    /// <summary>One inspectorate's place in the agreement, with its name as staff know it.</summary>
    public sealed record Party(AgreementRecord Record, string Name);

    /// <summary>The agree-or-object form for the reader's own inspectorate: what they typed, and what to fix.</summary>
    public sealed record Answering(string Inspectorate, string? Response, string? Reasons, IReadOnlyDictionary<string, string> Errors);

    /// <summary>The panel for a decision, or null when it needs no one else's agreement.</summary>
    public static AgreementPanel? For(DecisionRecord? decision, IReadOnlyList<AgreementRecord> parties, IReadOnlyList<Inspectorate> inspectorates)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(inspectorates);
        if (decision?.Agreement is null || parties.Count == 0)
        {
            return null;
        }

        return new AgreementPanel(
            decision,
            [.. parties.Select(p => new Party(p, inspectorates.FirstOrDefault(i => i.Code == p.InspectorateCode)?.ShortName ?? p.InspectorateCode))]);
    }

    /// <summary>The party the reader answers for, when their inspectorate is one still to answer an open proposal.</summary>
    public Party? AwaitingAnswerFrom(string? inspectorate) =>
        Decision.Agreement == Agreement.Awaiting
            ? Parties.FirstOrDefault(p => p.Record.InspectorateCode == inspectorate && p.Record.Response is null)
            : null;

    /// <summary>"HMI Probation (lead), HMI Prisons": who the agreement is between.</summary>
    public string Between => string.Join(", ", Parties.Select(p => p.Record.IsLead ? $"{p.Name} (lead)" : p.Name));

    public static string StateLabel(string? agreement) => agreement switch
    {
        Agreement.Awaiting => "Awaiting agreement",
        Agreement.Agreed => "Agreed",
        Agreement.Objected => "Objection raised",
        _ => "Needs no one else's agreement",
    };
}
