using System.Diagnostics;
using Dapper;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JointInspection.Benchmarks;

/// <summary>
/// The triage queue at 100,000 submissions: median and p95 of TriageQueueReader for the views staff use, each beside
/// its ceiling, the same list and count SQL run straight on an open connection: the ratio is what the reader's own
/// work (taking a pooled connection, mapping rows) adds, and a ratio under 1 is noise.
/// </summary>
internal static class QueueBenchmark
{
    private const int Submissions = 100_000;
    private const int WarmUpRuns = 20;
    private const int TimedRuns = 200;
    private const int DeepPage = 500;
    private const double TargetMedianMs = 20;
    private const string SearchWords = "housing release";

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ji-queue-benchmark-");
        try
        {
            await using var app = await StartPortalDataAsync(Path.Combine(folder.FullName, "portal.db"));
            var database = app.Services.GetRequiredService<Database>();
            var reader = app.Services.GetRequiredService<TriageQueueReader>();

            var seeding = Stopwatch.StartNew();
            QueueSeed.Insert(database, Submissions);
            Print($"seeded {Submissions:N0} submissions in {seeding.Elapsed.TotalSeconds:F1} s");
            await DescribeAsync(database);

            using var connection = (SqliteConnection)database.Open();
            await foreach (var (name, filter) in CasesAsync(reader))
            {
                await MeasureAsync(name, filter, reader, connection);
            }
        }
        finally
        {
            // Pooled connections hold the file open; let go of them before removing it.
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }

        return 0;
    }

    /// <summary>The portal's own data registration and start-up tasks, so the file is migrated exactly as the app does it.</summary>
    private static async Task<WebApplication> StartPortalDataAsync(string file)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={file}" });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPortalData();

        // As AddTriage registers it; AddTriage itself would also bring the decision store and its outbox.
        builder.Services.AddSingleton<TriageQueueReader>();
        var app = builder.Build();
        await app.RunStartupTasksAsync();
        return app;
    }

    private static async Task DescribeAsync(Database database)
    {
        await using var connection = await database.OpenAsync();
        var mix = await connection.QuerySingleAsync<(long Suggestions, long Organisations, long Confirmed, long Assessed, long Found)>(
            """
            SELECT sum(kind = 'suggestion'), sum(respondent_type = 'organisation'), sum(email_confirmed_at IS NOT NULL),
                   sum(risk_score > 0), sum(id IN (SELECT rowid FROM submission_search WHERE submission_search MATCH @search))
              FROM submission
            """,
            new { search = new TriageFilter(Search: SearchWords).FullTextQuery() });
        Print($"  {mix.Suggestions:N0} suggestions, {mix.Organisations:N0} from organisations, {mix.Confirmed:N0} confirmed, {mix.Assessed:N0} assessed; \"{SearchWords}\" is in {mix.Found:N0}");
    }

    private static async IAsyncEnumerable<(string Name, TriageFilter Filter)> CasesAsync(TriageQueueReader reader)
    {
        yield return ("first page (newest)", new TriageFilter());
        yield return ($"page {DeepPage} (newest)", await PageAsync(reader, new TriageFilter(), DeepPage));
        yield return ("first page (oldest)", new TriageFilter(Sort: TriageSort.Oldest));
        yield return ("kind=suggestion & respondentType=organisation", new TriageFilter(Kind: "suggestion", RespondentType: "organisation"));
        yield return ($"q=\"{SearchWords}\" & status=received", new TriageFilter(Status: "received", Search: SearchWords));
        yield return ("first page (highest risk)", new TriageFilter(Sort: TriageSort.Risk));
        yield return ($"page {DeepPage} (highest risk)", await PageAsync(reader, new TriageFilter(Sort: TriageSort.Risk), DeepPage));
    }

    /// <summary>A deep page's cursor is known only by reading every page before it, as someone paging on would.</summary>
    private static async Task<TriageFilter> PageAsync(TriageQueueReader reader, TriageFilter first, int number)
    {
        var filter = first;
        for (var page = 1; page < number; page++)
        {
            filter = filter with { After = (await reader.ReadAsync(filter)).Next };
        }

        return filter;
    }

    private static async Task MeasureAsync(string name, TriageFilter filter, TriageQueueReader reader, SqliteConnection connection)
    {
        var (listSql, listParameters) = TriageQueueReader.ListQuery(filter);
        var (countSql, countParameters) = TriageQueueReader.CountQuery(filter);
        var (median, p95) = await TimeAsync(() => reader.ReadAsync(filter));
        var (ceiling, _) = await TimeAsync(async () =>
        {
            await connection.QueryAsync(listSql, listParameters);
            await connection.QueryAsync(countSql, countParameters);
        });

        var verdict = median <= TargetMedianMs ? "met" : "NOT met";
        Print($"queue {name,-52} median {median,6:F2} ms  p95 {p95,6:F2} ms   ceiling (same SQL direct) {ceiling,6:F2} ms   ratio {median / ceiling,5:F2}   target ≤ {TargetMedianMs} ms median: {verdict}");
    }

    private static async Task<(double Median, double P95)> TimeAsync(Func<Task> run)
    {
        for (var i = 0; i < WarmUpRuns; i++)
        {
            await run();
        }

        var ms = new double[TimedRuns];
        for (var i = 0; i < TimedRuns; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await run();
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(ms);
        return ((ms[(TimedRuns - 1) / 2] + ms[TimedRuns / 2]) / 2, ms[(int)Math.Ceiling(TimedRuns * 0.95) - 1]);
    }

    private static void Print(FormattableString line) => Program.Print(line);
}
