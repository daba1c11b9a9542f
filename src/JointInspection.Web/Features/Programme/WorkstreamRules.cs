using JointInspection.Web.Features.Rounds;

namespace JointInspection.Web.Features.Programme;

/// <summary>A workstream as a form or the API sends it, every part as typed. Codes are the database's.</summary>
public sealed record WorkstreamInput(
    string? Title = null,
    string? Summary = null,
    string? Section = null,
    string? Kind = null,
    string? Lead = null,
    IReadOnlyList<string>? Supporting = null,
    IReadOnlyList<string>? Partners = null,
    IReadOnlyList<string>? AreasOfFocus = null,
    IReadOnlyList<string>? CrossCuttingIssues = null,
    string? ProgrammeYear = null,
    string? ExpectedPublication = null,
    string? Status = null);

/// <summary>
/// A workstream that passed the rules: trimmed, codes known, the lead not repeated among the supporting. A null programme
/// year means the work runs throughout the round.
/// </summary>
public sealed record CheckedWorkstream(
    string Title,
    string Summary,
    string Section,
    string Kind,
    string Lead,
    IReadOnlyList<string> Supporting,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> AreasOfFocus,
    IReadOnlyList<string> CrossCuttingIssues,
    string? ProgrammeYear,
    string? ExpectedPublication,
    string Status);

/// <summary>What a round offers a workstream to name: its programme years, the inspectorates, areas of focus and cross-cutting issues.</summary>
public sealed record WorkstreamChoices(
    ProgrammeRound Round,
    IReadOnlyCollection<string> CriminalJusticeInspectorates,
    IReadOnlyCollection<string> PartnerBodies,
    IReadOnlyCollection<string> AreasOfFocus,
    IReadOnlyCollection<string> CrossCuttingIssues)
{
    /// <summary>The programme's choices, for <paramref name="round"/> as read inside a write's transaction when given.</summary>
    public static WorkstreamChoices From(Programme programme, ProgrammeRound? round = null)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return new(
            round ?? programme.Round,
            programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.Code).ToList(),
            programme.Inspectorates.Where(i => !i.IsCriminalJustice).Select(i => i.Code).ToList(),
            programme.AreasOfFocus.Select(a => a.Code).ToList(),
            programme.CrossCuttingIssues.Select(c => c.Code).ToList());
    }
}

/// <summary>How a form names the workstream when it asks for something missing: a decision speaks of one that would be.</summary>
public sealed record WorkstreamWording(string TitleMissing, string SummaryMissing, string LeadMissing, string KindMissing)
{
    public static readonly WorkstreamWording Proposed = new(
        "Enter a title for the proposed workstream",
        "Enter a summary of what the proposed workstream would look at",
        "Select the inspectorate that would lead the proposed workstream",
        "Select whether it is a full inspection or a scoping study");

    public static readonly WorkstreamWording Programme = new(
        "Enter a title for the workstream",
        "Enter a summary of what the workstream looks at",
        "Select the inspectorate that leads it",
        "Select the kind of work");
}

/// <summary>
/// The one set of rules every workstream meets, whether a decision proposes it or the secretariat edits the draft
/// programme. Errors are keyed by the part they are about ("title", "lead", …; a decision puts "workstream." in front)
/// and say what to fix. Joint or bilateral is not asked: it follows from the inspectorates taking part.
/// </summary>
public static class WorkstreamRules
{
    public const int MaxTitle = 150;
    public const int MaxSummary = 3000;
    public const int MaxExpectedPublication = 200;

    /// <summary>The programme-year choice for work that runs through the whole round (stored as no year).</summary>
    public const string Throughout = "throughout";

    public const string ProposedStatus = "proposed";

    public static readonly IReadOnlyList<string> Kinds = ["rolling-programme", "inspection", "review", "scoping-study"];

    /// <summary>What a suggestion can become: a full inspection or a scoping study.</summary>
    public static readonly IReadOnlyList<string> ProposalKinds = ["inspection", "scoping-study"];

    /// <summary>The statuses the workstream table allows, in the order a form offers them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["ongoing", "in-progress", "fieldwork", "planned", "scope-to-be-agreed", "not-yet-scoped", ProposedStatus];

    /// <summary>The sections the secretariat places work in: a proposed workstream is made only by a decision.</summary>
    public static readonly IReadOnlyList<string> EditableSections = [WorkstreamSection.CoreContinuing, WorkstreamSection.ThematicContinuing, WorkstreamSection.New];

    /// <summary>
    /// Checks every part. <paramref name="proposal"/> is for a proposed workstream, born of an accepted suggestion: its
    /// section stays proposed, and like the decision that made it, it has one of the round's programme years and is a
    /// full inspection or a scoping study. Other work may run throughout the round.
    /// </summary>
    public static (CheckedWorkstream? Workstream, Dictionary<string, string> Errors) Check(
        WorkstreamInput input, WorkstreamChoices choices, WorkstreamWording wording, bool proposal)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(choices);
        ArgumentNullException.ThrowIfNull(wording);
        var errors = new Dictionary<string, string>();

        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["title"] = wording.TitleMissing;
        }
        else if (title.Length > MaxTitle)
        {
            errors["title"] = $"The title must be {MaxTitle} characters or fewer";
        }

        var summary = input.Summary?.Trim() ?? "";
        if (summary.Length == 0)
        {
            errors["summary"] = wording.SummaryMissing;
        }
        else if (summary.Length > MaxSummary)
        {
            errors["summary"] = $"The summary must be {MaxSummary:N0} characters or fewer";
        }

        var section = proposal ? WorkstreamSection.Proposed : input.Section?.Trim() ?? "";
        if (!proposal && !EditableSections.Contains(section))
        {
            errors["section"] = section == WorkstreamSection.Proposed
                ? "Only accepting a suggestion makes a proposed workstream: select core joint inspections, continuing thematic inspections or new work"
                : "Select where the workstream sits in the programme: core joint inspections, continuing thematic inspections or new work";
        }

        var lead = input.Lead?.Trim() ?? "";
        if (!choices.CriminalJusticeInspectorates.Contains(lead))
        {
            errors["lead"] = lead.Length == 0
                ? wording.LeadMissing
                : $"'{lead}' is not a criminal justice inspectorate: the lead must be one of {string.Join(", ", choices.CriminalJusticeInspectorates)}";
        }

        var supporting = Codes(input.Supporting, choices.CriminalJusticeInspectorates, "supporting", "criminal justice inspectorate", errors)
            .Where(code => code != lead).ToList();
        var partners = Codes(input.Partners, choices.PartnerBodies, "partners", "partner body", errors);
        var areas = Codes(input.AreasOfFocus, choices.AreasOfFocus, "areasOfFocus", "area of focus", errors);
        if (areas.Count == 0 && !errors.ContainsKey("areasOfFocus"))
        {
            errors["areasOfFocus"] = "Select at least one area of focus";
        }

        var issues = Codes(input.CrossCuttingIssues, choices.CrossCuttingIssues, "crossCuttingIssues", "cross-cutting issue", errors);

        var typedYear = input.ProgrammeYear?.Trim() ?? "";
        string? year = typedYear == Throughout && !proposal ? null : typedYear;
        if (year is not null && !choices.Round.HasYear(year))
        {
            var years = choices.Round.Years.Select(y => y.Label).ToList();
            errors["programmeYear"] = proposal
                ? $"Select the programme year: {string.Join(" or ", years)}"
                : $"Select the programme year: {string.Join(", ", years)} or throughout the round";
        }

        var kind = input.Kind?.Trim() ?? "";
        if (!(proposal ? ProposalKinds : Kinds).Contains(kind))
        {
            errors["kind"] = wording.KindMissing;
        }

        var expectedPublication = string.IsNullOrWhiteSpace(input.ExpectedPublication) ? null : input.ExpectedPublication.Trim();
        if (expectedPublication is { Length: > MaxExpectedPublication })
        {
            errors["expectedPublication"] = $"The expected publication must be {MaxExpectedPublication} characters or fewer";
        }

        var status = input.Status?.Trim() ?? "";
        if (!Statuses.Contains(status))
        {
            errors["status"] = "Select the workstream's status";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new CheckedWorkstream(title, summary, section, kind, lead, supporting, partners, areas, issues, year, expectedPublication, status), errors);
    }

    /// <summary>
    /// Why work in <paramref name="from"/> cannot move to <paramref name="to"/>, naming the year it can move to; null when
    /// <paramref name="to"/> is the round's other year. Work with no year runs throughout the round: it has nowhere to move.
    /// </summary>
    public static string? MoveYearError(ProgrammeRound round, string from, string? to)
    {
        ArgumentNullException.ThrowIfNull(round);
        var other = round.Years.FirstOrDefault(y => y.Code != from);
        var target = to?.Trim() ?? "";
        return target.Length == 0 ? $"Say which programme year to move it to: {other.Label} (sent as {other.Code})"
            : target == from ? $"It is in {ProgrammeYear.LabelOf(from)} already: move it to {other.Label}, the round's other year"
            : !round.HasYear(target) ? $"{ProgrammeYear.LabelOf(target)} is not a programme year of the {round.Label} round: move it to {other.Label} (sent as {other.Code}), the round's other year"
            : null;
    }

    private static List<string> Codes(IReadOnlyList<string>? typed, IReadOnlyCollection<string> known, string field, string what, Dictionary<string, string> errors)
    {
        var codes = (typed ?? []).Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var unknown = codes.Where(c => !known.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            errors[field] = $"'{unknown[0]}' is not a {what}: use one of {string.Join(", ", known)}";
        }

        return codes;
    }
}
