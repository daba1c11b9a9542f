using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.FinalProgramme;

/// <summary>How many took part in a round's consultation: every submission received, by kind.</summary>
public sealed record ConsultationTurnout(int Responses, int Suggestions);

/// <summary>One part of the plan's context ("A. The context to our programme"): a heading, its paragraphs, then a list.</summary>
public sealed record ContextPart(string Id, string Heading, IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Items);

/// <summary>One group of Section B, as the plan heads it: the continuing commitments, then new joint and bilateral work.</summary>
public sealed record WorkstreamGroup(string Id, string Heading, string Introduction, IReadOnlyList<Workstream> Workstreams);

/// <summary>
/// A finalised round's programme in the plan's own structure: an introduction, the context, Section B and Annex A.
/// The page and the Word document are both drawn from this, so they cannot say different things. The workstreams are
/// the public programme (<see cref="Programme.Programme.Workstreams"/>): withdrawn ones are never read, and an accepted
/// suggestion is here as a programme workstream among the new work, joint or bilateral by the same rule as the draft.
/// </summary>
public sealed class FinalProgramme
{
    public FinalProgramme(Programme.Programme programme, ConsultationTurnout turnout)
    {
        ArgumentNullException.ThrowIfNull(programme);
        if (programme.Round.FinalisedAt is not { } finalisedAt)
        {
            throw new InvalidOperationException($"The {programme.Round.Label} programme is not final yet.");
        }

        Programme = programme;
        FinalisedAt = finalisedAt;
        Introduction = FinalProgrammeText.Introduction(programme, turnout, finalisedAt);
        Context = FinalProgrammeText.Context(programme);
        Groups = GroupsOf(programme);
    }

    public Programme.Programme Programme { get; }

    public ProgrammeRound Round => Programme.Round;

    public DateTimeOffset FinalisedAt { get; }

    /// <summary>"Joint inspection programme" and the round's label, from its own years.</summary>
    public string Title => $"Joint inspection programme {Round.Label}";

    public string SectionBHeading => $"B. Joint inspection programme for {Round.Label}";

    public IReadOnlyList<string> Introduction { get; }

    /// <summary>The chief inspectors who finalised it, chair first, as the plan's introduction is signed.</summary>
    public IEnumerable<string> Signatories =>
        Programme.ChiefInspectors.Select(c => c.IsChair ? $"{c.Name}, {c.Title} (Chair)" : $"{c.Name}, {c.Title}");

    public IReadOnlyList<ContextPart> Context { get; }

    /// <summary>Section B's groups that have work in them, in the plan's order.</summary>
    public IReadOnlyList<WorkstreamGroup> Groups { get; }

    public IReadOnlyList<Principle> Principles => Programme.Principles;

    public string FileName => $"joint-inspection-programme-{Round.Code}.docx";

    public string PagePath => FinalProgrammePaths.Page(Round.Code);

    private static List<WorkstreamGroup> GroupsOf(Programme.Programme programme)
    {
        var label = programme.Round.Label;
        // A proposed workstream still marked so is, once the programme is final, new work like any other.
        var newWork = programme.Workstreams
            .Where(w => w.Section is WorkstreamSection.New or WorkstreamSection.Proposed)
            .OrderBy(w => WorkstreamSection.Rank(w.Section))
            .ToList();
        List<WorkstreamGroup> groups =
        [
            new("core", "Continuing commitments: core joint inspections",
                $"The following rolling programmes will continue in {label}.",
                [.. programme.InSection(WorkstreamSection.CoreContinuing)]),
            new("thematic", "Continuing commitments: joint thematic inspections",
                "These joint thematic inspections started under an earlier programme and will be completed in this one.",
                [.. programme.InSection(WorkstreamSection.ThematicContinuing)]),
            new("joint", "New work: joint inspections involving three or more criminal justice inspectorates",
                "One-off joint thematic inspections, each examining a cross-cutting criminal justice theme and producing one report.",
                [.. newWork.Where(w => w.Collaboration == Collaboration.Joint)]),
            new("bilateral", "New work: joint inspections involving two criminal justice inspectorates",
                "Bilateral inspections engage two criminal justice inspectorates and possibly other bodies such as CQC and Ofsted.",
                [.. newWork.Where(w => w.Collaboration == Collaboration.Bilateral)]),
            new("one-inspectorate", "New work: one criminal justice inspectorate with partner bodies",
                "Work led by one criminal justice inspectorate with other inspectorates or public bodies.",
                [.. newWork.Where(w => w.Collaboration == Collaboration.OneInspectorate)]),
        ];
        return [.. groups.Where(g => g.Workstreams.Count > 0)];
    }
}

/// <summary>What the final programme says about one workstream besides its title and summary.</summary>
public static class FinalWorkstreamText
{
    public static string Lead(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.Lead?.DisplayName ?? "Not named";
    }

    public static string Supporting(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return Names(workstream.SupportingInspectorates);
    }

    public static string Partners(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return Names(workstream.PartnerBodies);
    }

    public static string Publication(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.ExpectedPublication ?? "To be agreed";
    }

    /// <summary>Where an accepted suggestion came from; its respondent is named only when they agreed to be.</summary>
    public static string? Origin(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.Origin is { } origin ? ProposedWorkstreamText.Origin(origin) : null;
    }

    private static string Names(IEnumerable<Participant> participants)
    {
        var names = participants.Select(p => p.DisplayName).ToList();
        return names.Count > 0 ? string.Join(", ", names) : "None";
    }
}

/// <summary>The final programme's addresses, from the site's root.</summary>
public static class FinalProgrammePaths
{
    public static string Page(string roundCode) => $"{PortalPaths.Programme(roundCode)}/final";

    public static string WordDocument(string roundCode) => $"{Page(roundCode)}.docx";
}
