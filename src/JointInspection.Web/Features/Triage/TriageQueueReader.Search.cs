using System.Data.Common;
using System.Text;
using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// The queue's word search on PostgreSQL: the condition on submission_search, the counts read from it, and a read
/// planned for the search's own words.
/// </summary>
public sealed partial class TriageQueueReader
{
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
