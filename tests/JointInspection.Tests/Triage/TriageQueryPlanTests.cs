using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage;
using Microsoft.Data.Sqlite;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The plans SQLite makes for the queue's page query: the first page and a deep one alike are read through an
/// index in the order shown, so a page costs the same at row 50 as at row 100,000. No test here times anything.
/// </summary>
// Reads SQLite's EXPLAIN QUERY PLAN; TriageQueryPlanPostgreSqlTests proves the same of PostgreSQL's plans.
[Trait("Database", "sqlite-only")]
public sealed class TriageQueryPlanTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string, TriageFilter> Plans => new()
    {
        { "first page, newest", new() },
        { "deep page, newest", new(After: new QueueCursor(1500)) },
        { "first page, oldest", new(Sort: TriageSort.Oldest) },
        { "deep page, oldest", new(Sort: TriageSort.Oldest, After: new QueueCursor(1500)) },
        { "first page, by status", new(Status: "received") },
        { "deep page, by status", new(Status: "received", After: new QueueCursor(1500)) },
        { "deep page, by status, oldest", new(Status: "received", Sort: TriageSort.Oldest, After: new QueueCursor(1500)) },
        { "previous page, by kind", new(Kind: "response", Before: new QueueCursor(1500)) },
        { "deep page, by respondent type", new(RespondentType: "individual", After: new QueueCursor(1500)) },
        { "deep page, by area of focus and confirmed", new(AreaOfFocus: "custodial-conditions", Confirmed: true, After: new QueueCursor(1500)) },
        { "deep page, by search", new(Search: "text", After: new QueueCursor(1500)) },
        { "deep page, by search and status, oldest", new(Search: "text", Status: "received", Sort: TriageSort.Oldest, After: new QueueCursor(1500)) },
        { "previous page, by search and kind", new(Search: "text", Kind: "response", Before: new QueueCursor(1500)) },
        { "deep page, by a name's start", new(Search: "pat do", After: new QueueCursor(1500)) },
        { "a reference", new(Search: "JI-000123") },
        { "first page, highest risk", new(Sort: TriageSort.Risk) },
        { "deep page, highest risk", new(Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "previous page, highest risk", new(Sort: TriageSort.Risk, Before: new QueueCursor(1500, 12)) },
        { "deep page, highest risk, by kind", new(Kind: "suggestion", Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "deep page, highest risk, by status", new(Status: "assessed", Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "deep page, highest risk, by respondent type", new(RespondentType: "organisation", Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "deep page, highest risk, by area of focus", new(AreaOfFocus: "custodial-conditions", Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        { "first page, my submissions", new(AssignedTo: "someone@example.gov.uk") },
        { "deep page, my submissions not decided", new(AssignedTo: "someone@example.gov.uk", Decided: false, After: new QueueCursor(1500)) },
        { "deep page, unassigned, not assessed", new(Unassigned: true, Assessed: false, After: new QueueCursor(1500)) },
        { "deep page, highest risk, decided", new(Decided: true, Sort: TriageSort.Risk, After: new QueueCursor(1500, 12)) },
        // Not here: a search in risk order. SQLite starts from the full-text matches and sorts only those, which is
        // the right plan for a rare word; the queue benchmark measures it with a common one.
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task Every_page_is_read_through_an_index_in_order_without_sorting(string view, TriageFilter filter)
    {
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission") < 2000)
        {
            // Enough rows that the planner's choice is not an accident of an empty table.
            SubmissionRows.InsertMany(portal.ConnectionString, Enumerable.Range(0, 2000).Select(i => new SubmissionRow($"Text {i}", Confirmed: i % 3 == 0)));
        }

        var (sql, parameters) = TriageQueueReader.ListQuery(filter);

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(step => step.Detail).ToList();

        var submission = Assert.Single(plan, step => step.StartsWith("SEARCH s ", StringComparison.Ordinal) || step == "SCAN s" || step.StartsWith("SCAN s ", StringComparison.Ordinal));
        Assert.True(
            submission.StartsWith("SEARCH s USING ", StringComparison.Ordinal)
            && (submission.Contains("INDEX", StringComparison.Ordinal) || submission.Contains("INTEGER PRIMARY KEY", StringComparison.Ordinal)),
            $"{view}: {string.Join(" | ", plan)}");
        Assert.DoesNotContain(plan, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public async Task Each_row_finds_its_open_recommendation_through_the_index_on_submission_and_version(string view, TriageFilter filter)
    {
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        var (sql, parameters) = TriageQueueReader.ListQuery(filter);

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(step => step.Detail).ToList();

        // The recommendation joined, and its highest version, are each one probe of recommendation_submission_version, never a scan.
        Assert.True(
            plan.Count(step => step.StartsWith("SEARCH r USING INDEX recommendation_submission_version (submission_id=? AND version=?)", StringComparison.Ordinal)) == 1
            && plan.Count(step => step.StartsWith("SEARCH x USING COVERING INDEX recommendation_submission_version (submission_id=?)", StringComparison.Ordinal)) == 1,
            $"{view}: {string.Join(" | ", plan)}");
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN r", StringComparison.Ordinal) || step.StartsWith("SCAN x", StringComparison.Ordinal));
    }

    public static TheoryData<string, TriageFilter, string> Counts => new()
    {
        { "no filter", new(), "SCAN s USING COVERING INDEX submission_status" },
        { "kind and respondent type", new(Kind: "suggestion", RespondentType: "organisation"), "SCAN s USING COVERING INDEX submission_counts" },
        { "confirmed", new(Confirmed: true), "SCAN s USING COVERING INDEX submission_counts" },
        { "reference", new(Search: "ji-123"), "SEARCH s USING INTEGER PRIMARY KEY (rowid=?)" },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public async Task Counts_read_a_narrow_covering_index_not_the_rows(string view, TriageFilter filter, string expected)
    {
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        var (sql, parameters) = TriageQueueReader.CountQuery(filter);

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(step => step.Detail).ToList();

        Assert.True(plan.Contains(expected), $"{view}: {string.Join(" | ", plan)}");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("pat do")]
    public async Task A_searchs_counts_read_the_full_text_index_alone(string search)
    {
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        var (sql, parameters) = TriageQueueReader.CountQuery(new(Search: search));

        var plan = (await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
            .Select(step => step.Detail).ToList();

        // Each match's status is in its rowid (the search key), so no row of submission is read to count it.
        Assert.Contains(plan, step => step.StartsWith("SCAN f VIRTUAL TABLE", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.Contains(" s ", StringComparison.Ordinal) || step.EndsWith(" s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_full_text_index_follows_a_submission_through_every_status_with_the_status_in_its_key()
    {
        var marker = $"kestrel{Guid.NewGuid():N}";
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new($"About {marker}"));
        await using var connection = new SqliteConnection(portal.StartedConnectionString());
        for (var place = 0; place < SubmissionStatus.All.Count; place++)
        {
            await connection.ExecuteAsync("UPDATE submission SET status = @status WHERE id = @id", new { status = SubmissionStatus.All[place], id });

            var key = await connection.QuerySingleAsync<long>("SELECT rowid FROM submission_search WHERE submission_search MATCH @marker", new { marker });
            Assert.Equal((id, place), (key >> 4, (int)(key & 15)));
        }
    }

    [Fact]
    public async Task The_index_of_respondents_details_keeps_to_each_submission_written_edited_and_deleted()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("About gulls", Name: "Marigold Ashcombe", Email: "marigold@gulls.example"));
        await using var connection = new SqliteConnection(portal.StartedConnectionString());

        // FTS5 compares an index with its content table when asked for an integrity check with rank 1, and throws if
        // they differ: so each write of the respondent's details must reach the index.
        async Task AssertMatchesSubmissionsAsync() =>
            await connection.ExecuteAsync("INSERT INTO submission_search_people (submission_search_people, rank) VALUES ('integrity-check', 1)");

        await AssertMatchesSubmissionsAsync();
        await connection.ExecuteAsync(
            "UPDATE submission SET respondent_name = 'Tamsin Ravenhurst', organisation_name = 'Gull Watch', status = 'declined' WHERE id = @id", new { id });
        await AssertMatchesSubmissionsAsync();
        Assert.Equal([id], await connection.QueryAsync<long>("SELECT rowid FROM submission_search_people WHERE submission_search_people MATCH 'raven*'"));
        await connection.ExecuteAsync("DELETE FROM submission WHERE id = @id", new { id });
        await AssertMatchesSubmissionsAsync();
        Assert.Empty(await connection.QueryAsync<long>("SELECT rowid FROM submission_search_people WHERE submission_search_people MATCH 'raven*'"));
    }
}
