using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Account;

public static class AccountRegistration
{
    public static WebApplicationBuilder AddAccount(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RazorPagesOptions>(options =>
            options.Conventions.AuthorizePage("/Account/YourSubmissions", PortalPolicies.Stakeholder));
        return builder;
    }
}
