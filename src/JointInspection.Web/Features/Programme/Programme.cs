using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// One round's joint inspection programme, with what every round shares. <see cref="Workstreams"/> is the programme as
/// the public reads it; <see cref="AllWorkstreams"/> adds, for staff, proposed workstreams whose decision is not yet final
/// and released.
/// </summary>
public sealed record Programme(
    ProgrammeRound Round,
    IReadOnlyList<Inspectorate> Inspectorates,
    IReadOnlyList<ChiefInspector> ChiefInspectors,
    IReadOnlyList<AreaOfFocus> AreasOfFocus,
    IReadOnlyList<CrossCuttingIssue> CrossCuttingIssues,
    IReadOnlyList<Principle> Principles,
    IReadOnlyList<Workstream> AllWorkstreams,
    IReadOnlyList<ProgrammeChange> Changes)
{
    /// <summary>The public programme: nothing of a decision reaches anyone before it is final and released.</summary>
    public IReadOnlyList<Workstream> Workstreams { get; } = [.. AllWorkstreams.Where(w => w.IsPublic)];

    public IEnumerable<Workstream> InSection(string section) => Workstreams.Where(w => w.Section == section);

    public IEnumerable<Workstream> NewWork(Collaboration collaboration) =>
        InSection(WorkstreamSection.New).Where(w => w.Collaboration == collaboration);
}

public sealed record Inspectorate(string Code, string Name, string ShortName, string Kind)
{
    public bool IsCriminalJustice => Kind == "criminal-justice";

    /// <summary>"HM Inspectorate of Probation (HMI Probation)"; "Ofsted" once, where the short name is the name.</summary>
    public string FullName => ShortName == Name ? Name : $"{Name} ({ShortName})";
}

/// <summary>
/// One change to a published draft programme as the public reads it: when, which workstream, what changed and why. Who
/// made it is kept for staff in workstream_change and audit_log, and never read into this.
/// </summary>
public sealed record ProgrammeChange(long Id, DateTimeOffset ChangedAt, string Kind, int WorkstreamId, string Title, string What, string Why);

public sealed record ChiefInspector(string Name, string Title, bool IsChair, string InspectorateCode);

public sealed record AreaOfFocus(string Code, string Name, string Agencies);

public sealed record CrossCuttingIssue(string Code, string Name);

public sealed record Principle(int Number, string Title, string Text);

public sealed record Participant(Inspectorate Inspectorate, bool IsLead, string? Nation)
{
    /// <summary>"CQC (England)" where an inspectorate takes part in one nation only.</summary>
    public string DisplayName => Nation is null ? Inspectorate.ShortName : $"{Inspectorate.ShortName} ({Nation})";
}

public sealed record Workstream(
    int Id,
    ProgrammeRound Round,
    string Slug,
    string Title,
    string Summary,
    string Section,
    string Kind,
    string Status,
    string? ProgrammeYear,
    string? ExpectedPublication,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<AreaOfFocus> AreasOfFocus,
    IReadOnlyList<CrossCuttingIssue> CrossCuttingIssues,
    WorkstreamOrigin? Origin = null,
    int? CarriedFromId = null,
    bool IsPublic = true,
    IReadOnlyList<string>? AgreedBy = null)
{
    /// <summary>The workstream's public page, from the site's root.</summary>
    public string Path => PortalPaths.Workstream(Round.Code, Slug);

    /// <summary>When the work happens: its programme year, or the whole round when it has none.</summary>
    public string When => ProgrammeYear is null ? $"Throughout {Round.Label}" : Rounds.ProgrammeYear.LabelOf(ProgrammeYear);

    public Participant? Lead => Participants.FirstOrDefault(p => p.IsLead);

    public IEnumerable<Participant> SupportingInspectorates =>
        Participants.Where(p => !p.IsLead && p.Inspectorate.IsCriminalJustice);

    public IEnumerable<Participant> PartnerBodies =>
        Participants.Where(p => !p.IsLead && !p.Inspectorate.IsCriminalJustice);

    public Collaboration Collaboration =>
        CollaborationRule.For(Participants.Count(p => p.Inspectorate.IsCriminalJustice));
}

/// <summary>
/// The accepted suggestion a proposed workstream came from: its reference, and who suggested it only when they
/// agreed to be named (an organisation is named rather than the person who wrote for it).
/// </summary>
public sealed record WorkstreamOrigin(string Reference, string? SuggestedBy);

public enum Collaboration
{
    /// <summary>One criminal justice inspectorate, working with partner bodies.</summary>
    OneInspectorate,

    /// <summary>Two criminal justice inspectorates.</summary>
    Bilateral,

    /// <summary>Three or more criminal justice inspectorates.</summary>
    Joint,
}

public static class CollaborationRule
{
    /// <summary>Joint or bilateral follows from how many criminal justice inspectorates take part.</summary>
    public static Collaboration For(int criminalJusticeInspectorates) => criminalJusticeInspectorates switch
    {
        >= 3 => Collaboration.Joint,
        2 => Collaboration.Bilateral,
        _ => Collaboration.OneInspectorate,
    };
}

public static class WorkstreamSection
{
    public const string CoreContinuing = "core-continuing";
    public const string ThematicContinuing = "thematic-continuing";
    public const string New = "new";
    public const string Proposed = "proposed";

    /// <summary>The sections in the order the programme page shows them.</summary>
    public static readonly IReadOnlyList<string> InOrder = [CoreContinuing, ThematicContinuing, New, Proposed];

    /// <summary>Where a section comes in the programme; one the page does not know goes last.</summary>
    public static int Rank(string section)
    {
        var rank = InOrder.ToList().IndexOf(section);
        return rank < 0 ? InOrder.Count : rank;
    }
}

/// <summary>The words the public sees for the codes stored in the database.</summary>
public static class ProgrammeLabels
{
    public static string Status(string status) => status switch
    {
        "ongoing" => "Ongoing",
        "in-progress" => "In progress",
        "fieldwork" => "Fieldwork under way",
        "planned" => "Planned",
        "scope-to-be-agreed" => "Scope to be agreed",
        "not-yet-scoped" => "Not yet scoped",
        "proposed" => "Proposed",
        _ => status,
    };

    /// <summary>The section as the programme page heads it.</summary>
    public static string Section(string section) => section switch
    {
        WorkstreamSection.CoreContinuing => "Core joint inspections",
        WorkstreamSection.ThematicContinuing => "Continuing joint thematic inspections",
        WorkstreamSection.New => "New work",
        WorkstreamSection.Proposed => "Proposed from the consultation",
        _ => section,
    };

    public static string Kind(string kind) => kind switch
    {
        "rolling-programme" => "Rolling programme of inspections",
        "inspection" => "Inspection",
        "review" => "Review",
        "scoping-study" => "Scoping study",
        _ => kind,
    };

    public static string CollaborationText(Collaboration collaboration) => collaboration switch
    {
        Collaboration.Joint => "Joint (three or more criminal justice inspectorates)",
        Collaboration.Bilateral => "Bilateral (two criminal justice inspectorates)",
        _ => "One criminal justice inspectorate with partner bodies",
    };
}
