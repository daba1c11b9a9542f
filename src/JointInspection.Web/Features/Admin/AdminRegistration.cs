using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Admin;

/// <summary>Administration: every page under /Admin and every endpoint under /api/v1/admin needs the Admin role.</summary>
public static class AdminRegistration
{
    public static WebApplicationBuilder AddAdmin(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Admin", PortalPolicies.Admin));
        return builder;
    }

    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireAuthorization(PortalPolicies.Admin).WithTags("Admin");
        admin.MapGet("/staff", async (StaffDirectory directory, CancellationToken cancellationToken) => TypedResults.Ok(await directory.ListAsync(cancellationToken)))
            .WithName("ListStaff")
            .WithSummary("Every staff member with their roles and inspectorate.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
