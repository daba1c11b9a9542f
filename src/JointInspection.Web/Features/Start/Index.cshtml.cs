using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Start;

public sealed class IndexModel(ProgrammeReader programmes, TimeProvider clock) : PageModel
{
    public RoundState State { get; private set; }

    public Programme.Programme Programme { get; private set; } = null!;

    public ProgrammeRound Round => Programme.Round;

    /// <summary>The plan's own workstreams; accepted suggestions are proposed, not part of the draft, so they are counted apart.</summary>
    public int DraftCount => Programme.Workstreams.Count(w => w.Section != WorkstreamSection.Proposed);

    public int ProposedCount => Programme.InSection(WorkstreamSection.Proposed).Count();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Programme = await programmes.ReadAsync(cancellationToken);
        State = Round.StateAt(clock.GetUtcNow());
    }
}
