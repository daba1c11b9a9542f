using System.Globalization;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Benchmarks;

/// <summary>
/// One benchmark a run, named by the first argument, so each starts from a fresh process and can be run alone. The
/// run script pins this process to the server core and wrk to the load core. With PORTAL_TEST_DATABASE=postgresql
/// (the run script's postgresql argument) the portal runs on a PostgreSQL server that this process starts, and so
/// pins to the same core.
/// </summary>
internal static class Program
{
    /// <summary>The core wrk runs on; the portal (this process) runs on <see cref="ServerCore"/>.</summary>
    public static string LoadCore => Environment.GetEnvironmentVariable("BENCHMARK_LOAD_CORE") ?? "1";

    public static string ServerCore => Environment.GetEnvironmentVariable("BENCHMARK_SERVER_CORE") ?? "0";

    /// <summary>The benchmarks that have PostgreSQL figures; the others measure SQLite alone.</summary>
    private static readonly string[] OnPostgreSql = ["reading", "submitting", "queue"];

    public static async Task<int> Main(string[] args)
    {
        // A benchmark measures the durable database a deployment runs, as SQLite's figures are taken with synchronous=FULL.
        Environment.SetEnvironmentVariable(PostgresServer.DurableVariable, "1");
        var name = args.FirstOrDefault();
        if (name == MinimalKestrel.Argument && args.Length == 2)
        {
            return await MinimalKestrel.ServeAsync(args[1]);
        }

        if (TestDatabase.IsPostgreSql && name is not null && !OnPostgreSql.Contains(name))
        {
            Console.WriteLine($"{name}: SQLite only; on PostgreSQL only {string.Join(", ", OnPostgreSql)} are measured.");
            return 0;
        }

        try
        {
            return await RunAsync(name);
        }
        catch (Exception failure)
        {
            // Returning, rather than crashing, lets the process exit normally, which stops a PostgreSQL server it started.
            Console.Error.WriteLine(failure);
            return 1;
        }
    }

    /// <summary>Says which PostgreSQL, and that it flushes every commit, before its figures; SQLite's figures need no such line.</summary>
    public static void PrintDatabase(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (!database.IsPostgreSql)
        {
            return;
        }

        using var connection = database.Open();
        var server = connection.QuerySingle<(string Version, string Fsync, string SynchronousCommit)>(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit')");
        Print($"on PostgreSQL {server.Version} (fsync {server.Fsync}, synchronous_commit {server.SynchronousCommit}), started by this process and so on its core");
    }

    private static async Task<int> RunAsync(string? name) => name switch
    {
        "reading" => await HttpBenchmark.ReadingAsync(),
        "submitting" => await HttpBenchmark.SubmittingAsync(),
        "queue" => await QueueBenchmark.RunAsync(),
        "startup" => await StartupBenchmark.RunAsync(),
        "outbox" => await OutboxBenchmark.RunAsync(),
        "release" => await ReleaseBenchmark.RunAsync(),
        "export" => await ExportBenchmark.RunAsync(),
        "embedding" => await EmbeddingBenchmark.RunAsync(),
        "similar" => await SimilarBenchmark.RunAsync(),
        "backlog" => await BacklogBenchmark.RunAsync(),
        _ => Usage(),
    };

    public static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    private static int Usage()
    {
        Console.Error.WriteLine("Name a benchmark (PORTAL_TEST_DATABASE=postgresql runs reading, submitting and queue on PostgreSQL): reading (programme page and API), submitting (POST /api/v1/submissions), queue (triage queue at 100,000), startup, outbox (draining 10,000 emails), release (releasing 10,000 held outcomes and delivering their emails), export (100,000 submissions to CSV and XLSX), embedding (texts read for meaning), similar (similar topics at 100,000), backlog (grouping 100,000, and the programme page meanwhile).");
        return 2;
    }
}
