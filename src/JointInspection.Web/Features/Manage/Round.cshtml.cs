using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage;

/// <summary>One round as the staff run it: its consultation, its draft programme and its capacity. Every staff member reads it.</summary>
public sealed class RoundModel(ProgrammeReader programmes, CapacityStore capacityStore, TimeProvider clock, IAuthorizationService authorization) : PageModel
{
    /// <summary>The TempData key of the "it worked" banner that the page after a change shows once.</summary>
    public const string Done = "manage-done";

    public Features.Programme.Programme Programme { get; private set; } = null!;

    public ProgrammeRound Round => Programme.Round;

    public DateTimeOffset Now { get; private set; }

    public bool CanManageRounds { get; private set; }

    public bool CanManageProgramme { get; private set; }

    /// <summary>Read from the database, not the programme cache, so a change shows on the page the change redirects to.</summary>
    public RoundCapacity Capacity { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(round, cancellationToken) is not { } programme)
        {
            return NotFound();
        }

        Programme = programme;
        Now = clock.GetUtcNow();
        Capacity = await capacityStore.ReadAsync(programme.Round.Id, cancellationToken);
        CanManageRounds = (await authorization.AuthorizeAsync(User, PortalPolicies.ManageRounds)).Succeeded;
        CanManageProgramme = (await authorization.AuthorizeAsync(User, PortalPolicies.ManageProgramme)).Succeeded;
        return Page();
    }
}
