using System.Security.Claims;
using JointInspection.Web.Features.Account;
using Microsoft.AspNetCore.Authentication;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>
/// Adds a staff session's roles from the database on each request, so granting or revoking takes effect
/// at once, and a staff sign-in whose email has no role gets no staff access at all.
/// </summary>
public sealed class StaffRolesFromDatabase(StaffDirectory staff) : IClaimsTransformation
{
    public const string InspectorateClaim = "portal:inspectorate";

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (!principal.SignedInAs(PortalAuthentication.StaffScheme) || principal.Email() is not { } email || principal.HasClaim(c => c.Type == ClaimTypes.Role))
        {
            return principal;
        }

        var member = await staff.FindAsync(email);
        if (member is null || member.Roles.Count == 0)
        {
            return principal;
        }

        var identity = new ClaimsIdentity(member.Roles.Select(role => new Claim(ClaimTypes.Role, role)));
        if (member.InspectorateCode is { } inspectorate)
        {
            identity.AddClaim(new Claim(InspectorateClaim, inspectorate));
        }

        var transformed = principal.Clone();
        transformed.AddIdentity(identity);
        return transformed;
    }
}
