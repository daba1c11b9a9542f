using System.Net.Mail;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.AuditTrail;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Admin;

/// <summary>Admins grant staff roles (removing one is confirmed on its own page); every change lands in the audit log with who made it.</summary>
public sealed class StaffModel(StaffDirectory directory, ProgrammeReader programmes, AuditReader audit) : PageModel
{
    /// <summary>The TempData key of the "it worked" banner that the page after a change shows once.</summary>
    public const string Done = "staff-done";

    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    public IReadOnlyList<Inspectorate> Inspectorates { get; private set; } = [];

    public IReadOnlyList<AuditEntry> RecentChanges { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Inspectorate { get; set; }

    public string InspectorateName(string? code) =>
        code is null ? "None" : Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostGrantAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var email = Email?.Trim() ?? "";
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            Errors["email"] = "Enter the staff member's email address, like name@example.org";
        }

        if (!StaffRoles.All.Contains(Role ?? ""))
        {
            Errors["role"] = "Select a role";
        }

        if (!string.IsNullOrEmpty(Inspectorate) && !Inspectorates.Any(i => i.Code == Inspectorate))
        {
            Errors["inspectorate"] = "Select an inspectorate from the list";
        }
        else if (Role == StaffRoles.ChiefInspector && string.IsNullOrEmpty(Inspectorate)
            && Members.FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase))?.InspectorateCode is null)
        {
            // A chief inspector agrees and decides for their inspectorate, so the role means nothing without one.
            Errors["inspectorate"] = "Select the inspectorate this chief inspector leads";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var member = await directory.GrantAsync(email, Role!, string.IsNullOrEmpty(Inspectorate) ? null : Inspectorate, User.Email()!, cancellationToken);
        TempData[Done] = $"{member.DisplayName} now has the {StaffRoles.Label(Role!).ToLowerInvariant()} role";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await directory.ListAsync(cancellationToken);
        Inspectorates = (await programmes.ReadAsync(cancellationToken)).Inspectorates.Where(i => i.IsCriminalJustice).ToList();
        var grants = await audit.ReadAsync(new AuditQuery(null, AuditEntry.StaffGrant, null, null, null, 10), cancellationToken);
        var revokes = await audit.ReadAsync(new AuditQuery(null, AuditEntry.StaffRevoke, null, null, null, 10), cancellationToken);
        RecentChanges = [.. grants.Entries.Concat(revokes.Entries).OrderByDescending(e => e.Id).Take(10)];
    }
}
