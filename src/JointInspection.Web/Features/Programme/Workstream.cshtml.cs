using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace JointInspection.Web.Features.Programme;

[OutputCache(PolicyName = ProgrammeOutputCache.WorkstreamPage)]
public sealed class WorkstreamModel(ProgrammeReader programmes) : PageModel
{
    public Workstream Workstream { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(cancellationToken);
        var workstream = programme.Workstreams.FirstOrDefault(w => w.Slug == slug);
        if (workstream is null)
        {
            return NotFound();
        }

        Workstream = workstream;
        return Page();
    }
}

/// <summary>The words shown for a workstream proposed from the consultation, on the programme and its own page alike.</summary>
public static class ProposedWorkstreamText
{
    public static bool IsProposed(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.Section == WorkstreamSection.Proposed;
    }

    /// <summary>
    /// A proposed workstream is a full inspection or a scoping study; the plan's own "inspection" work is labelled as
    /// the plan labels it.
    /// </summary>
    public static string Kind(Workstream workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return IsProposed(workstream) && workstream.Kind == "inspection" ? "Full inspection" : ProgrammeLabels.Kind(workstream.Kind);
    }

    /// <summary>"From suggestion JI-000123, suggested by Alex Jones"; the name only when the respondent agreed to be named.</summary>
    public static string Origin(WorkstreamOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return origin.SuggestedBy is { Length: > 0 } name
            ? $"From suggestion {origin.Reference}, suggested by {name}"
            : $"From suggestion {origin.Reference}";
    }
}
