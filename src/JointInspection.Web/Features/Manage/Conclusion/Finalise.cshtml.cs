using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>
/// The chair of the chief inspectors finalises the round's programme, once every submission is decided and every joint
/// decision agreed: the proposed workstreams become the programme, and it is published as the final programme.
/// </summary>
public sealed class FinaliseModel(ProgrammeReader programmes, RoundConclusion conclusion, TimeProvider clock)
    : ConclusionPage(programmes, conclusion, clock)
{
    public IReadOnlyList<Workstream> Proposed => [.. Programme.InSection(WorkstreamSection.Proposed)];

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken) =>
        await LoadAsync(round, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        if (await Conclusion.FinaliseAsync(Round.Id, User.Email()!, User.Inspectorate(), cancellationToken) is { } refusal)
        {
            return await RefusedAsync(round, refusal, cancellationToken);
        }

        TempData[RoundModel.Done] = $"The {Round.Label} programme is final: the public can read it as the final programme";
        return Redirect(PortalPaths.ConcludeRound(Round.Code));
    }
}
