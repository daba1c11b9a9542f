using System.Globalization;

namespace JointInspection.Benchmarks;

/// <summary>
/// One benchmark a run, named by the first argument, so each starts from a fresh process and can be run alone. The
/// run script pins this process to the server core and wrk to the load core.
/// </summary>
internal static class Program
{
    /// <summary>The core wrk runs on; the portal (this process) runs on <see cref="ServerCore"/>.</summary>
    public static string LoadCore => Environment.GetEnvironmentVariable("BENCHMARK_LOAD_CORE") ?? "1";

    public static string ServerCore => Environment.GetEnvironmentVariable("BENCHMARK_SERVER_CORE") ?? "0";

    public static async Task<int> Main(string[] args) => args.FirstOrDefault() switch
    {
        "reading" => await HttpBenchmark.ReadingAsync(),
        "submitting" => await HttpBenchmark.SubmittingAsync(),
        "queue" => await QueueBenchmark.RunAsync(),
        "startup" => await StartupBenchmark.RunAsync(),
        "outbox" => await OutboxBenchmark.RunAsync(),
        "release" => await ReleaseBenchmark.RunAsync(),
        "export" => await ExportBenchmark.RunAsync(),
        _ => Usage(),
    };

    public static void Print(FormattableString line) => Console.WriteLine(line.ToString(CultureInfo.InvariantCulture));

    /// <summary>The folder holding JointInspection.sln, found from where the benchmark runs.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JointInspection.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("JointInspection.sln not found above " + AppContext.BaseDirectory);
    }

    private static int Usage()
    {
        Console.Error.WriteLine("Name a benchmark: reading (programme page and API), submitting (POST /api/v1/submissions), queue (triage queue at 100,000), startup, outbox (draining 10,000 emails), release (releasing 10,000 held outcomes and delivering their emails), export (100,000 submissions to CSV and XLSX).");
        return 2;
    }
}
