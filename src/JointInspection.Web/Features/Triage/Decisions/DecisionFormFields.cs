using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// The decision form's fields, kept exactly as sent, for the pages that show it: a chief inspector's decision and the
/// secretariat's recommendation of one. Their names are the page's field ids, which the rules' errors are keyed by.
/// </summary>
public abstract class DecisionFormFields : PageModel
{
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

    /// <summary>The proposed workstream as the form has it.</summary>
    protected ProposedWorkstream Workstream() => new(Title, Summary, Lead, Supporting, Partners, AreasOfFocus, ProgrammeYear, Kind);
}
