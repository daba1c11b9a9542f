using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage;

/// <summary>Every programme round, newest first, with its state and the 12-week clock for publishing the response.</summary>
public sealed class IndexModel(ProgrammeReader programmes, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<ProgrammeRound> Rounds { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public bool CanManageRounds { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Rounds = [.. (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round).OrderByDescending(r => r.FirstYear)];
        CanManageRounds = (await authorization.AuthorizeAsync(User, PortalPolicies.ManageRounds)).Succeeded;
    }
}
