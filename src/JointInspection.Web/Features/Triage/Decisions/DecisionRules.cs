using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>A proposed workstream that passed the rules: codes known, lead not repeated among the supporting.</summary>
public sealed record ValidWorkstream(
    string Title, string Summary, string Lead, IReadOnlyList<string> Supporting, IReadOnlyList<string> Partners,
    IReadOnlyList<string> AreasOfFocus, string ProgrammeYear, string Kind)
{
    /// <summary>The assessed days this workstream draws from capacity: only those of inspectorates that take part in it.</summary>
    public IReadOnlyDictionary<string, int> DrawnDays(IReadOnlyDictionary<string, int> assessedDays) => DaysDrawn(Lead, Supporting, assessedDays);

    /// <summary>The same for a workstream still being drafted, whose lead may not be chosen yet.</summary>
    public static IReadOnlyDictionary<string, int> DaysDrawn(string? lead, IEnumerable<string> supporting, IReadOnlyDictionary<string, int> assessedDays)
    {
        ArgumentNullException.ThrowIfNull(assessedDays);
        var taking = supporting.Append(lead).ToHashSet();
        return assessedDays.Where(d => d.Value > 0 && taking.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
    }
}

/// <summary>A decision that passed the rules. Workstream is set for accept, MergeInto (a workstream id) for merge.</summary>
public sealed record ValidDecision(
    long Version, string Outcome, string Rationale, ValidWorkstream? Workstream, int? MergeInto, string? DeferTo, string? OverCapacityReason);

/// <summary>What the submission's round offers a decision to name: its years, inspectorates, areas of focus and workstreams.</summary>
public sealed record DecisionChoices(
    ProgrammeRound Round,
    IReadOnlyCollection<string> CriminalJusticeInspectorates,
    IReadOnlyCollection<string> PartnerBodies,
    IReadOnlyCollection<string> AreasOfFocus,
    IReadOnlyDictionary<string, int> WorkstreamIdsBySlug)
{
    public static DecisionChoices From(Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return new(
            programme.Round,
            programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.Code).ToList(),
            programme.Inspectorates.Where(i => !i.IsCriminalJustice).Select(i => i.Code).ToList(),
            programme.AreasOfFocus.Select(a => a.Code).ToList(),
            programme.Workstreams.ToDictionary(w => w.Slug, w => w.Id));
    }
}

/// <summary>
/// The rules a decision must meet before it is stored. Errors are keyed by the API's field names and say what
/// to fix; the page shows the same words beside its own fields.
/// </summary>
public static class DecisionRules
{
    public const int MaxRationale = 5000;
    public const int MaxTitle = 150;
    public const int MaxSummary = 3000;
    public static readonly IReadOnlyList<string> WorkstreamKinds = ["inspection", "scoping-study"];

    public static (ValidDecision? Decision, Dictionary<string, string> Errors) Check(DecisionRequest request, string submissionKind, DecisionChoices choices)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(choices);
        var errors = new Dictionary<string, string>();
        var allowed = DecisionOutcome.For(submissionKind);
        var outcome = request.Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome) || !allowed.Contains(outcome))
        {
            errors["outcome"] = submissionKind == SubmissionKind.Suggestion
                ? "Select a decision for this suggestion: accept, merge, defer or decline"
                : "Select a decision for this response: noted or programme changed";
        }

        var rationale = request.Rationale?.Trim() ?? "";
        if (rationale.Length == 0)
        {
            errors["rationale"] = "Give the reasons for the decision: the respondent will read them";
        }
        else if (rationale.Length > MaxRationale)
        {
            errors["rationale"] = $"The reasons must be {MaxRationale:N0} characters or fewer";
        }

        if (request.Version is not >= 0)
        {
            errors["version"] = "Send the version of the decision you are revising: 0 when there is none yet";
        }

        ValidWorkstream? workstream = null;
        int? mergeInto = null;
        string? deferTo = null;
        switch (outcome)
        {
            case DecisionOutcome.Accept:
                workstream = CheckWorkstream(request.Workstream ?? new ProposedWorkstream(), choices, errors);
                break;
            case DecisionOutcome.Merge:
                if (string.IsNullOrWhiteSpace(request.MergeInto))
                {
                    errors["mergeInto"] = "Select the workstream to merge the suggestion into";
                }
                else if (choices.WorkstreamIdsBySlug.TryGetValue(request.MergeInto.Trim(), out var id))
                {
                    mergeInto = id;
                }
                else
                {
                    errors["mergeInto"] = $"There is no workstream '{request.MergeInto.Trim()}' in the programme: select one from the list";
                }

                break;
            case DecisionOutcome.Defer:
                deferTo = request.DeferTo?.Trim();
                if (!DecisionOutcome.DeferTargets(choices.Round).Contains(deferTo ?? ""))
                {
                    errors["deferTo"] = $"Select when to look at it again: {choices.Round.SecondYear.Label} (sent as {choices.Round.SecondYear.Code}) or the next programme ({DecisionOutcome.NextProgramme})";
                }

                break;
        }

        var overCapacityReason = string.IsNullOrWhiteSpace(request.OverCapacityReason) ? null : request.OverCapacityReason.Trim();
        if (overCapacityReason is { Length: > Capacity.MaxReason })
        {
            errors["overCapacityReason"] = $"The reason for going over capacity must be {Capacity.MaxReason:N0} characters or fewer";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidDecision(request.Version!.Value, outcome!, rationale, workstream, mergeInto, deferTo, overCapacityReason), errors);
    }

    private static ValidWorkstream? CheckWorkstream(ProposedWorkstream w, DecisionChoices choices, Dictionary<string, string> errors)
    {
        var before = errors.Count;
        var title = w.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            errors["workstream.title"] = "Enter a title for the proposed workstream";
        }
        else if (title.Length > MaxTitle)
        {
            errors["workstream.title"] = $"The title must be {MaxTitle} characters or fewer";
        }

        var summary = w.Summary?.Trim() ?? "";
        if (summary.Length == 0)
        {
            errors["workstream.summary"] = "Enter a summary of what the proposed workstream would look at";
        }
        else if (summary.Length > MaxSummary)
        {
            errors["workstream.summary"] = $"The summary must be {MaxSummary:N0} characters or fewer";
        }

        var lead = w.Lead?.Trim() ?? "";
        if (!choices.CriminalJusticeInspectorates.Contains(lead))
        {
            errors["workstream.lead"] = lead.Length == 0
                ? "Select the inspectorate that would lead the proposed workstream"
                : $"'{lead}' is not a criminal justice inspectorate: the lead must be one of {string.Join(", ", choices.CriminalJusticeInspectorates)}";
        }

        var supporting = Codes(w.Supporting, choices.CriminalJusticeInspectorates, "workstream.supporting", "criminal justice inspectorate", errors)
            .Where(code => code != lead).ToList();
        var partners = Codes(w.Partners, choices.PartnerBodies, "workstream.partners", "partner body", errors);
        var areas = Codes(w.AreasOfFocus, choices.AreasOfFocus, "workstream.areasOfFocus", "area of focus", errors);
        if (areas.Count == 0 && !errors.ContainsKey("workstream.areasOfFocus"))
        {
            errors["workstream.areasOfFocus"] = "Select at least one area of focus";
        }

        var year = w.ProgrammeYear?.Trim() ?? "";
        if (!choices.Round.HasYear(year))
        {
            errors["workstream.programmeYear"] = $"Select the programme year: {string.Join(" or ", choices.Round.Years.Select(y => y.Label))}";
        }

        var kind = w.Kind?.Trim() ?? "";
        if (!WorkstreamKinds.Contains(kind))
        {
            errors["workstream.kind"] = "Select whether it is a full inspection or a scoping study";
        }

        return errors.Count > before ? null : new ValidWorkstream(title, summary, lead, supporting, partners, areas, year, kind);
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
