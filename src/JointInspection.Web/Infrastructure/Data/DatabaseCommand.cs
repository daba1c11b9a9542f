using System.CommandLine;

namespace JointInspection.Web.Infrastructure.Data;

/// <summary>
/// `dotnet run --project src/JointInspection.Web -- db copy --from App_Data/portal.db`, with Database:Provider=postgresql
/// and ConnectionStrings:Portal naming a new PostgreSQL database: moves an existing SQLite database there and checks
/// every table's row count.
/// </summary>
public static class DatabaseCommand
{
    public static bool IsDatabaseCommand(string[] args) => args.Length > 0 && args[0] == "db";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var from = new Option<string>("--from") { Description = "The SQLite database file to copy (the portal's App_Data/portal.db by default)", Required = true };
        var copy = new Command("copy", "Copy every table of a SQLite database into the PostgreSQL database the portal is configured for") { from };
        copy.SetAction(async (result, cancellationToken) =>
        {
            IReadOnlyList<CopiedTable> tables;
            try
            {
                tables = await new DatabaseCopy(services.GetRequiredService<Database>()).CopyAsync(result.GetValue(from)!, cancellationToken);
            }
            catch (DatabaseCopyRefusedException ex)
            {
                await Console.Error.WriteLineAsync($"Nothing was copied: {ex.Message}");
                return 1;
            }

            foreach (var table in tables)
            {
                await Console.Out.WriteLineAsync($"{table.Name,-34} {table.SqliteRows,10:N0} {table.PostgreSqlRows,10:N0}{(table.Matches ? "" : "  DIFFERS")}");
            }

            if (tables.Any(t => !t.Matches))
            {
                await Console.Error.WriteLineAsync("Row counts differ, so the copy was rolled back: nothing was copied.");
                return 1;
            }

            await Console.Out.WriteLineAsync($"Copied {tables.Count} tables, {tables.Sum(t => t.SqliteRows):N0} rows; every table's row count matches.");
            return 0;
        });

        var root = new RootCommand("Joint inspection consultation portal") { new Command("db", "Move the portal's data between databases") { copy } };
        return await root.Parse(args).InvokeAsync();
    }
}
