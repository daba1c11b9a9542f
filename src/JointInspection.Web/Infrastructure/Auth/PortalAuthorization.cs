using JointInspection.Web.Features.Account;

namespace JointInspection.Web.Infrastructure.Auth;

/// <summary>The portal's authorization policies. Features require these by name, in one place each.</summary>
public static class PortalPolicies
{
    /// <summary>Any signed-in staff member with a role.</summary>
    public const string Staff = "staff";

    /// <summary>Secretariat officers and chief inspectors: assessments, consultation dates, capacity, export.</summary>
    public const string Secretariat = "secretariat";

    /// <summary>Chief inspectors: triage decisions.</summary>
    public const string ChiefInspector = "chief-inspector";

    /// <summary>
    /// Secretariat officers only: drafting a recommendation for the chief inspectors, who decide and so do not
    /// recommend to themselves.
    /// </summary>
    public const string Recommend = "recommend";

    /// <summary>Admins: staff roles.</summary>
    public const string Admin = "admin";

    /// <summary>Secretariat officers and admins: programme rounds, their dates, opening and closing.</summary>
    public const string ManageRounds = "manage-rounds";

    /// <summary>Secretariat officers only: a round's draft programme, each inspectorate's capacity and the release of its outcomes.</summary>
    public const string ManageProgramme = "manage-programme";

    /// <summary>A member of the public signed in with the stakeholder provider.</summary>
    public const string Stakeholder = "stakeholder";

    public static IServiceCollection AddPortalAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .AddPolicy(Staff, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.All))
            .AddPolicy(Secretariat, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.Secretariat, StaffRoles.ChiefInspector))
            .AddPolicy(ChiefInspector, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.ChiefInspector))
            .AddPolicy(Recommend, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.Secretariat))
            .AddPolicy(Admin, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.Admin))
            .AddPolicy(ManageRounds, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.Secretariat, StaffRoles.Admin))
            .AddPolicy(ManageProgramme, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StaffScheme)
                .RequireRole(StaffRoles.Secretariat))
            .AddPolicy(Stakeholder, policy => policy
                .RequireClaim(PortalAuthentication.SignedInWithClaim, PortalAuthentication.StakeholderScheme));
        return services;
    }
}
