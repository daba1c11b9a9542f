using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>The same questions end both journeys; the route says which journey's draft to use.</summary>
public sealed class AboutYouModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyStepModel(drafts, intake, programmes)
{
    public override SubmissionStep PageStep => SubmissionStep.AboutYou;

    /// <summary>A signed-in stakeholder's provider has vouched for their name and email: offer them, never overwrite what was typed.</summary>
    public override Task<IActionResult> OnGetAsync()
    {
        if (User.SignedInAs(PortalAuthentication.StakeholderScheme))
        {
            Answers.Name ??= User.FindFirst(PortalAuthentication.NameClaim)?.Value;
            Answers.Email ??= User.Email();
        }

        return base.OnGetAsync();
    }
}
