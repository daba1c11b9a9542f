using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>
/// Every member of staff sees what is left before a round concludes, as a GOV.UK task list, with the way into each step
/// for those whose role takes it.
/// </summary>
public sealed class ConcludeModel(ProgrammeReader programmes, RoundConclusion conclusion, TimeProvider clock, IAuthorizationService authorization)
    : ConclusionPage(programmes, conclusion, clock)
{
    public bool CanFinalise { get; private set; }

    public bool CanPublish { get; private set; }

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        CanFinalise = (await authorization.AuthorizeAsync(User, PortalPolicies.ChiefInspector)).Succeeded && User.Inspectorate() == Chair.InspectorateCode;
        CanPublish = (await authorization.AuthorizeAsync(User, PortalPolicies.ManageProgramme)).Succeeded;
        return Page();
    }
}
