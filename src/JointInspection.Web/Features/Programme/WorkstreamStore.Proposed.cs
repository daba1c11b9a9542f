using System.Data.Common;
using Dapper;

namespace JointInspection.Web.Features.Programme;

/// <summary>The proposed workstreams that accepted suggestions become, written inside the decision's transaction.</summary>
public static partial class WorkstreamStore
{
    /// <summary>
    /// Creates the accepted suggestion's proposed workstream in the suggestion's round, or brings back and rewrites the one
    /// an earlier acceptance created, with who takes part, its areas, and the inspector-days it draws from capacity in its
    /// programme year (which the decision chooses, and may differ from the year the assessor had in mind).
    /// </summary>
    public static async Task<long> WriteProposedAsync(
        DbConnection connection, DbTransaction transaction, long submissionId, string slug, CheckedWorkstream w, IReadOnlyDictionary<string, int> days)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(days);
        var existing = await connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM workstream WHERE origin_submission_id = @submissionId", new { submissionId }, transaction);
        long id;
        if (existing is { } found)
        {
            id = found;
            await connection.ExecuteAsync(
                """
                UPDATE workstream SET title = @Title, summary = @Summary, kind = @Kind, programme_year = @ProgrammeYear, withdrawn_at = NULL
                 WHERE id = @id
                """,
                new { w.Title, w.Summary, w.Kind, w.ProgrammeYear, id }, transaction);
        }
        else
        {
            id = await connection.ExecuteScalarAsync<long>(
                """
                INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order, origin_submission_id)
                SELECT round_id, @slug, @Title, @Summary, @Section, @Kind, @Status, @ProgrammeYear, NULL, 1000 + @submissionId, @submissionId
                  FROM submission WHERE id = @submissionId
                RETURNING id
                """,
                new { slug, w.Title, w.Summary, w.Section, w.Kind, w.Status, w.ProgrammeYear, submissionId }, transaction);
        }

        await WriteLinksAsync(connection, transaction, id, w, new Dictionary<string, string>());
        await connection.ExecuteAsync("DELETE FROM workstream_days WHERE workstream_id = @id", new { id }, transaction);
        await connection.ExecuteAsync(
            "INSERT INTO workstream_days (workstream_id, inspectorate_code, programme_year, days) VALUES (@id, @Key, @ProgrammeYear, @Value)",
            days.Select(d => new { id, d.Key, w.ProgrammeYear, d.Value }), transaction);
        return id;
    }

    /// <summary>A decision that no longer accepts the suggestion takes its proposed workstream out of the programme and gives its days back.</summary>
    public static async Task WithdrawProposedAsync(DbConnection connection, DbTransaction transaction, long submissionId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ExecuteAsync(
            "DELETE FROM workstream_days WHERE workstream_id IN (SELECT id FROM workstream WHERE origin_submission_id = @submissionId)",
            new { submissionId }, transaction);
        await connection.ExecuteAsync(
            "UPDATE workstream SET withdrawn_at = @now WHERE origin_submission_id = @submissionId AND withdrawn_at IS NULL",
            new { submissionId, now }, transaction);
    }
}
