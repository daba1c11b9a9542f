using System.Data.Common;
using System.Diagnostics;
using Dapper;
using JointInspection.TestSupport;
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
/// work (taking a pooled connection, mapping rows) adds, and a ratio under 1 is noise. On SQLite or, with
/// PORTAL_TEST_DATABASE=postgresql, on PostgreSQL, each with its own SQL from TriageQueueReader.
/// </summary>
internal static class QueueBenchmark
{
    private const int Submissions = 100_000;
    private const int WarmUpRuns = 20;
    private const int TimedRuns = 200;
    private const int DeepPage = 500;
    private const double TargetMedianMs = 20;
    private const string SearchWords = "housing release";
    private const string FirstPage = "first page (newest)";
    private const string SearchCase = $"q=\"{SearchWords}\" & status=received";

    // "youth" is also a word of 8,000 organisations' names (Youth Justice Alliance), so on SQLite the index of respondents'
    // details is asked at more cost whether any of them has a word that only starts so (TriageQueueReader.SqliteSearchQuery).
    private const string OrganisationSearchWords = "housing youth";
    private const string OrganisationSearchCase = $"q=\"{OrganisationSearchWords}\" & status=received";

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("ji-queue-benchmark-");
        // On PostgreSQL a database of its own on the server this process starts (see TestDatabase); else a SQLite file.
        var postgreSql = TestDatabase.IsPostgreSql ? await TestDatabase.CreatePostgreSqlAsync() : null;
        try
        {
            await using (var app = await StartPortalDataAsync(postgreSql ?? $"Data Source={Path.Combine(folder.FullName, "portal.db")}"))
            {
                var database = app.Services.GetRequiredService<Database>();
                var reader = app.Services.GetRequiredService<TriageQueueReader>();
                Program.PrintDatabase(database);

                var seeding = Stopwatch.StartNew();
                QueueSeed.Insert(database, Submissions);
                Print($"seeded {Submissions:N0} submissions in {seeding.Elapsed.TotalSeconds:F1} s");
                await DescribeAsync(database);

                await using var connection = await database.OpenAsync();
                var medians = new Dictionary<string, double>();
                await foreach (var (name, filter) in CasesAsync(reader))
                {
                    medians[name] = await MeasureAsync(name, filter, reader, connection, database.Dialect);
                }

                // A word found in a fifth of the queue, counted by status, against the page staff open first.
                var search = medians[SearchCase];
                var first = medians[FirstPage];
                Print($"queue word search against the first page in this run: {search:F2} ms / {first:F2} ms   ratio {search / first,5:F2}   target ≤ 2: {(search / first <= 2 ? "met" : "NOT met")}");
                var organisation = medians[OrganisationSearchCase];
                Print($"  and for a word also in organisations' names: {organisation:F2} ms / {first:F2} ms   ratio {organisation / first,5:F2}   (for comparison: more matches, see the counts above)");
            }

            if (postgreSql is not null)
            {
                await TestDatabase.DropPostgreSqlAsync(postgreSql);
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

    /// <summary>The portal's own data registration and start-up tasks, so the database is migrated exactly as the app does it.</summary>
    private static async Task<WebApplication> StartPortalDataAsync(string connectionString)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connectionString,
            ["Database:Provider"] = TestDatabase.IsPostgreSql ? "postgresql" : "sqlite",
        });
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
        var mix = await connection.QuerySingleAsync<(long Suggestions, long Organisations, long Confirmed, long Assessed)>(
            """
            SELECT count(*) FILTER (WHERE kind = 'suggestion'), count(*) FILTER (WHERE respondent_type = 'organisation'),
                   count(*) FILTER (WHERE email_confirmed_at IS NOT NULL), count(*) FILTER (WHERE risk_score > 0)
              FROM submission
            """);
        // The queue's own count of a search's matches (by status, summed), so the words are found as each database finds them.
        async Task<long> FoundAsync(string words)
        {
            var (countSql, countParameters) = TriageQueueReader.CountQuery(new TriageFilter(Search: words), database.Dialect);
            return (await connection.QueryAsync<(string Status, long Count)>(countSql, countParameters)).Sum(row => row.Count);
        }

        var (found, foundWithOrganisation) = (await FoundAsync(SearchWords), await FoundAsync(OrganisationSearchWords));
        Print($"  {mix.Suggestions:N0} suggestions, {mix.Organisations:N0} from organisations, {mix.Confirmed:N0} confirmed, {mix.Assessed:N0} assessed; \"{SearchWords}\" is in {found:N0}, \"{OrganisationSearchWords}\" in {foundWithOrganisation:N0}");
    }

    private static async IAsyncEnumerable<(string Name, TriageFilter Filter)> CasesAsync(TriageQueueReader reader)
    {
        yield return (FirstPage, new TriageFilter());
        yield return ($"page {DeepPage} (newest)", await PageAsync(reader, new TriageFilter(), DeepPage));
        yield return ("first page (oldest)", new TriageFilter(Sort: TriageSort.Oldest));
        yield return ("kind=suggestion & respondentType=organisation", new TriageFilter(Kind: "suggestion", RespondentType: "organisation"));
        yield return (SearchCase, new TriageFilter(Status: "received", Search: SearchWords));
        yield return (OrganisationSearchCase, new TriageFilter(Status: "received", Search: OrganisationSearchWords));
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

    private static async Task<double> MeasureAsync(string name, TriageFilter filter, TriageQueueReader reader, DbConnection connection, SqlDialect dialect)
    {
        var (listSql, listParameters) = TriageQueueReader.ListQuery(filter, dialect);
        var (countSql, countParameters) = TriageQueueReader.CountQuery(filter, dialect);
        var (median, p95) = await TimeAsync(() => reader.ReadAsync(filter));
        var (ceiling, _) = await TimeAsync(async () =>
        {
            await using var transaction = await TriageQueueReader.BeginReadAsync(connection, filter, dialect);
            await connection.QueryAsync(listSql, listParameters, transaction);
            await connection.QueryAsync(countSql, countParameters, transaction);
        });

        var verdict = median <= TargetMedianMs ? "met" : "NOT met";
        Print($"queue {name,-52} median {median,6:F2} ms  p95 {p95,6:F2} ms   ceiling (same SQL direct) {ceiling,6:F2} ms   ratio {median / ceiling,5:F2}   target ≤ {TargetMedianMs} ms median: {verdict}");
        return median;
    }

    private static Task<(double Median, double P95)> TimeAsync(Func<Task> run) => Timings.TimeAsync(run, WarmUpRuns, TimedRuns);

    private static void Print(FormattableString line) => Program.Print(line);
}
