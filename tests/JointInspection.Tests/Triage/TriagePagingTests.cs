using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Triage;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>Keyset paging over the whole queue, unfiltered, on a database of its own.</summary>
public sealed class TriagePagingTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private TriageQueueReader Reader => portal.Services.GetRequiredService<TriageQueueReader>();

    // A client waits for the app to start, and so for its migrations, before the test writes rows.
    private void Insert(int count, int from = 0) =>
        SubmissionRows.InsertMany(portal.StartedConnectionString(), Enumerable.Range(from, count).Select(i => new SubmissionRow($"Text {i}", Confirmed: i % 3 == 0)));

    private List<long> AllIds(string order)
    {
        using var connection = portal.OpenDatabase();
        return connection.Query<long>($"SELECT id FROM submission ORDER BY id {order}").ToList();
    }

    /// <summary>Follows next from the first page to the last, calling between after each page.</summary>
    private async Task<List<long>> ReadAllAsync(TriageFilter filter, Action<int>? between = null)
    {
        var seen = new List<long>();
        var page = await Reader.ReadAsync(filter);
        for (var number = 1; ; number++)
        {
            Assert.True(page.Items.Count <= filter.Limit);
            seen.AddRange(page.Items.Select(item => item.Id));
            between?.Invoke(number);
            if (page.Next is not { } next)
            {
                return seen;
            }

            page = await Reader.ReadAsync(filter with { After = next });
        }
    }

    [Fact]
    public async Task Newest_first_returns_every_row_once_in_order_even_when_more_arrive_between_pages()
    {
        Insert(23);
        var before = AllIds("DESC");

        var seen = await ReadAllAsync(new TriageFilter(Limit: 5), number => Insert(number == 2 ? 3 : 0, 100));

        // Newer arrivals belong before the first page, so this reading neither shows them nor shifts.
        Assert.Equal(before, seen);
        Assert.Equal(before.Count + 3, AllIds("DESC").Count);
    }

    [Fact]
    public async Task Oldest_first_returns_every_row_once_in_order_and_new_arrivals_at_the_end()
    {
        Insert(23);

        var seen = await ReadAllAsync(new TriageFilter(Sort: TriageSort.Oldest, Limit: 4), number => Insert(number == 3 ? 2 : 0, 200));

        Assert.Equal(AllIds("ASC"), seen);
    }

    [Fact]
    public async Task Highest_risk_first_returns_every_row_once_by_score_then_newest_and_unassessed_last()
    {
        Insert(17);
        Assess(score: id => id % 4 == 0 ? 0 : (int)(id % 5) + 1);
        using var connection = portal.OpenDatabase();
        var expected = connection.Query<long>("SELECT id FROM submission ORDER BY risk_score DESC, id DESC").ToList();

        var seen = await ReadAllAsync(new TriageFilter(Sort: TriageSort.Risk, Limit: 4));

        Assert.Equal(expected, seen);
        var scores = connection.Query<long>("SELECT risk_score FROM submission ORDER BY risk_score DESC, id DESC").ToList();
        Assert.True(scores.Distinct().Count() > 2, "the rows should have several scores, or the test proves little");
    }

    /// <summary>Gives every row an assessment whose likelihood is the score wanted (impact 1); 0 leaves it unassessed.</summary>
    private void Assess(Func<long, int> score)
    {
        using var connection = portal.OpenDatabase();
        connection.Execute("DELETE FROM assessment");
        connection.Execute("UPDATE submission SET risk_score = 0");
        foreach (var id in connection.Query<long>("SELECT id FROM submission").ToList().Where(id => score(id) > 0))
        {
            connection.Execute(
                """
                INSERT INTO assessment (submission_id, likelihood, impact, programme_year, assessed_by, assessed_at, version)
                VALUES (@id, @likelihood, 1, '2021-22', 'test', '2026-01-01T00:00:00.000Z', 1)
                """,
                new { id, likelihood = score(id) });
        }
    }

    [Theory]
    [InlineData(TriageSort.Newest)]
    [InlineData(TriageSort.Oldest)]
    [InlineData(TriageSort.Risk)]
    public async Task Previous_goes_back_to_exactly_the_page_before(TriageSort sort)
    {
        Insert(12);
        var filter = new TriageFilter(Sort: sort, Limit: 3);
        var first = await Reader.ReadAsync(filter);
        var second = await Reader.ReadAsync(filter with { After = first.Next });
        var third = await Reader.ReadAsync(filter with { After = second.Next });

        var backToSecond = await Reader.ReadAsync(filter with { Before = third.Previous });
        var backToFirst = await Reader.ReadAsync(filter with { Before = backToSecond.Previous });

        Assert.Equal(second.Items, backToSecond.Items);
        Assert.Equal(second.Next, backToSecond.Next);
        Assert.Equal(first.Items, backToFirst.Items);
        Assert.Null(backToFirst.Previous);
        Assert.Equal(first.Next, backToFirst.Next);
    }
}
