using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Assessment;

/// <summary>
/// The secretariat's risk and resource assessment of one submission. Fields are kept as typed strings, so a mistake
/// comes back with everything else the assessor entered. Only suggestions are assessed; a response gets a 404 page
/// that says so. An accepted suggestion's assessment is shown read-only, since its days are committed.
/// </summary>
public sealed class AssessModel(SubmissionReader submissions, ProgrammeReader programmes, AssessmentStore store, DecisionStore decisions) : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    /// <summary>The submission's round, whose two programme years the work can fall in.</summary>
    public Rounds.ProgrammeRound Round { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public IReadOnlyList<Inspectorate> Inspectorates { get; private set; } = [];

    public AssessmentRecord? Current { get; private set; }

    /// <summary>Set when someone else saved first: their values are in the form now.</summary>
    public AssessmentRecord? ConflictWith { get; private set; }

    public IReadOnlyList<CapacityLine> Lines { get; private set; } = [];

    public string CapacityYear { get; private set; } = "";

    public Dictionary<string, string> Errors { get; } = [];

    public Dictionary<string, string> DaysTyped { get; } = [];

    [BindProperty]
    public string? Likelihood { get; set; }

    [BindProperty]
    public string? Impact { get; set; }

    [BindProperty]
    public string? ProgrammeYear { get; set; }

    [BindProperty]
    public string? OverCapacityReason { get; set; }

    [BindProperty]
    public string? Version { get; set; }

    public bool Saved { get; private set; }

    /// <summary>The decision on the submission now, shown beside the assessment it was weighed on.</summary>
    public DecisionRecord? CurrentDecision { get; private set; }

    /// <summary>An accepted suggestion's days are committed to its workstream: its assessment may not change under them.</summary>
    public bool IsLocked => CurrentDecision?.Outcome == DecisionOutcome.Accept;

    /// <summary>Set for a response: the page says responses are not assessed, with a 404.</summary>
    public bool NotAssessed { get; private set; }

    /// <summary>Set when the form was sent to see capacity without saving (the page's no-JavaScript path).</summary>
    public bool Checked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        if (!Submission.IsSuggestion)
        {
            return NotAssessedPage();
        }

        Saved = Request.Query.ContainsKey("saved");
        Show(Current);
        await CapacityAsync(Current?.Input.Days ?? new Dictionary<string, int>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        if (!Submission.IsSuggestion)
        {
            return NotAssessedPage();
        }

        if (IsLocked)
        {
            return await LockedAsync(cancellationToken);
        }

        foreach (var inspectorate in Inspectorates)
        {
            DaysTyped[inspectorate.Code] = Request.Form[DaysField(inspectorate.Code)].ToString();
        }

        var (likelihood, impact, days) = Parsed();
        await CapacityAsync(days, cancellationToken);
        if (Request.Form.ContainsKey("check"))
        {
            // Only the capacity was asked for: show it for the days typed, with any mistakes, and save nothing.
            Checked = true;
            return Page();
        }

        if (Errors.Count == 0 && Capacity.OverCapacityError(Lines, OverCapacityReason) is { } overError)
        {
            Errors["overCapacityReason"] = overError;
        }
        else if (OverCapacityReason is { Length: > Capacity.MaxReason })
        {
            Errors["overCapacityReason"] = $"The reason must be {Capacity.MaxReason:N0} characters or fewer";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var input = new AssessmentInput(likelihood, impact, ProgrammeYear!, days, string.IsNullOrWhiteSpace(OverCapacityReason) ? null : OverCapacityReason.Trim());
        var expected = long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var result = await store.SaveAsync(Submission.Id, $"submission:{Submission.Reference}", input, expected, User.Email()!, cancellationToken);
        if (result.Refused is not null)
        {
            // Accepted between this form being shown and sent: show the decision and what is committed.
            CurrentDecision = await decisions.CurrentAsync(Submission.Id, cancellationToken);
            return await LockedAsync(cancellationToken);
        }

        if (result.SavedVersion is null)
        {
            ConflictWith = result.Current;
            Current = result.Current;
            DaysTyped.Clear();
            Show(result.Current);
            await CapacityAsync(result.Current?.Input.Days ?? new Dictionary<string, int>(), cancellationToken);
            return Page();
        }

        return Redirect(PortalPaths.Assess(Submission.Reference) + "?saved=1");
    }

    public static string DaysField(string code) => $"days-{code}";

    /// <summary>Likelihood or impact: five levels, each with its published descriptor as its hint.</summary>
    public ChoicesField RiskLevels(string field, string label, string hint, IReadOnlyList<RiskLevel> levels, string? selected) => new(
        field,
        label,
        levels.Select(l => new ChoiceItem(l.Value.ToString(CultureInfo.InvariantCulture), $"{l.Value}: {l.Name}") { Hint = l.Descriptor }).ToList(),
        selected is null ? [] : [selected],
        Errors.GetValueOrDefault(field))
    {
        Hint = hint,
        LabelClass = "govuk-fieldset__legend--s",
        Small = true,
    };

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        Submission = submission;
        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        Round = programme.Round;
        Rows = SubmissionSummary.Rows(submission.Answers, programme, submission.PersonalDataRemovedAt);
        Inspectorates = programme.Inspectorates.Where(i => i.IsCriminalJustice).ToList();
        Current = await store.ReadAsync(id, cancellationToken);
        CurrentDecision = await decisions.CurrentAsync(id, cancellationToken);
        return true;
    }

    private PageResult NotAssessedPage()
    {
        NotAssessed = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>The read-only page, with the refusal when something was sent: nothing is saved.</summary>
    private async Task<IActionResult> LockedAsync(CancellationToken cancellationToken)
    {
        if (HttpMethods.IsPost(Request.Method))
        {
            Errors["locked"] = "The assessment has not been changed: " + AssessmentStore.Locked;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        Show(Current);
        await CapacityAsync(Current?.Input.Days ?? new Dictionary<string, int>(), cancellationToken);
        return Page();
    }

    /// <summary>Puts a stored assessment (or, with none, a blank form at version 0) into the fields.</summary>
    private void Show(AssessmentRecord? record)
    {
        Likelihood = record?.Input.Likelihood.ToString(CultureInfo.InvariantCulture);
        Impact = record?.Input.Impact.ToString(CultureInfo.InvariantCulture);
        ProgrammeYear = record?.Input.ProgrammeYear;
        OverCapacityReason = record?.Input.OverCapacityReason;
        Version = (record?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        foreach (var inspectorate in Inspectorates)
        {
            DaysTyped[inspectorate.Code] = record?.Input.Days.GetValueOrDefault(inspectorate.Code).ToString(CultureInfo.InvariantCulture) ?? "";
        }
    }

    /// <summary>Reads the typed fields, recording an error for each bad one; valid days are returned even when others are bad.</summary>
    private (int Likelihood, int Impact, Dictionary<string, int> Days) Parsed()
    {
        var likelihood = Level(Likelihood, "likelihood", "Select how likely the risk is, from 1 (rare) to 5 (almost certain)");
        var impact = Level(Impact, "impact", "Select how serious the impact would be, from 1 (minimal) to 5 (severe)");
        if (!Round.HasYear(ProgrammeYear))
        {
            Errors["programmeYear"] = "Select the programme year the work would fall in";
        }

        var days = new Dictionary<string, int>();
        foreach (var inspectorate in Inspectorates)
        {
            if (Capacity.TryParseDays(DaysTyped.GetValueOrDefault(inspectorate.Code), inspectorate.ShortName, out var value, out var error))
            {
                days[inspectorate.Code] = value;
            }
            else
            {
                Errors[DaysField(inspectorate.Code)] = error!;
            }
        }

        return (likelihood, impact, days);
    }

    private int Level(string? typed, string field, string message)
    {
        if (int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && RiskScore.InRange(level))
        {
            return level;
        }

        Errors[field] = message;
        return 0;
    }

    private async Task CapacityAsync(IReadOnlyDictionary<string, int> days, CancellationToken cancellationToken)
    {
        if (IsLocked && await store.DrawnAsync(Submission.Id, cancellationToken) is { } drawn)
        {
            // What the accepted workstream commits, in its year: the same figures the decision page and overview show.
            CapacityYear = drawn.ProgrammeYear;
            var elsewhere = await store.CapacityAsync(CapacityYear, Submission.Id, cancellationToken);
            Lines = Capacity.Lines(Inspectorates.Select(i => i.Code), elsewhere, drawn.Days);
            return;
        }

        CapacityYear = Round.HasYear(ProgrammeYear) ? ProgrammeYear!
            : Round.HasYear(Submission.Answers.Timing) ? Submission.Answers.Timing!
            : Round.Years[0].Code;
        var figures = await store.CapacityAsync(CapacityYear, Submission.Id, cancellationToken);
        Lines = Capacity.Lines(Inspectorates.Select(i => i.Code), figures, days);
    }
}
