using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// A concluded round's published responses and suggestions, each as moderated, searchable and paged. The search is over the
/// published copies alone (<see cref="PublishedSubmissions"/>), so a redacted word finds nothing.
/// </summary>
public sealed class ResponsesModel(OutcomeReader outcomes, PublishedSubmissions published, TimeProvider clock) : PageModel
{
    public const int LongestSearch = 200;

    public Programme.Programme Programme { get; private set; } = null!;

    public Rounds.ProgrammeRound Round => Programme.Round;

    /// <summary>Null until the round concludes.</summary>
    public PublishedPage? Found { get; private set; }

    public string? Search { get; private set; }

    public async Task<IActionResult> OnGetAsync(string round, string? q, int? page, CancellationToken cancellationToken)
    {
        var programme = await outcomes.ProgrammeAsync(round, cancellationToken);
        if (programme is null || !programme.Round.IsPublicAt(clock.GetUtcNow()))
        {
            return NotFound();
        }

        Programme = programme;
        if (Round.ConcludedAt is null)
        {
            IndexModel.NotYetPublished(HttpContext);
            return Page();
        }

        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim()[..Math.Min(q.Trim().Length, LongestSearch)];
        Found = await published.ReadPageAsync(Round.Id, Search, Math.Max(page ?? 1, 1), cancellationToken);
        return Page();
    }

    /// <summary>This page's address for another page of the same search.</summary>
    public string PageLink(int pageNumber)
    {
        var query = new List<string>();
        if (Search is not null)
        {
            query.Add($"q={Uri.EscapeDataString(Search)}");
        }

        if (pageNumber > 1)
        {
            query.Add($"page={pageNumber}");
        }

        var path = PortalPaths.OutcomeResponses(Round.Code);
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    /// <summary>What a response was to, in words: the programme, an area of focus, a workstream.</summary>
    public string RespondsTo(PublishedSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        return submission.ResponseTo switch
        {
            "area-of-focus" => $"The area of focus {Programme.AreasOfFocus.FirstOrDefault(a => a.Code == submission.AreaOfFocusCode)?.Name ?? submission.AreaOfFocusCode}",
            "workstream" => $"The workstream {Programme.AllWorkstreams.FirstOrDefault(w => w.Id == submission.WorkstreamId)?.Title ?? "no longer in the programme"}",
            _ => "The programme as a whole",
        };
    }
}
