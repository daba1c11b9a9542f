using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// The secretariat adds a workstream to a round's draft programme (/manage/rounds/{round}/workstreams/new) or changes one
/// (its slug in place of "new", kept on every edit so that its address never breaks). Everything typed comes back with
/// its errors; nothing is saved until all of it passes.
/// </summary>
public sealed class WorkstreamModel(ProgrammeReader programmes, ProgrammeEditor editor, TimeProvider clock) : PageModel
{
    /// <summary>The slug that addresses the page adding a workstream; no workstream may take it (WorkstreamStore.ReservedSlugs).</summary>
    public const string NewSlug = "new";

    public Features.Programme.Programme Programme { get; private set; } = null!;

    public ProgrammeRound Round => Programme.Round;

    /// <summary>The workstream as stored, when changing one.</summary>
    public WorkstreamCopy? Existing { get; private set; }

    public bool IsNew => Existing is null;

    public bool IsProposed => Existing?.Section == WorkstreamSection.Proposed;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Once the public reads the round, each change says why.</summary>
    public bool ReasonNeeded => Round.IsPublicAt(Now);

    public bool IsConcluded => RoundRules.ConcludedError(Round) is not null;

    /// <summary>Someone else saved a change to the workstream after this form was filled.</summary>
    public bool Stale { get; private set; }

    /// <summary>Errors by the id of the field they belong to, in the order of the form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "version")]
    public string? Version { get; set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "summary")]
    public string? Summary { get; set; }

    [BindProperty(Name = "section")]
    public string? Section { get; set; }

    [BindProperty(Name = "lead")]
    public string? Lead { get; set; }

    [BindProperty(Name = "supporting")]
    public List<string> Supporting { get; set; } = [];

    [BindProperty(Name = "partners")]
    public List<string> Partners { get; set; } = [];

    [BindProperty(Name = "areasOfFocus")]
    public List<string> AreasOfFocus { get; set; } = [];

    [BindProperty(Name = "crossCuttingIssues")]
    public List<string> CrossCuttingIssues { get; set; } = [];

    [BindProperty(Name = "programmeYear")]
    public string? ProgrammeYear { get; set; }

    [BindProperty(Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(Name = "expectedPublication")]
    public string? ExpectedPublication { get; set; }

    [BindProperty(Name = "status")]
    public string? Status { get; set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    /// <summary>Joint or bilateral as the form stands: derived from the criminal justice inspectorates taking part, never chosen.</summary>
    public Collaboration? Collaboration
    {
        get
        {
            var criminalJustice = Programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.Code).ToHashSet();
            var takingPart = Supporting.Append(Lead).OfType<string>().Where(criminalJustice.Contains).Distinct().Count();
            return takingPart == 0 ? null : CollaborationRule.For(takingPart);
        }
    }

    public async Task<IActionResult> OnGetAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is { } existing)
        {
            Version = existing.Version();
            Title = existing.Title;
            Summary = existing.Summary;
            Section = existing.Section;
            Lead = existing.Lead;
            Supporting = [.. existing.Supporting];
            Partners = [.. existing.Partners];
            AreasOfFocus = [.. existing.AreasOfFocus];
            CrossCuttingIssues = [.. existing.CrossCuttingIssues];
            ProgrammeYear = existing.ProgrammeYear ?? WorkstreamRules.Throughout;
            Kind = existing.Kind;
            ExpectedPublication = existing.ExpectedPublication;
            Status = existing.Status;
        }

        if (IsConcluded)
        {
            Errors[ProgrammeEditor.Whole] = RoundRules.ConcludedError(Round)!;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, slug, cancellationToken))
        {
            return NotFound();
        }

        var input = new WorkstreamInput(
            Title, Summary, Section, Kind, Lead, Supporting, Partners, AreasOfFocus, CrossCuttingIssues, ProgrammeYear, ExpectedPublication, Status);
        var result = IsNew
            ? await editor.AddAsync(round, input, Reason, User.Email()!, cancellationToken)
            : await editor.EditAsync(round, slug, Version, input, Reason, User.Email()!, cancellationToken);
        if (result.Saved)
        {
            TempData[RoundModel.Done] = result.Done;
            return Redirect(PortalPaths.ManageRound(round) + "#programme");
        }

        // The round may have opened or concluded meanwhile: the page shows it as the change found it.
        await LoadAsync(round, slug, cancellationToken);
        if (result.IsStale)
        {
            // What this person typed stays; the version moves on to the one now stored, so sending again replaces it knowingly.
            Stale = true;
            Version = result.CurrentVersion;
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        foreach (var (field, message) in result.Errors)
        {
            Errors[field] = message;
        }

        if (result.Errors.ContainsKey(ProgrammeEditor.Whole))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
        }

        return Page();
    }

    public string? Error(string field) => Errors.GetValueOrDefault(field);

    private async Task<bool> LoadAsync(string round, string slug, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(round, cancellationToken) is not { } programme)
        {
            return false;
        }

        Programme = programme;
        Now = clock.GetUtcNow();
        if (slug == NewSlug)
        {
            return true;
        }

        Existing = await editor.ReadAsync(programme.Round, slug, cancellationToken);
        return Existing is not null;
    }
}
