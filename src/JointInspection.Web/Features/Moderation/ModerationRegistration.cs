using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Moderation;

/// <summary>Moderation: every page under /Moderation is for the secretariat and chief inspectors.</summary>
public static class ModerationRegistration
{
    public static WebApplicationBuilder AddModeration(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModerationStore>();
        builder.Services.AddSingleton<PublishedSubmissions>();
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Moderation", PortalPolicies.Secretariat));
        return builder;
    }
}
