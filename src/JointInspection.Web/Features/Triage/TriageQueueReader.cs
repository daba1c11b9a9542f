using System.Text;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// One row of the queue. Version is that of the submission's current decision (0 when there is none yet): a decision
/// made from this row, alone or with others, sends it so that one recorded in between is not overwritten. Recommended
/// is the outcome the secretariat recommends while its recommendation is open; AssignedTo names who is working on it.
/// </summary>
public sealed record TriageItem(
    long Id, string Reference, string Kind, string Title, string RespondentType, bool EmailConfirmed, DateTimeOffset ReceivedAt, string Status, int? RiskScore,
    long Version, string? Recommended = null, string? AssignedTo = null)
{
    /// <summary>The live group of copies or near-copies it is in (or proposed for), if any.</summary>
    public long? GroupId { get; init; }

    public string? GroupState { get; init; }

    /// <summary>The submission's tags, by name.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>A submission chosen in the queue for a decision on several at once, with the round whose rules it is decided by.</summary>
public sealed record SelectedSubmission(TriageItem Item, long RoundId);

/// <summary>One page of the queue. Next and Previous are cursors for the pages either side, null at the ends.</summary>
public sealed record TriagePage(IReadOnlyList<TriageItem> Items, QueueCursor? Next, QueueCursor? Previous, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// The staff queue of submissions, for the page and the API. It pages by keyset on the id, never by OFFSET:
/// ids come from AUTOINCREMENT inside the write transaction, so they follow arrival order, are never reused,
/// and a submission arriving between pages gets an id beyond every existing one. Reading "newest" onwards it
/// therefore never shifts or repeats a row; reading "oldest" it turns up once, at the end. received_at could
/// tie or step back with the clock; the id cannot.
/// </summary>
public sealed partial class TriageQueueReader(Database database)
{
    public async Task<TriagePage> ReadAsync(TriageFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await BeginReadAsync(connection, filter, database.Dialect, cancellationToken);

        var (listSql, listParameters) = ListQuery(filter, database.Dialect);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(listSql, listParameters, transaction, cancellationToken: cancellationToken))).ToList();
        var (countSql, countParameters) = CountQuery(filter, database.Dialect);
        var counts = SubmissionStatus.All.ToDictionary(status => status, _ => 0L);
        foreach (var (status, count) in await connection.QueryAsync<(string, long)>(
            new CommandDefinition(countSql, countParameters, transaction, cancellationToken: cancellationToken)))
        {
            counts[status] = count;
        }

        var more = rows.Count > filter.Limit;
        var items = rows.Take(filter.Limit)
            .Select(r => r.Item())
            .ToList();
        if (filter.Before is not null)
        {
            // Read backwards from the cursor; shown in the sort's own order.
            items.Reverse();
            return new TriagePage(items, CursorAt(items.LastOrDefault()), more ? CursorAt(items[0]) : null, counts);
        }

        return new TriagePage(items, more ? CursorAt(items[^1]) : null, filter.After is not null ? CursorAt(items.FirstOrDefault()) : null, counts);
    }

    /// <summary>
    /// The submissions with these ids, as the queue shows them, for a decision on several at once; ids that name no
    /// submission are left out.
    /// </summary>
    public async Task<IReadOnlyList<SelectedSubmission>> SelectionAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            {Columns}, s.round_id AS RoundId
              FROM submission s
            {Joins}
             WHERE s.id {connection.InList("ids")}
             ORDER BY s.id
            """,
            new { ids = ids.ToArray(), suggestion = SubmissionKind.Suggestion, open = Recommendations.RecommendationStatus.Open },
            cancellationToken: cancellationToken));
        return rows.Select(r => new SelectedSubmission(r.Item(), r.RoundId)).ToList();
    }

    // The tags, one a line: a plain string so that the separator is a newline in both dialects (names are one line). They
    // are put in order here rather than in SQL, where SQLite would sort each row's few tags in a temporary b-tree.
    private const string TagNames =
        "(SELECT string_agg(tg.name, '\n') FROM submission_tag st JOIN tag tg ON tg.id = st.tag_id WHERE st.submission_id = s.id)";

    // Who has it, and the live group it is in: each a probe of a primary key. As subqueries rather than joins, so that
    // PostgreSQL's planner, which stops reordering joins past eight tables, still reads the page through an index.
    private const string AssignedTo =
        "(SELECT coalesce(am.name, asg.assignee) FROM submission_assignment asg LEFT JOIN staff_member am ON am.email = asg.assignee WHERE asg.submission_id = s.id)";

    private const string LiveGroup =
        "FROM similarity_group_member gm JOIN similarity_group g ON g.id = gm.group_id WHERE gm.submission_id = s.id AND gm.state <> 'split' AND g.state <> 'dissolved'";

    /// <summary>What the queue shows of a submission; the title says what a response is to. Needs @suggestion.</summary>
    private const string Columns = $"""
        SELECT s.id, s.kind,
               CASE WHEN s.kind = @suggestion THEN s.title
                    WHEN s.response_to = 'workstream' THEN 'Workstream: ' || w.title
                    WHEN s.response_to = 'area-of-focus' THEN 'Area of focus: ' || a.name
                    ELSE 'The draft programme as a whole' END AS title,
               s.respondent_type AS RespondentType, CASE WHEN s.email_confirmed_at IS NOT NULL THEN 1 ELSE 0 END AS Confirmed,
               s.received_at AS ReceivedAt, s.status, s.risk_score AS RiskScore,
               coalesce((SELECT max(d.version) FROM decision d WHERE d.submission_id = s.id), 0) AS Version,
               r.outcome AS Recommended, {AssignedTo} AS AssignedTo, {TagNames} AS Tags,
               (SELECT g.id {LiveGroup}) AS GroupId, (SELECT g.state {LiveGroup}) AS GroupState
        """;

    /// <summary>
    /// What the response is to, and the open recommendation in force (needs @open): a LEFT JOIN never leads the plan, so
    /// the page is still read in index order, and each row shown costs one probe of recommendation_submission_version.
    /// </summary>
    private const string Joins = """
          LEFT JOIN workstream w ON w.id = s.workstream_id
          LEFT JOIN area_of_focus a ON a.code = s.area_of_focus_code
          LEFT JOIN recommendation r ON r.submission_id = s.id AND r.status = @open
               AND r.version = (SELECT max(x.version) FROM recommendation x WHERE x.submission_id = s.id)
        """;

    private static QueueCursor? CursorAt(TriageItem? item) => item is null ? null : new QueueCursor(item.Id, item.RiskScore ?? 0);

    /// <summary>One page plus one row (to know whether there is a next page); public so the tests can read its plan.</summary>
    public static (string Sql, DynamicParameters Parameters) ListQuery(TriageFilter filter, SqlDialect dialect = SqlDialect.Sqlite)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters();

        // Going back a page reads the other way from the cursor. With no cursor the bound is still there, so the
        // first page and a deep page are the same index range search.
        var descending = (filter.Sort != TriageSort.Oldest) == (filter.Before is null);
        var bound = descending ? "<" : ">";
        var cursor = filter.After ?? filter.Before;
        List<string> where;
        var searchFirst = false;
        if (filter.Sort == TriageSort.Risk)
        {
            // A row value compares (score, id) as a pair, and SQLite walks submission_risk (score, then rowid) for it.
            parameters.Add("score", cursor?.Score ?? (descending ? 26 : -1));
            parameters.Add("cursor", cursor?.Id ?? 0);
            where = Conditions(filter, parameters, withStatus: true, searchAsFilter: true, dialect);
            where.Add($"(s.risk_score, s.id) {bound} (@score, @cursor)");
        }
        else
        {
            parameters.Add("cursor", cursor?.Id ?? (descending ? long.MaxValue : 0));
            // With words to find, the full-text index leads: it hands back matches in id order from the cursor on,
            // so a page stops after its rows instead of collecting every match first.
            // PostgreSQL's planner takes the matches from the GIN index and sorts them itself.
            searchFirst = filter.SearchWords() is not null && dialect == SqlDialect.Sqlite;
            where = Conditions(filter, parameters, withStatus: true, searchAsFilter: !searchFirst, dialect);
            if (searchFirst)
            {
                // The index's rowid is the search key (id and status): a bound on it is a bound on the id.
                parameters.Add("cursorKey", SearchKeyBound(cursor?.Id ?? (descending ? long.MaxValue : 0), descending));
                where.Add($"f.rowid {bound} @cursorKey");
                if (filter.Status is { } status)
                {
                    // Matches of another status are passed over in the index, without reading their row.
                    parameters.Add("statusKey", SearchKeyStatus(status));
                    where.Add($"{SearchKeyStatusPlace("f")} = @statusKey");
                }
            }
            else
            {
                where.Add($"s.id {bound} @cursor");
            }
        }

        parameters.Add("take", filter.Limit + 1);
        parameters.Add("suggestion", SubmissionKind.Suggestion);
        parameters.Add("open", Recommendations.RecommendationStatus.Open);
        var sql = new StringBuilder(Columns);
        sql.AppendLine().Append(searchFirst
            ? $"  FROM submission_search f JOIN submission s ON s.id = {SearchKeyId("f")}"
            : "  FROM submission s");
        sql.AppendLine().Append(Joins);
        sql.AppendLine().Append(" WHERE ").AppendJoin("\n   AND ", where);
        var direction = descending ? "DESC" : "ASC";
        var order = filter.Sort == TriageSort.Risk ? $"s.risk_score {direction}, s.id {direction}"
            : searchFirst ? $"f.rowid {direction}"
            : $"s.id {direction}";
        sql.AppendLine().Append(" ORDER BY ").Append(order).Append(" LIMIT @take");
        return (sql.ToString(), parameters);
    }

    /// <summary>
    /// How many match each status, with every filter but status itself, so the counts say where to look next. Counting
    /// visits every match, so it reads what is narrowest rather than the wide submission rows: for a search, the
    /// full-text index alone (on SQLite each match's status is in its rowid; on PostgreSQL in submission_search), and
    /// for the simple filters submission_counts (status, kind, respondent type, confirmation). The planner would
    /// otherwise fetch each row from the table, several times slower at 100,000 rows.
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) CountQuery(TriageFilter filter, SqlDialect dialect = SqlDialect.Sqlite)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters();
        if (dialect == SqlDialect.PostgreSql && filter.Reference is null && SearchMatch(filter, parameters, "f") is { } match)
        {
            return (SearchCountQuery(filter, parameters, match), parameters);
        }

        if (dialect == SqlDialect.Sqlite && filter.SearchWords() is not null)
        {
            return (SqliteSearchCountQuery(filter, parameters), parameters);
        }

        var where = Conditions(filter, parameters, withStatus: false, searchAsFilter: true, dialect);
        // INDEXED BY is SQLite's; PostgreSQL chooses its index-only scans itself.
        var index = filter.Reference is not null || dialect == SqlDialect.PostgreSql ? ""
            : filter is { AreaOfFocus: null, Inspectorate: null } && where.Count > 0 ? " INDEXED BY submission_counts"
            : "";
        var sql = new StringBuilder("SELECT s.status, count(*) FROM submission s").Append(index);
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        return (sql.Append(" GROUP BY s.status").ToString(), parameters);
    }

    // Settable properties, not a constructor: on an empty result SQLite gives computed columns no type, and
    // Dapper's constructor matching would then fail on a page with no rows.
    private sealed class Row
    {
        public long Id { get; init; }

        public string Kind { get; init; } = "";

        public string Title { get; init; } = "";

        public string RespondentType { get; init; } = "";

        public long Confirmed { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public string Status { get; init; } = "";

        public long RiskScore { get; init; }

        public long Version { get; init; }

        public long RoundId { get; init; }

        public string? Recommended { get; init; }

        public string? AssignedTo { get; init; }

        public string? Tags { get; init; }

        public long? GroupId { get; init; }

        public string? GroupState { get; init; }

        public TriageItem Item() => new(
            Id, SubmissionReference.Format(Id), Kind, Title, RespondentType, Confirmed == 1, ReceivedAt, Status, RiskScore is > 0 and var score ? (int)score : null, Version,
            Recommended, AssignedTo)
        {
            Tags = Tags is null ? [] : [.. Tags.Split('\n').Order(StringComparer.CurrentCultureIgnoreCase)],
            GroupId = GroupId,
            GroupState = GroupState,
        };
    }
}
