using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Admin;

/// <summary>Removing a role ends the person's sessions at once, so it is asked about first, on a page of its own that needs no script.</summary>
public sealed class RemoveRoleModel(StaffDirectory directory) : PageModel
{
    public StaffMember? Member { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Member = await FindAsync(cancellationToken);
        return Member is null ? RedirectToPage("Staff") : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Someone may have removed it already: then there is nothing to confirm, and the staff page shows how things are.
        if (await FindAsync(cancellationToken) is { } member && await directory.RevokeAsync(member.Email, Role, User.Email()!, cancellationToken))
        {
            TempData[StaffModel.Done] = $"{member.DisplayName} no longer has the {StaffRoles.Label(Role!).ToLowerInvariant()} role";
        }

        return RedirectToPage("Staff");
    }

    private async Task<StaffMember?> FindAsync(CancellationToken cancellationToken) =>
        Email is null || Role is null ? null
        : await directory.FindAsync(Email, cancellationToken) is { } member && member.Roles.Contains(Role) ? member
        : null;
}
