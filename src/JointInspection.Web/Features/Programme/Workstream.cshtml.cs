using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace JointInspection.Web.Features.Programme;

[OutputCache(PolicyName = ProgrammeOutputCache.Programme), KeptReady]
public sealed class WorkstreamModel(ProgrammeReader programmes, TimeProvider clock) : PageModel
{
    public Workstream Workstream { get; private set; } = null!;

    /// <summary>Whether its round's consultation is open, so that the page offers a response to it.</summary>
    public bool IsOpenForResponses { get; private set; }

    public bool IsDraftPreview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string round, string slug, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(round, cancellationToken);
        var workstream = programme?.Workstreams.FirstOrDefault(w => w.Slug == slug);
        var now = clock.GetUtcNow();
        if (workstream is null || !RoundVisibility.CanRead(User, workstream.Round, now))
        {
            return NotFound();
        }

        Workstream = workstream;
        IsOpenForResponses = workstream.Round.StateAt(now) == Rounds.RoundState.Open;
        IsDraftPreview = !workstream.Round.IsPublicAt(now);
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
