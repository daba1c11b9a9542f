using Microsoft.AspNetCore.DataProtection;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// Keeps a submission's status token recoverable, protected with Data Protection, so that later emails and pages can
/// give the status link itself. The submission is still found by the token's hash alone.
/// </summary>
public sealed class StatusLinks(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("JointInspection.Submissions.StatusToken");

    public string Protect(string token) => protector.Protect(token);

    /// <summary>The status page's path ("/submissions/…"), or null for a submission stored before tokens were kept.</summary>
    public string? PathFor(string? protectedToken) =>
        protectedToken is null ? null : Infrastructure.PortalPaths.Status(protector.Unprotect(protectedToken));
}
