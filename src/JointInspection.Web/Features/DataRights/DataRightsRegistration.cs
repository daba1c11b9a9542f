using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// A respondent's rights over their data: seeing and downloading it, and asking for a correction or an erasure, from
/// the submission's status link (no sign-in: the link is the secret); the requests are the secretariat's to answer
/// (/DataRights/Requests, decided here for the whole folder).
/// </summary>
public static class DataRightsRegistration
{
    public static WebApplicationBuilder AddDataRights(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<HeldDataReader>();
        builder.Services.AddSingleton<DataRequests>();
        builder.Services.AddSingleton<EverythingHeld>();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions
            .AuthorizeFolder("/DataRights/Requests", PortalPolicies.Secretariat));
        return builder;
    }
}
