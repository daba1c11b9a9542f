using System.Data.Common;
using Dapper;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Account;

public static class StaffRoles
{
    public const string ChiefInspector = "ChiefInspector";
    public const string Secretariat = "Secretariat";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [ChiefInspector, Secretariat, Admin];

    /// <summary>The role as people say it: "Chief inspector", "Secretariat officer", "Admin".</summary>
    public static string Label(string role) => role switch
    {
        ChiefInspector => "Chief inspector",
        Secretariat => "Secretariat officer",
        Admin => "Admin",
        _ => role,
    };
}

/// <summary>A staff member; Name is what their sign-in provider last said, null until they first sign in.</summary>
public sealed record StaffMember(string Email, string? InspectorateCode, IReadOnlyList<string> Roles, string? Name = null)
{
    /// <summary>How pages name them: by name where known, else by email address.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DisplayName => Name ?? Email;
}

/// <summary>Who on the staff may do what. Every change is audited in the same transaction.</summary>
public sealed class StaffDirectory(Database database, TimeProvider clock)
{
    public async Task<StaffMember?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, email);
    }

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Email, string? Inspectorate, string? Role, string? Name)>(
            """
            SELECT m.email, m.inspectorate_code, r.role, m.name
              FROM staff_member m LEFT JOIN staff_role r ON r.email = m.email
             ORDER BY coalesce(m.name, m.email), m.email, r.role
            """);
        return rows.GroupBy(r => (r.Email, r.Inspectorate, r.Name))
            .Select(g => new StaffMember(g.Key.Email, g.Key.Inspectorate, g.Where(r => r.Role is not null).Select(r => r.Role!).ToList(), g.Key.Name))
            .ToList();
    }

    /// <summary>
    /// Keeps the name a staff sign-in gave, so pages can say who someone is. Only for people already on the staff: a
    /// sign-in alone never adds anyone.
    /// </summary>
    public async Task RememberNameAsync(string email, string? name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await connection.ExecuteAsync(
            "UPDATE staff_member SET name = @name WHERE email = @email AND name IS DISTINCT FROM @name", new { email, name = name.Trim() });
    }

    /// <summary>Gives <paramref name="email"/> a role (and sets their inspectorate when one is given).</summary>
    public async Task<StaffMember> GrantAsync(string email, string role, string? inspectorateCode, string actor, CancellationToken cancellationToken = default)
    {
        if (!StaffRoles.All.Contains(role))
        {
            throw new ArgumentException($"'{role}' is not a staff role. Use one of: {string.Join(", ", StaffRoles.All)}.", nameof(role));
        }

        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, email);
        await connection.ExecuteAsync(
            """
            INSERT INTO staff_member (email, inspectorate_code, added_at) VALUES (@email, @inspectorateCode, @now)
            ON CONFLICT (email) DO UPDATE SET inspectorate_code = coalesce(excluded.inspectorate_code, staff_member.inspectorate_code)
            """,
            new { email, inspectorateCode, now },
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO staff_role (email, role) VALUES (@email, @role) ON CONFLICT DO NOTHING", new { email, role }, transaction);
        var after = (await FindAsync(connection, transaction, email))!;
        await Audit.WriteAsync(connection, transaction, now, actor, "staff.grant", $"staff:{after.Email}", before, after);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    /// <summary>Takes a role away, or every role when <paramref name="role"/> is null. False when there was nothing to revoke.</summary>
    public async Task<bool> RevokeAsync(string email, string? role, string actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var before = await FindAsync(connection, transaction, email);
        if (before is null || (role is not null && !before.Roles.Contains(role)))
        {
            return false;
        }

        await connection.ExecuteAsync(
            "DELETE FROM staff_role WHERE email = @email AND (@role IS NULL OR role = @role)", new { email, role }, transaction);
        // Their staff sessions end too, everywhere, so the next request they make signs them in afresh with what is left.
        await DatabaseTicketStore.EndSessionsOfAsync(connection, transaction, email);
        var after = await FindAsync(connection, transaction, email);
        await Audit.WriteAsync(connection, transaction, now, actor, "staff.revoke", $"staff:{before.Email}", before, after);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<StaffMember?> FindAsync(DbConnection connection, DbTransaction? transaction, string email)
    {
        var rows = (await connection.QueryAsync<(string Email, string? Inspectorate, string? Role, string? Name)>(
            """
            SELECT m.email, m.inspectorate_code, r.role, m.name
              FROM staff_member m LEFT JOIN staff_role r ON r.email = m.email
             WHERE m.email = @email ORDER BY r.role
            """,
            new { email },
            transaction)).ToList();
        return rows.Count == 0 ? null : new StaffMember(rows[0].Email, rows[0].Inspectorate, rows.Where(r => r.Role is not null).Select(r => r.Role!).ToList(), rows[0].Name);
    }
}
