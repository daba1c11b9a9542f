using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// A round's programme (/programmes/{round}), and the pages every round shares (areas of focus, cross-cutting issues,
/// principles), which show the current round's workstreams.
/// </summary>
[OutputCache(PolicyName = ProgrammeOutputCache.Programme), KeptReady]
public sealed class IndexModel(ProgrammeReader programmes, TimeProvider clock) : PageModel
{
    public Programme Programme { get; private set; } = null!;

    /// <summary>Shown to staff reading a round the public cannot see yet.</summary>
    public bool IsDraftPreview { get; private set; }

    // From the address only: the pages without a round in it show the current round whatever the query string says,
    // as their cached copies, which leave the query string out, must.
    public async Task<IActionResult> OnGetAsync([FromRoute] string? round, CancellationToken cancellationToken)
    {
        var programme = round is null ? await programmes.ReadAsync(cancellationToken) : await programmes.ReadAsync(round, cancellationToken);
        if (programme is null || !RoundVisibility.CanRead(User, programme.Round, clock.GetUtcNow()))
        {
            return NotFound();
        }

        Programme = programme;
        IsDraftPreview = !programme.Round.IsPublicAt(clock.GetUtcNow());
        return Page();
    }
}

/// <summary>A round is public once its consultation opens; until then only staff may read it.</summary>
public static class RoundVisibility
{
    public static bool CanRead(System.Security.Claims.ClaimsPrincipal user, Rounds.ProgrammeRound round, DateTimeOffset now) =>
        round.IsPublicAt(now) || user.IsStaff();
}
