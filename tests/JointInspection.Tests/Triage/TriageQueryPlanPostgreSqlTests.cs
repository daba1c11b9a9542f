using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The plans PostgreSQL makes for the queue's page query, as TriageQueryPlanTests proves SQLite's: on a table of a few
/// thousand rows, once analysed, the first page, a deep page and a search each reach submission through an index, never
/// by reading the whole table. No test here times anything.
/// </summary>
// Reads PostgreSQL's EXPLAIN, so it only means something with PORTAL_TEST_DATABASE=postgresql; the SQLite run leaves it out.
[Trait("Database", "postgresql-only")]
public sealed class TriageQueryPlanPostgreSqlTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private const int Rows = 3000;

    public static TheoryData<string, TriageFilter> Pages => new()
    {
        { "first page, newest", new() },
        { "deep page, newest", new(After: new QueueCursor(1500)) },
        { "first page, oldest", new(Sort: TriageSort.Oldest) },
        { "deep page, oldest", new(Sort: TriageSort.Oldest, After: new QueueCursor(1500)) },
        { "previous page, newest", new(Before: new QueueCursor(1500)) },
        { "first page, highest risk", new(Sort: TriageSort.Risk) },
        { "deep page, highest risk", new(Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "deep page, search for a common word", new(Search: "text", After: new QueueCursor(1500)) },
        { "deep page, search and status, oldest", new(Search: "text", Status: "received", Sort: TriageSort.Oldest, After: new QueueCursor(1500)) },
        { "deep page, a common name's start", new(Search: "pat do", After: new QueueCursor(1500)) },
        { "a rare name's start", new(Search: "ffi bev") },
        { "a reference", new(Search: "JI-000123") },
        { "deep page, unassigned and not decided", new(Unassigned: true, Decided: false, After: new QueueCursor(1500)) },
        { "deep page, highest risk, decided", new(Decided: true, Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        // Not here: a word that few rows hold. PostgreSQL cannot tell how few, and on a table this small it rightly reads
        // the table and joins the full-text matches to it; A_search_finds_its_matches_through_the_full_text_index checks
        // that those matches come from the index.
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_reaches_submission_through_an_index_not_a_scan_of_the_table(string view, TriageFilter filter)
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.Variable}=postgresql; the SQLite run filters out Database=postgresql-only.");
        await using var connection = portal.OpenDatabase();
        await FillAsync(connection);
        var (sql, parameters) = TriageQueueReader.ListQuery(filter, SqlDialect.PostgreSql);

        var plan = await PlanAsync(connection, sql, parameters);

        var scans = Nodes(plan).Where(node => node.Relation == "submission").ToList();
        Assert.True(
            scans.Count > 0 && scans.All(node => node.Type is "Index Scan" or "Index Only Scan" or "Bitmap Heap Scan"),
            $"{view}: {Describe(plan)}");
    }

    [Theory]
    [InlineData("1234")]
    [InlineData("ffi bev")]
    public async Task A_search_finds_its_matches_through_the_full_text_index(string search)
    {
        Assert.True(TestDatabase.IsPostgreSql, $"Run with {TestDatabase.Variable}=postgresql; the SQLite run filters out Database=postgresql-only.");
        await using var connection = portal.OpenDatabase();
        await FillAsync(connection);
        var (sql, parameters) = TriageQueueReader.ListQuery(new TriageFilter(Search: search), SqlDialect.PostgreSql);

        var plan = await PlanAsync(connection, sql, parameters);

        Assert.Contains(Nodes(plan), node => node.Type == "Bitmap Index Scan" && node.Index == "submission_search_document");
        Assert.DoesNotContain(Nodes(plan), node => node.Type == "Seq Scan" && node.Relation == "submission_search");
    }

    /// <summary>Enough rows, analysed, that the planner's choice is not an accident of an empty table or of stale statistics.</summary>
    private async Task FillAsync(System.Data.Common.DbConnection connection)
    {
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission") < Rows)
        {
            SubmissionRows.InsertMany(
                portal.StartedConnectionString(),
                Enumerable.Range(0, Rows).Select(i => new SubmissionRow($"Text {i}", Confirmed: i % 3 == 0, Name: i % 100 == 0 ? "Ffion Bevan" : "Pat Doe")));
            // As text: Dapper would take a single word for the name of a procedure.
            await connection.ExecuteAsync(new CommandDefinition("ANALYZE", commandType: System.Data.CommandType.Text));
        }
    }

    private static async Task<JsonElement> PlanAsync(System.Data.Common.DbConnection connection, string sql, DynamicParameters parameters)
    {
        var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + sql, parameters);
        return JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan").Clone();
    }

    private sealed record PlanNode(string Type, string? Relation, string? Index);

    private static IEnumerable<PlanNode> Nodes(JsonElement node)
    {
        yield return new PlanNode(
            node.GetProperty("Node Type").GetString()!,
            node.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : null,
            node.TryGetProperty("Index Name", out var index) ? index.GetString() : null);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }

    private static string Describe(JsonElement plan) =>
        string.Join(" | ", Nodes(plan).Select(node => $"{node.Type}{(node.Relation is null ? "" : " on " + node.Relation)}{(node.Index is null ? "" : " using " + node.Index)}"));
}
