using System.Data.Common;
using System.Text;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// The queue's word search: on PostgreSQL the condition on submission_search, the counts read from it, and a read
/// planned for the search's own words; on SQLite the search key that FTS5's rowid is, the counts read from it, and
/// the search's FTS5 query, chosen word by word.
/// </summary>
public sealed partial class TriageQueueReader
{
    // SQLite: submission_search's rowid is submission.search_key, the id times 16 plus the status's place in
    // SubmissionStatus.All (migration 0038), so each match brings its status with it.
    private const int SearchKeyShift = 4;

    private const int SearchKeyStatusMask = (1 << SearchKeyShift) - 1;

    private static readonly string SearchKeyStatusName =
        $"CASE {SearchKeyStatusPlace("f")} {string.Join(' ', SubmissionStatus.All.Select((status, place) => $"WHEN {place} THEN '{status}'"))} END";

    /// <summary>SQLite: the submission id of the match of submission_search known as <paramref name="alias"/>.</summary>
    internal static string SearchKeyId(string alias) => $"({alias}.rowid >> {SearchKeyShift})";

    /// <summary>SQLite: the place in SubmissionStatus.All of the status of the match known as <paramref name="alias"/>.</summary>
    internal static string SearchKeyStatusPlace(string alias) => $"({alias}.rowid & {SearchKeyStatusMask})";

    /// <summary>SQLite: the status's part of a search key.</summary>
    internal static int SearchKeyStatus(string status)
    {
        for (var place = 0; place < SubmissionStatus.All.Count; place++)
        {
            if (SubmissionStatus.All[place] == status)
            {
                return place;
            }
        }

        throw new ArgumentException($"'{status}' is not a submission status.", nameof(status));
    }

    /// <summary>
    /// SQLite: the search key that bounds a page read from <paramref name="cursor"/> (an id) as "rowid &lt; bound"
    /// going down the queue or "rowid &gt; bound" going up, whatever the status.
    /// </summary>
    internal static long SearchKeyBound(long cursor, bool descending) =>
        cursor > long.MaxValue >> SearchKeyShift ? long.MaxValue
        : descending ? cursor << SearchKeyShift
        : (cursor << SearchKeyShift) + SearchKeyStatusMask;

    /// <summary>
    /// SQLite: the search's FTS5 query for submission_search, put together word by word in the statement itself (so
    /// from what it reads). A word is found whole (stemmed) in any column, or as the start of a word of the respondent's
    /// details; but the second part can only add a submission whose details have a word that starts so without being the
    /// word itself. When submission_search_people (migration 0039) says no respondent's details
    /// have one, which it answers in 0.01 ms for a word in nobody's details and 0.4 ms for one in 8,000 organisations'
    /// names, the word is looked for whole alone: the same matches, without gathering from every column each indexed
    /// word that starts as it does, which is most of a search's cost when the word is common.
    /// </summary>
    private static string SqliteSearchQuery(TriageFilter filter, DynamicParameters parameters) =>
        "(" + string.Join(" || ' AND ' || ", filter.SearchWords()!.Select((word, i) =>
        {
            // Quoted, so nothing typed is read as FTS5 syntax.
            var quoted = $"\"{word}\"";
            parameters.Add($"searchWord{i}", $"({quoted} OR {{respondent_name respondent_email organisation_name}} : {quoted}*)");
            parameters.Add($"searchWhole{i}", quoted);
            parameters.Add($"searchPeople{i}", $"{quoted}* NOT {quoted}");
            return $"CASE WHEN EXISTS (SELECT 1 FROM submission_search_people WHERE submission_search_people MATCH @searchPeople{i}) THEN @searchWord{i} ELSE @searchWhole{i} END";
        })) + ")";

    /// <summary>
    /// SQLite's counts for a search: the statuses come from the matches' rowids, so no row of submission is read for
    /// them unless another filter asks.
    /// </summary>
    private static string SqliteSearchCountQuery(TriageFilter filter, DynamicParameters parameters)
    {
        var where = Conditions(filter, parameters, withStatus: false, searchAsFilter: false, SqlDialect.Sqlite);
        var join = where.Count > 1 ? $" JOIN submission s ON s.id = {SearchKeyId("f")}" : "";
        return $"SELECT {SearchKeyStatusName}, count(*) FROM submission_search f{join} WHERE {string.Join(" AND ", where)} GROUP BY {SearchKeyStatusPlace("f")}";
    }

    /// <summary>
    /// PostgreSQL keeps one plan for a statement it has run often (the portal prepares them), made without its words; a
    /// search is planned for its own words instead, in a read of its own. The best plan turns on how many submissions
    /// the words match: for a common word, reading the queue in order and testing each row (1 ms at 100,000); for a
    /// rare one, the GIN index first. The kept plan, guessing, took the second for a word in a fifth of them: 100 ms.
    /// Null, and nothing begun, for anything else. Public for the queue benchmark, whose ceiling reads the same way.
    /// </summary>
    public static async Task<DbTransaction?> BeginReadAsync(DbConnection connection, TriageFilter filter, SqlDialect dialect, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(filter);
        if (dialect != SqlDialect.PostgreSql || filter.SearchWords() is null)
        {
            return null;
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL plan_cache_mode = force_custom_plan", transaction: transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    /// <summary>
    /// PostgreSQL's counts for a search: the matches come from the GIN indexes and their status from submission_search
    /// itself, so no row of submission is read for them unless another filter asks.
    /// </summary>
    private static string SearchCountQuery(TriageFilter filter, DynamicParameters parameters, string match)
    {
        var others = Conditions(filter, parameters, withStatus: false, searchAsFilter: false, SqlDialect.PostgreSql);
        var sql = new StringBuilder("SELECT f.status, count(*) FROM submission_search f WHERE ").Append(match);
        if (others.Count > 0)
        {
            sql.Append(" AND f.submission_id IN (SELECT s.id FROM submission s WHERE ").AppendJoin(" AND ", others).Append(')');
        }

        return sql.Append(" GROUP BY f.status").ToString();
    }

    /// <summary>
    /// PostgreSQL: every word of the search, each a stem of the submission's words (document) or the start of a stem of
    /// its respondent's details (people), as FTS5's porter tokenizer stems a prefix too; a condition on submission_search
    /// as <paramref name="alias"/>, or null when there is nothing to search for. Unweighted, so the GIN indexes answer
    /// it without reading a document.
    /// </summary>
    internal static string? SearchMatch(TriageFilter filter, DynamicParameters parameters, string alias) =>
        filter.SearchWords() is { } words
            ? string.Join(" AND ", words.Select((word, i) =>
            {
                parameters.Add($"word{i}", word);
                return $"({alias}.document @@ to_tsquery('english_all', unaccent(@word{i})) OR {alias}.people @@ to_tsquery('english_all', unaccent(@word{i}) || ':*'))";
            }))
            : null;
}
