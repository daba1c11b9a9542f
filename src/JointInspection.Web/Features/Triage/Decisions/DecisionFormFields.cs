using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// The decision form's fields, kept exactly as sent, for the pages that show it: a chief inspector's decision and the
/// secretariat's recommendation of one. Their names are the page's field ids, which the rules' errors are keyed by.
/// </summary>
public abstract class DecisionFormFields : PageModel
{
    public SubmissionRecord Submission { get; private set; } = null!;

    public IReadOnlyList<SummaryRow> Rows { get; private set; } = [];

    public Programme.Programme Programme { get; private set; } = null!;

    public IReadOnlyList<Inspectorate> CriminalJustice { get; private set; } = [];

    public IReadOnlyList<Inspectorate> PartnerBodies { get; private set; } = [];

    /// <summary>What a suggestion can be merged into: the programme's workstreams, less this suggestion's own.</summary>
    public IReadOnlyList<Programme.Workstream> MergeTargets { get; private set; } = [];

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

    public string? Error(string fieldId) => Errors.GetValueOrDefault(fieldId);

    /// <summary>The submission the form decides on, and the choices its round's programme offers.</summary>
    protected void DecideOn(SubmissionRecord submission, Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(programme);
        Submission = submission;
        Programme = programme;
        Rows = SubmissionSummary.Rows(submission.Answers, programme, submission.PersonalDataRemovedAt);
        CriminalJustice = [.. programme.Inspectorates.Where(i => i.IsCriminalJustice)];
        PartnerBodies = [.. programme.Inspectorates.Where(i => !i.IsCriminalJustice)];
        MergeTargets = [.. programme.Workstreams.Where(w => w.Origin?.Reference != submission.Reference).OrderBy(w => w.Title, StringComparer.CurrentCulture)];
    }

    /// <summary>The proposed workstream as the form has it.</summary>
    protected ProposedWorkstream Workstream() => new(Title, Summary, Lead, Supporting, Partners, AreasOfFocus, ProgrammeYear, Kind);
}
