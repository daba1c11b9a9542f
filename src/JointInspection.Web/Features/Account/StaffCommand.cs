using System.CommandLine;
using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Account;

/// <summary>
/// `dotnet run --project src/JointInspection.Web -- staff grant|revoke|list`: manage staff roles from the
/// command line, against the database the portal's configuration names. Changes are audited as made by
/// "command-line (user@host)".
/// </summary>
public static class StaffCommand
{
    public static bool IsStaffCommand(string[] args) => args.Length > 0 && args[0] == "staff";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var directory = services.GetRequiredService<StaffDirectory>();
        var programme = await services.GetRequiredService<ProgrammeReader>().ReadAsync();
        var actor = $"command-line ({Environment.UserName}@{Environment.MachineName})";
        var output = Console.Out;

        var email = new Option<string>("--email") { Description = "The staff member's verified email address", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", StaffRoles.All)}", Required = true };
        role.AcceptOnlyFromAmong([.. StaffRoles.All]);
        var inspectorate = new Option<string?>("--inspectorate") { Description = "The inspectorate they belong to (hmicfrs, hmcpsi, hmi-probation, hmi-prisons)" };
        inspectorate.AcceptOnlyFromAmong([.. programme.Inspectorates.Where(i => i.IsCriminalJustice).Select(i => i.Code)]);
        var revokeRole = new Option<string?>("--role") { Description = "The role to take away; all roles when left out" };
        revokeRole.AcceptOnlyFromAmong([.. StaffRoles.All]);

        var grant = new Command("grant", "Give a staff member a role") { email, role, inspectorate };
        grant.SetAction(async (result, cancellationToken) =>
        {
            var member = await directory.GrantAsync(result.GetValue(email)!.Trim(), result.GetValue(role)!, result.GetValue(inspectorate), actor, cancellationToken);
            await output.WriteLineAsync($"{member.Email}: {string.Join(", ", member.Roles)}{(member.InspectorateCode is { } code ? $" ({code})" : "")}");
            return 0;
        });

        var revoke = new Command("revoke", "Take a role (or every role) away from a staff member") { email, revokeRole };
        revoke.SetAction(async (result, cancellationToken) =>
        {
            var address = result.GetValue(email)!.Trim();
            if (!await directory.RevokeAsync(address, result.GetValue(revokeRole), actor, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"{address} does not have that role; nothing changed.");
                return 1;
            }

            await output.WriteLineAsync($"{address}: revoked");
            return 0;
        });

        var list = new Command("list", "List staff members and their roles");
        list.SetAction(async (_, cancellationToken) =>
        {
            foreach (var member in await directory.ListAsync(cancellationToken))
            {
                await output.WriteLineAsync($"{member.Email}\t{(member.Roles.Count == 0 ? "(no role)" : string.Join(",", member.Roles))}\t{member.InspectorateCode ?? "-"}");
            }

            return 0;
        });

        var root = new RootCommand("Joint inspection consultation portal") { new Command("staff", "Manage staff roles") { grant, revoke, list } };
        return await root.Parse(args).InvokeAsync();
    }
}
