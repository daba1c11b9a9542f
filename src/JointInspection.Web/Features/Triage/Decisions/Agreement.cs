namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// Joint ownership, as the plan puts it: "singly-led but jointly owned". A decision that makes or changes joint work
/// (accepting a suggestion as a proposed workstream, merging one into a workstream, a response that changes the
/// programme) needs the agreement of the chief inspector of every criminal justice inspectorate that takes part: the
/// lead and each supporting one. A decision that involves one inspectorate (decline, defer, noted) needs only the chief
/// inspector who makes it.
/// </summary>
public static class Agreement
{
    /// <summary>Waiting for one or more parties; its days are held as provisional capacity.</summary>
    public const string Awaiting = "awaiting";

    /// <summary>Every party agreed: the decision is final and its days are committed.</summary>
    public const string Agreed = "agreed";

    /// <summary>A party objected: the days are freed, and the lead can propose again.</summary>
    public const string Objected = "objected";

    public const string Agree = "agree";

    /// <summary>The answer that objects (named for what a chief inspector does, not a type).</summary>
    public const string Objects = "object";

    public const int MaxReasons = 5000;

    /// <summary>The outcomes that make or change joint work, and so need every party's agreement.</summary>
    public static bool IsJoint(string outcome) =>
        outcome is DecisionOutcome.Accept or DecisionOutcome.Merge or DecisionOutcome.ProgrammeChanged;

    /// <summary>
    /// Who must agree: the criminal justice inspectorates taking part, the lead first. Nobody when the outcome is not
    /// joint, or when only one inspectorate takes part (its own chief inspector's decision is the whole of it).
    /// </summary>
    public static IReadOnlyList<AgreementParty> Parties(string outcome, string? lead, IEnumerable<string> criminalJusticeTakingPart)
    {
        ArgumentNullException.ThrowIfNull(criminalJusticeTakingPart);
        if (!IsJoint(outcome))
        {
            return [];
        }

        var parties = criminalJusticeTakingPart.Where(code => code != lead).Distinct()
            .Select(code => new AgreementParty(code, IsLead: false))
            .Prepend(new AgreementParty(lead ?? "", IsLead: true))
            .Where(p => p.InspectorateCode.Length > 0)
            .ToList();
        return parties.Count > 1 ? parties : [];
    }

    /// <summary>Where a decision's agreement stands once each party has answered as given (null: not answered yet).</summary>
    public static string? State(IReadOnlyCollection<AgreementParty> parties, IReadOnlyDictionary<string, string?> responses)
    {
        ArgumentNullException.ThrowIfNull(parties);
        ArgumentNullException.ThrowIfNull(responses);
        if (parties.Count == 0)
        {
            return null;
        }

        var answers = parties.Select(p => responses.GetValueOrDefault(p.InspectorateCode)).ToList();
        return answers.Contains(Objects) ? Objected
            : answers.All(a => a == Agree) ? Agreed
            : Awaiting;
    }

    /// <summary>A decision is final, so can reach its respondent, when it needs no agreement or everyone agreed.</summary>
    public static bool IsFinal(string? agreement) => agreement is null or Agreed;
}

/// <summary>One criminal justice inspectorate whose chief inspector must agree a joint decision.</summary>
public sealed record AgreementParty(string InspectorateCode, bool IsLead);
