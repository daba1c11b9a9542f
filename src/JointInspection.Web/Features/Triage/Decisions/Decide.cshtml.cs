using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// A chief inspector's decision on one submission, or a revision of it. The fields are kept exactly as sent, so a
/// mistake, or someone else deciding first, comes back with everything this person typed.
/// </summary>
public sealed class DecideModel(
    SubmissionReader submissions, ProgrammeReader programmes, AssessmentStore assessments, DecisionStore decisions, PublicLinks links) : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    public bool IsSuggestion => Submission.IsSuggestion;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public Programme.Programme Programme { get; private set; } = null!;

    public IReadOnlyList<Inspectorate> CriminalJustice { get; private set; } = [];

    public IReadOnlyList<Inspectorate> PartnerBodies { get; private set; } = [];

    /// <summary>What a suggestion can be merged into: the programme's workstreams, less this suggestion's own.</summary>
    public IReadOnlyList<Programme.Workstream> MergeTargets { get; private set; } = [];

    public AssessmentRecord? Assessment { get; private set; }

    /// <summary>Every decision so far, newest (the current one) first.</summary>
    public IReadOnlyList<DecisionRecord> History { get; private set; } = [];

    public DecisionRecord? Current => History.Count > 0 ? History[0] : null;

    /// <summary>Set when someone else decided first: their decision is now the one this form revises.</summary>
    public DecisionRecord? ConflictWith { get; private set; }

    /// <summary>Set when the form named a version that never existed, so there was no one else's decision to show.</summary>
    public bool StaleVersion { get; private set; }


    /// <summary>Set for a suggestion only: nothing else can become work.</summary>
    public CapacityTable? CapacityTable { get; private set; }

    /// <summary>Errors by the id of the field they belong to, in the order the rules found them.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "Version")]
    public string? Version { get; set; }

    [BindProperty(Name = "outcome")]
    public string? Outcome { get; set; }

    [BindProperty(Name = "rationale")]
    public string? Rationale { get; set; }

    [BindProperty(Name = "workstream-title")]
    public string? Title { get; set; }

    [BindProperty(Name = "workstream-summary")]
    public string? Summary { get; set; }

    [BindProperty(Name = "workstream-lead")]
    public string? Lead { get; set; }

    [BindProperty(Name = "workstream-supporting")]
    public List<string> Supporting { get; set; } = [];

    [BindProperty(Name = "workstream-partners")]
    public List<string> Partners { get; set; } = [];

    [BindProperty(Name = "workstream-areasOfFocus")]
    public List<string> AreasOfFocus { get; set; } = [];

    [BindProperty(Name = "workstream-programmeYear")]
    public string? ProgrammeYear { get; set; }

    [BindProperty(Name = "workstream-kind")]
    public string? Kind { get; set; }

    [BindProperty(Name = "mergeInto")]
    public string? MergeInto { get; set; }

    [BindProperty(Name = "deferTo")]
    public string? DeferTo { get; set; }

    [BindProperty(Name = "overCapacityReason")]
    public string? OverCapacityReason { get; set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        Show(Current);
        await CapacityAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var request = new DecisionRequest(
            long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
            Outcome,
            Rationale,
            new ProposedWorkstream(Title, Summary, Lead, Supporting, Partners, AreasOfFocus, ProgrammeYear, Kind),
            MergeInto,
            DeferTo,
            OverCapacityReason);
        var (decision, errors) = DecisionRules.Check(request, Submission.Answers.Kind ?? "", DecisionChoices.From(Programme));
        if (decision is null)
        {
            return await ShowErrorsAsync(errors, cancellationToken);
        }

        var result = await decisions.DecideAsync(Submission.Id, decision, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken);
        if (result is DecisionResult.Conflict conflict)
        {
            // What this person typed stays; only the version moves on, so sending again revises the decision they now see.
            ConflictWith = conflict.Current;
            StaleVersion = conflict.Current is null;
            await ReadWhatItIsDecidedOnAsync(cancellationToken);
            Version = (Current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
            await CapacityAsync(cancellationToken);
            return Page();
        }

        if (result is DecisionResult.Invalid invalid)
        {
            return await ShowErrorsAsync(invalid.Errors, cancellationToken);
        }

        // On to the next submission waiting for a decision, or back to the queue when none is, saying this one is done.
        var decided = $"?{DecisionRecordedBanner.Parameter}={Submission.Reference}";
        return await decisions.NextUndecidedAsync(Submission.Id, cancellationToken) is { } next
            ? Redirect(PortalPaths.Decide(SubmissionReference.Format(next)) + decided)
            : Redirect(PortalPaths.Triage + decided);
    }

    /// <summary>The page's id for a field the rules name: "workstream.lead" is "workstream-lead"; the version has no field of its own.</summary>
    public static string FieldId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key == "version" ? "outcome" : key.Replace('.', '-');
    }

    public string? Error(string fieldId) => Errors.GetValueOrDefault(fieldId);

    public string GroupClass(string fieldId) => Errors.ContainsKey(fieldId) ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";

    /// <summary>The hint and error ids that describe a control, for aria-describedby.</summary>
    public string? DescribedBy(string fieldId, bool hint = false)
    {
        var ids = new[] { hint ? $"{fieldId}-hint" : null, Errors.ContainsKey(fieldId) ? $"{fieldId}-error" : null }.OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    private async Task<IActionResult> ShowErrorsAsync(IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        foreach (var (key, message) in errors)
        {
            Errors.TryAdd(FieldId(key), message);
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        await CapacityAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        Submission = submission;
        Programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        Rows = SubmissionSummary.Rows(submission.Answers, Programme);
        CriminalJustice = Programme.Inspectorates.Where(i => i.IsCriminalJustice).ToList();
        PartnerBodies = Programme.Inspectorates.Where(i => !i.IsCriminalJustice).ToList();
        MergeTargets = Programme.Workstreams.Where(w => w.Origin?.Reference != submission.Reference).OrderBy(w => w.Title, StringComparer.CurrentCulture).ToList();
        return true;
    }

    /// <summary>The assessment and the decisions so far: read only for a page that shows them, not before a save that redirects.</summary>
    private async Task ReadWhatItIsDecidedOnAsync(CancellationToken cancellationToken)
    {
        Assessment = await assessments.ReadAsync(Submission.Id, cancellationToken);
        History = await decisions.HistoryAsync(Submission.Id, cancellationToken);
    }

    /// <summary>
    /// Fills the form from the current decision when revising one; otherwise from the suggestion itself, so that
    /// accepting it as proposed takes only a rationale and the choices the suggestion could not make.
    /// </summary>
    private void Show(DecisionRecord? current)
    {
        var answers = Submission.Answers;
        Version = (current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        Outcome = current?.Outcome;
        Rationale = current?.Rationale;
        MergeInto = current?.Outcome == DecisionOutcome.Merge ? current.WorkstreamSlug : null;
        DeferTo = current?.DeferredTo;
        OverCapacityReason = current?.OverCapacityReason;

        var proposed = Programme.AllWorkstreams.FirstOrDefault(w => w.Origin?.Reference == Submission.Reference);
        if (current?.Outcome == DecisionOutcome.Accept && proposed is not null)
        {
            Title = proposed.Title;
            Summary = proposed.Summary;
            Lead = proposed.Lead?.Inspectorate.Code;
            Supporting = [.. proposed.SupportingInspectorates.Select(p => p.Inspectorate.Code)];
            Partners = [.. proposed.PartnerBodies.Select(p => p.Inspectorate.Code)];
            AreasOfFocus = [.. proposed.AreasOfFocus.Select(a => a.Code)];
            ProgrammeYear = proposed.ProgrammeYear;
            Kind = proposed.Kind;
            return;
        }

        Title = answers.Title;
        Summary = answers.Text;
        Lead = CriminalJustice.Any(i => i.Code == answers.Lead) ? answers.Lead : null;
        Supporting = [.. answers.Inspectorates.Where(code => code != Lead && CriminalJustice.Any(i => i.Code == code))];
        Partners = [.. answers.Inspectorates.Where(code => PartnerBodies.Any(i => i.Code == code))];
        AreasOfFocus = [.. answers.AreasOfFocus];
        ProgrammeYear = Assessment?.Input.ProgrammeYear
            ?? (Programme.Round.HasYear(answers.Timing) ? answers.Timing : null);
        Kind = null;
    }

    /// <summary>
    /// Capacity in the year the form names, else the assessment's. "This suggestion" is what accepting it as the form
    /// stands would draw: the assessed days of the inspectorates that take part, as the store will count them.
    /// </summary>
    private async Task CapacityAsync(CancellationToken cancellationToken)
    {
        if (!IsSuggestion)
        {
            // Only a suggestion can become work; the page shows capacity for nothing else.
            return;
        }

        var year = Programme.Round.HasYear(ProgrammeYear) ? ProgrammeYear!
            : Assessment?.Input.ProgrammeYear ?? Programme.Round.Years[0].Code;
        var figures = await assessments.CapacityAsync(year, Submission.Id, cancellationToken);
        var requested = ValidWorkstream.DaysDrawn(Lead, Supporting, Assessment?.Input.Days ?? new Dictionary<string, int>());
        CapacityTable = new CapacityTable(
            year, "This suggestion", Capacity.Lines(CriminalJustice.Select(i => i.Code), figures, requested), CriminalJustice);
    }
}
