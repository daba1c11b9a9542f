using System.Globalization;
using JointInspection.Web.Features.Programme;
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

    /// <summary>The workstream as the programme slice writes it: a proposed one, which only its decision makes or unmakes.</summary>
    public CheckedWorkstream AsProposal() => new(
        Title, Summary, WorkstreamSection.Proposed, Kind, Lead, Supporting, Partners, AreasOfFocus, [], ProgrammeYear, null, WorkstreamSection.Proposed);

    /// <summary>The same for a workstream still being drafted, whose lead may not be chosen yet.</summary>
    public static IReadOnlyDictionary<string, int> DaysDrawn(string? lead, IEnumerable<string> supporting, IReadOnlyDictionary<string, int> assessedDays)
    {
        ArgumentNullException.ThrowIfNull(assessedDays);
        var taking = supporting.Append(lead).ToHashSet();
        return assessedDays.Where(d => d.Value > 0 && taking.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
    }
}

/// <summary>
/// A decision that passed the rules. Workstream is set for accept, MergeInto (a workstream id) for merge; MeetingOn
/// (yyyy-MM-dd) and MeetingAttendees are the meeting it was taken at, when given.
/// </summary>
public sealed record ValidDecision(
    long Version, string Outcome, string Rationale, ValidWorkstream? Workstream, int? MergeInto, string? DeferTo, string? OverCapacityReason,
    string? MeetingOn = null, string? MeetingAttendees = null);

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

    /// <summary>What a proposed workstream may name, for the shared workstream rules; a decision gives it no cross-cutting issues.</summary>
    public WorkstreamChoices Workstreams => new(Round, CriminalJusticeInspectorates, PartnerBodies, AreasOfFocus, []);
}

/// <summary>
/// The rules a decision must meet before it is stored. Errors are keyed by the API's field names and say what
/// to fix; the page shows the same words beside its own fields.
/// </summary>
public static class DecisionRules
{
    public const int MaxRationale = 5000;

    public const int MaxAttendees = 2000;

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

        var meetingOn = string.IsNullOrWhiteSpace(request.MeetingOn) ? null : request.MeetingOn.Trim();
        var attendees = string.IsNullOrWhiteSpace(request.MeetingAttendees) ? null : request.MeetingAttendees.Trim();
        if (meetingOn is not null && !DateOnly.TryParseExact(meetingOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            errors["meetingOn"] = "Enter the date of the meeting as a real date (sent as yyyy-MM-dd)";
        }
        else if (meetingOn is null && attendees is not null)
        {
            errors["meetingOn"] = "Enter the date of the meeting the attendees were at";
        }

        if (attendees is { Length: > MaxAttendees })
        {
            errors["meetingAttendees"] = $"Who attended must be {MaxAttendees:N0} characters or fewer";
        }

        return errors.Count > 0
            ? (null, errors)
            : (new ValidDecision(request.Version!.Value, outcome!, rationale, workstream, mergeInto, deferTo, overCapacityReason, meetingOn, attendees), errors);
    }

    /// <summary>The proposed workstream meets the programme's one set of workstream rules, its errors named as the API's fields.</summary>
    private static ValidWorkstream? CheckWorkstream(ProposedWorkstream w, DecisionChoices choices, Dictionary<string, string> errors)
    {
        var input = new WorkstreamInput(
            w.Title, w.Summary, WorkstreamSection.Proposed, w.Kind, w.Lead, w.Supporting, w.Partners, w.AreasOfFocus, [], w.ProgrammeYear, null, WorkstreamRules.ProposedStatus);
        var (valid, workstreamErrors) = WorkstreamRules.Check(input, choices.Workstreams, WorkstreamWording.Proposed, proposal: true);
        foreach (var (key, message) in workstreamErrors)
        {
            errors[$"workstream.{key}"] = message;
        }

        return valid is null
            ? null
            : new ValidWorkstream(valid.Title, valid.Summary, valid.Lead, valid.Supporting, valid.Partners, valid.AreasOfFocus, valid.ProgrammeYear!, valid.Kind);
    }

    /// <summary>
    /// The meeting's date from GOV.UK's date input, as yyyy-MM-dd: none when all three are left empty (the meeting is
    /// optional), else the message that says what to fix.
    /// </summary>
    public static (string? Date, string? Error) MeetingDate(string? day, string? month, string? year)
    {
        var parts = new[] { ("day", day), ("month", month), ("year", year) };
        var missing = parts.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count == 3)
        {
            return (null, null);
        }

        if (missing.Count > 0)
        {
            return (null, $"The date of the meeting must include a {string.Join(" and ", missing)}");
        }

        if (!int.TryParse(day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 2000 or > 2999 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return (null, "The date of the meeting must be a real date, with a four-digit year");
        }

        return (new DateOnly(y, m, d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }
}
