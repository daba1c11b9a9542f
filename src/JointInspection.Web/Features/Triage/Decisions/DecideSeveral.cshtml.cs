using System.Globalization;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// One decision for the submissions a chief inspector selected in the queue: one outcome, one set of reasons, the same
/// meeting. Each submission travels as "JI-000123:0", its reference and the version of its decision as the queue showed
/// it, so a decision recorded on one in between is reported rather than overwritten. What was typed, and which were
/// ticked, comes back with any mistake.
/// </summary>
public sealed class DecideSeveralModel(BulkDecisions bulk, PublicLinks links) : PageModel
{
    /// <summary>Every submission the queue sent, ticked or not, in the order sent.</summary>
    public IReadOnlyList<SelectedSubmission> Listed { get; private set; } = [];

    /// <summary>The programmes of the listed submissions' rounds, by round id: deferral and merge choices come from them.</summary>
    public IReadOnlyDictionary<long, Programme.Programme> Programmes { get; private set; } = new Dictionary<long, Programme.Programme>();

    /// <summary>Set once the decisions were tried: the page then says what became of each.</summary>
    public BulkDecisionResult.Tried? Result { get; private set; }

    /// <summary>Each error with the id of the field it is about, in the order found.</summary>
    public List<KeyValuePair<string, string>> Errors { get; } = [];

    [BindProperty(Name = "listed")]
    public List<string> ListedValues { get; set; } = [];

    [BindProperty(Name = "selected")]
    public List<string> Selected { get; set; } = [];

    [BindProperty(Name = "outcome")]
    public string? Outcome { get; set; }

    [BindProperty(Name = "rationale")]
    public string? Rationale { get; set; }

    [BindProperty(Name = "deferTo")]
    public string? DeferTo { get; set; }

    [BindProperty(Name = "mergeInto")]
    public string? MergeInto { get; set; }

    [BindProperty(Name = "meetingOn-day")]
    public string? MeetingDay { get; set; }

    [BindProperty(Name = "meetingOn-month")]
    public string? MeetingMonth { get; set; }

    [BindProperty(Name = "meetingOn-year")]
    public string? MeetingYear { get; set; }

    [BindProperty(Name = "meetingAttendees")]
    public string? MeetingAttendees { get; set; }

    public bool HasSuggestions => Listed.Any(s => s.Item.Kind == SubmissionKind.Suggestion);

    public bool HasResponses => Listed.Any(s => s.Item.Kind != SubmissionKind.Suggestion);

    /// <summary>The outcomes worth offering for what is listed; both kinds' when both are listed, so the refusal can say which to leave out.</summary>
    public IReadOnlyList<string> Outcomes => BulkDecisionRules.Outcomes
        .Where(o => (HasSuggestions && DecisionOutcome.ForSuggestion.Contains(o)) || (HasResponses && DecisionOutcome.ForResponse.Contains(o)))
        .ToList();

    /// <summary>Where a deferral can go, for the rounds listed: usually one round, so the second year and the next programme.</summary>
    public IReadOnlyList<string> DeferTargets => Programmes.Values.SelectMany(p => DecisionOutcome.DeferTargets(p.Round)).Distinct().ToList();

    /// <summary>What the listed suggestions can be merged into: their rounds' workstreams, less any listed suggestion's own.</summary>
    public IReadOnlyList<Programme.Workstream> MergeTargets => Programmes.Values
        .SelectMany(p => p.Workstreams)
        .Where(w => w.Origin is null || Listed.All(s => s.Item.Reference != w.Origin.Reference))
        .DistinctBy(w => w.Slug)
        .OrderBy(w => w.Title, StringComparer.CurrentCulture)
        .ToList();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "selected")] string[]? selected, CancellationToken cancellationToken)
    {
        ListedValues = [.. selected ?? []];
        Selected = [.. ListedValues];
        await ListAsync(cancellationToken);
        if (Listed.Count == 0)
        {
            Errors.Add(KeyValuePair.Create("queue", "Select at least one submission in the triage queue, then choose “Decide on the selected submissions”"));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await ListAsync(cancellationToken);
        var (meetingOn, meetingError) = DecisionRules.MeetingDate(MeetingDay, MeetingMonth, MeetingYear);
        var request = new BulkDecisionRequest(
            Outcome, Rationale, DeferTo, MergeInto, meetingOn, MeetingAttendees, [.. Selected.Select(Parse)]);
        if (meetingError is not null)
        {
            // The date as typed is not one; nothing is recorded, and the other mistakes are shown with it.
            Errors.Add(KeyValuePair.Create("meetingOn-day", meetingError));
            Show((await bulk.CheckAsync(request with { MeetingOn = null }, cancellationToken)).Errors.Where(e => e.Field != "meetingOn"));
            return Page();
        }

        switch (await bulk.DecideAsync(request, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken))
        {
            case BulkDecisionResult.Refused refused:
                Show(refused.Errors);
                break;
            case BulkDecisionResult.Tried tried:
                Result = tried;
                break;
        }

        return Page();
    }

    /// <summary>"JI-000123:0" as the queue's checkbox sends it: the reference and the version of its decision; the version is left out when it is not a number.</summary>
    public static BulkDecisionSubmission Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var colon = value.LastIndexOf(':');
        return colon < 0
            ? new BulkDecisionSubmission(value)
            : new BulkDecisionSubmission(
                value[..colon], long.TryParse(value.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null);
    }

    /// <summary>The value a submission's checkbox carries.</summary>
    public static string Value(TriageItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return $"{item.Reference}:{item.Version.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The page's id for a field the rules name: the list of submissions is "selected", the meeting's date its day.</summary>
    public static string FieldId(string field) => field switch
    {
        "submissions" => "selected",
        "meetingOn" => "meetingOn-day",
        _ => field,
    };

    /// <summary>The messages for one field, as one; none when it has none.</summary>
    public string? Error(string fieldId)
    {
        var messages = Errors.Where(e => e.Key == fieldId).Select(e => e.Value).ToList();
        return messages.Count == 0 ? null : string.Join(". ", messages);
    }

    public bool IsTicked(SelectedSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return Selected.Any(v => IdOf(v) == submission.Item.Id);
    }

    /// <summary>The value the queue sent for the submission, with the version it showed: a decision recorded since is then a conflict, not overwritten.</summary>
    public string SentValue(SelectedSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return ListedValues.Concat(Selected).First(v => IdOf(v) == submission.Item.Id);
    }

    /// <summary>Whether the submission's decision has changed since the queue showed it.</summary>
    public bool ChangedSince(SelectedSubmission submission) => Parse(SentValue(submission)).Version != submission!.Item.Version;

    private static long IdOf(string value) => SubmissionReference.TryParse(Parse(value).Reference, out var id) ? id : 0;

    private void Show(IEnumerable<BulkError> errors) =>
        Errors.AddRange(errors.Select(e => KeyValuePair.Create(FieldId(e.Field), e.Message)));

    /// <summary>Reads what the queue sent, in its order; a value that names no submission is not listed.</summary>
    private async Task ListAsync(CancellationToken cancellationToken)
    {
        // What was ticked is listed even if it was not among those first sent, so nothing posted goes unshown.
        var values = ListedValues.Concat(Selected).ToList();
        var ids = values.Select(IdOf).Where(id => id > 0).Distinct().ToList();
        var found = (await bulk.SelectionAsync(ids.Take(BulkDecisionRules.MaxSubmissions + 1).ToList(), cancellationToken)).ToDictionary(s => s.Item.Id);
        Listed = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        Programmes = await bulk.ProgrammesAsync(Listed, cancellationToken);
    }
}
