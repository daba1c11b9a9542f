using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Staff;

public sealed record StaffSelf(string Email, IReadOnlyList<string> Roles, string? Inspectorate);

/// <summary>The staff area: every page under /Staff and every endpoint under /api/v1/staff needs a staff role.</summary>
public static class StaffRegistration
{
    public static WebApplicationBuilder AddStaffArea(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions.AuthorizeFolder("/Staff", PortalPolicies.Staff));
        return builder;
    }

    public static RouteGroupBuilder MapStaffApi(this RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/staff").RequireAuthorization(PortalPolicies.Staff).WithTags("Staff");
        staff.MapGet("/me", async (System.Security.Claims.ClaimsPrincipal user, StaffDirectory directory, CancellationToken cancellationToken) =>
            {
                var member = (await directory.FindAsync(user.Email()!, cancellationToken))!;
                return TypedResults.Ok(new StaffSelf(member.Email, member.Roles, member.InspectorateCode));
            })
            .WithName("GetSignedInStaffMember")
            .WithSummary("The signed-in staff member's roles and inspectorate.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }
}
