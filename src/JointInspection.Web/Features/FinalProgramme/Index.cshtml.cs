using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace JointInspection.Web.Features.FinalProgramme;

/// <summary>
/// A round's final programme (/programmes/{round}/final), once the chair has finalised it. Before that the address
/// answers 404, with a page that says the programme is not final yet and links to the draft, because a link to it may
/// be shared before the day.
/// </summary>
[OutputCache(PolicyName = ProgrammeOutputCache.Programme), KeptReady]
public sealed class IndexModel(FinalProgrammeReader finals, TimeProvider clock) : PageModel
{
    public FinalProgramme? Final { get; private set; }

    /// <summary>The draft programme, shown by the "not final yet" page.</summary>
    public Programme.Programme Draft { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        var lookup = await finals.LookUpAsync(round, User, clock.GetUtcNow(), cancellationToken);
        if (lookup.Programme is null)
        {
            return NotFound();
        }

        Draft = lookup.Programme;
        Final = lookup.Final;
        if (Final is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
