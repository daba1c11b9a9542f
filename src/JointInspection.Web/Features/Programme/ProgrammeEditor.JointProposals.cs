namespace JointInspection.Web.Features.Programme;

/// <summary>What a proposed workstream's decision owns, which the secretariat's changes keep as they are.</summary>
public sealed partial class ProgrammeEditor
{
    /// <summary>Why the secretariat cannot move a joint proposal, and who can.</summary>
    public static string JointProposalMove(WorkstreamCopy workstream, Programme names)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        ArgumentNullException.ThrowIfNull(names);
        return $"“{workstream.Title}” is a joint proposal from {Submissions.SubmissionReference.Format(workstream.OriginSubmissionId ?? 0)}: the chief inspector of "
            + $"{Name(workstream.Lead, names)}, which leads it, moves it by revising the decision, and the other inspectorates taking part agree again";
    }

    /// <summary>
    /// When a joint proposal's work happens and who takes part are its decision's, which every criminal justice inspectorate
    /// taking part agreed: the secretariat's edit may change the rest, and keeps these as they are.
    /// </summary>
    private static Dictionary<string, string> JointProposalErrors(WorkstreamCopy before, CheckedWorkstream after, Programme names)
    {
        var errors = new Dictionary<string, string>();
        var whose = $"“{before.Title}” is a joint proposal from {Submissions.SubmissionReference.Format(before.OriginSubmissionId ?? 0)}, so";
        if (after.ProgrammeYear != before.ProgrammeYear)
        {
            errors["programmeYear"] = $"Keep {Rounds.ProgrammeYear.LabelOf(before.ProgrammeYear)}: {whose} the chief inspector of {Name(before.Lead, names)}, "
                + "which leads it, moves it to another year by revising its decision, and the other inspectorates taking part agree again";
        }

        if (after.Lead != before.Lead)
        {
            errors["lead"] = $"Keep {Name(before.Lead, names)} as the lead: {whose} who takes part changes only by revising its decision, which every inspectorate taking part agrees";
        }

        if (!after.Supporting.Order(StringComparer.Ordinal).SequenceEqual(before.Supporting.Order(StringComparer.Ordinal)))
        {
            var kept = before.Supporting.Count == 0 ? "no supporting inspectorates" : string.Join(" and ", before.Supporting.Select(code => Name(code, names))) + " supporting";
            errors["supporting"] = $"Keep {kept}: {whose} who takes part changes only by revising its decision, which every inspectorate taking part agrees";
        }

        return errors;
    }

    private static string Name(string? code, Programme names) => names.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code ?? "its lead";

    /// <summary>A proposed workstream from an accepted suggestion leaves the programme only when its decision is revised.</summary>
    public static string? FromSuggestionError(WorkstreamCopy workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.OriginSubmissionId is { } origin
            ? $"“{workstream.Title}” is proposed from the suggestion {Submissions.SubmissionReference.Format(origin)}, so its decision owns it: to take it out of the programme, revise the decision on {Submissions.SubmissionReference.Format(origin)}"
            : null;
    }
}
