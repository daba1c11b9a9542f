using System.Net.Mail;
using Dapper;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Admin;

public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After);

/// <summary>Admins grant and revoke staff roles; every change lands in the audit log with who made it.</summary>
public sealed class StaffModel(StaffDirectory directory, ProgrammeReader programmes, Database database) : PageModel
{
    public IReadOnlyList<StaffMember> Members { get; private set; } = [];

    public IReadOnlyList<Inspectorate> Inspectorates { get; private set; } = [];

    public IReadOnlyList<AuditEntry> Audit { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Role { get; set; }

    [BindProperty]
    public string? Inspectorate { get; set; }

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

        if (Errors.Count > 0)
        {
            return Page();
        }

        await directory.GrantAsync(email, Role!, string.IsNullOrEmpty(Inspectorate) ? null : Inspectorate, User.Email()!, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string email, string role, CancellationToken cancellationToken)
    {
        await directory.RevokeAsync(email, role, User.Email()!, cancellationToken);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await directory.ListAsync(cancellationToken);
        Inspectorates = (await programmes.ReadAsync(cancellationToken)).Inspectorates.Where(i => i.IsCriminalJustice).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        Audit = (await connection.QueryAsync<AuditEntry>(
            "SELECT at AS At, actor AS Actor, action AS Action, subject AS Subject, before AS Before, after AS After FROM audit_log WHERE subject LIKE 'staff:%' ORDER BY id DESC LIMIT 50")).ToList();
    }
}
