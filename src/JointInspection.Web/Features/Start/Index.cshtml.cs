using JointInspection.Web.Features.Consultation;
using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Start;

public sealed class IndexModel(ConsultationReader consultations, ProgrammeReader programmes, TimeProvider clock) : PageModel
{
    public Consultation.Consultation Consultation { get; private set; } = null!;

    public ConsultationState State { get; private set; }

    public Programme.Programme Programme { get; private set; } = null!;

    /// <summary>The plan's own workstreams; accepted suggestions are proposed, not part of the draft, so they are counted apart.</summary>
    public int DraftCount => Programme.Workstreams.Count(w => w.Section != WorkstreamSection.Proposed);

    public int ProposedCount => Programme.InSection(WorkstreamSection.Proposed).Count();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Consultation = await consultations.CurrentAsync(cancellationToken);
        State = Consultation.StateAt(clock.GetUtcNow());
        Programme = await programmes.ReadAsync(cancellationToken);
    }
}
