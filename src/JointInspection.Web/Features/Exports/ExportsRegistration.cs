using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Staff exports: every page under /Exports and every endpoint under /api/v1/exports is for the secretariat and chief
/// inspectors (PortalPolicies.Secretariat), said here once; an export's progress and file are further for the person
/// who asked for it alone, which ExportJob.IsFor decides for the pages and the API alike.
/// </summary>
public static class ExportsRegistration
{
    public static WebApplicationBuilder AddExports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(services => ExportFolder.From(
            services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IWebHostEnvironment>()));
        builder.Services.AddSingleton<ExportJobStore>();
        builder.Services.AddSingleton<ExportRows>();
        builder.Services.AddSingleton<ExportSignal>();
        builder.Services.AddSingleton<ExportRunner>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExportRunner>());
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Exports", PortalPolicies.Secretariat));
        return builder;
    }
}
