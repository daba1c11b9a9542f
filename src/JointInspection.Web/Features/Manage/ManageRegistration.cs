using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage;

/// <summary>
/// Running programme rounds (/manage). Who may do what is decided here, by folder: every staff member reads the pages in
/// /Manage; the pages that change a round or its consultation (/Manage/Rounds) are the secretariat's and admins'; those
/// that change a round's draft programme or capacity (/Manage/Programme) are the secretariat's alone.
/// </summary>
public static class ManageRegistration
{
    public static WebApplicationBuilder AddManage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RoundStore>();
        builder.Services.AddSingleton<CapacityStore>();
        builder.Services.AddSingleton<Conclusion.RoundConclusion>();
        builder.Services.AddSingleton<Programme.ProgrammeEditor>();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions
            .AuthorizeFolder("/Manage", PortalPolicies.Staff)
            .AuthorizeFolder("/Manage/Rounds", PortalPolicies.ManageRounds)
            .AuthorizeFolder("/Manage/Programme", PortalPolicies.ManageProgramme)
            // Every member of staff sees what is left; the chair finalises (a chief inspector, checked as the chair by the
            // store), and the secretariat publishes the outcome.
            .AuthorizePage("/Manage/Conclusion/Finalise", PortalPolicies.ChiefInspector)
            .AuthorizePage("/Manage/Conclusion/PublishOutcome", PortalPolicies.ManageProgramme));
        return builder;
    }
}
