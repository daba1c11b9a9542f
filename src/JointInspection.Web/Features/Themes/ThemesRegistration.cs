using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Themes;

/// <summary>
/// Candidate themes: the portal clusters responses' vectors and offers themes; a person accepts each (it becomes a tag)
/// or rejects it. The pages (/triage/themes) are for those who tag: secretariat officers and chief inspectors.
/// </summary>
public static class ThemesRegistration
{
    public static WebApplicationBuilder AddThemes(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ThemeStore>();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Themes", PortalPolicies.Secretariat));
        return builder;
    }
}
