using System.Data.Common;
using Dapper;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Programme;

/// <summary>The SQL of editing a round's draft programme, each statement inside the caller's transaction.</summary>
public static partial class WorkstreamStore
{
    /// <summary>Slugs a workstream may not take: the address of the page that adds one.</summary>
    public static readonly IReadOnlyList<string> ReservedSlugs = ["new"];

    /// <summary>One workstream of a round exactly as stored, withdrawn or not; null when the round has no such slug.</summary>
    public static async Task<WorkstreamCopy?> ReadCopyAsync(DbConnection connection, DbTransaction? transaction, long roundId, string slug)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var grid = await connection.QueryMultipleAsync(
            """
            SELECT id, slug, title, summary, section, kind, status, programme_year AS ProgrammeYear, expected_publication AS ExpectedPublication,
                   sort_order AS SortOrder, origin_submission_id AS OriginSubmissionId, withdrawn_at AS WithdrawnAt
              FROM workstream WHERE round_id = @roundId AND slug = @slug;
            SELECT p.inspectorate_code AS Code, p.role, p.nation, i.kind
              FROM workstream_participant p JOIN inspectorate i ON i.code = p.inspectorate_code
             WHERE p.workstream_id = (SELECT id FROM workstream WHERE round_id = @roundId AND slug = @slug)
             ORDER BY i.sort_order;
            SELECT l.area_of_focus_code
              FROM workstream_area_of_focus l JOIN area_of_focus a ON a.code = l.area_of_focus_code
             WHERE l.workstream_id = (SELECT id FROM workstream WHERE round_id = @roundId AND slug = @slug)
             ORDER BY a.sort_order;
            SELECT l.cross_cutting_issue_code
              FROM workstream_cross_cutting_issue l JOIN cross_cutting_issue c ON c.code = l.cross_cutting_issue_code
             WHERE l.workstream_id = (SELECT id FROM workstream WHERE round_id = @roundId AND slug = @slug)
             ORDER BY c.sort_order;
            """,
            new { roundId, slug },
            transaction);
        var row = await grid.ReadSingleOrDefaultAsync<CopyRow>();
        if (row is null)
        {
            return null;
        }

        var participants = (await grid.ReadAsync<(string Code, string Role, string? Nation, string Kind)>()).ToList();
        var areas = (await grid.ReadAsync<string>()).ToList();
        var issues = (await grid.ReadAsync<string>()).ToList();
        return new WorkstreamCopy(
            row.Id, row.Slug, row.Title, row.Summary, row.Section, row.Kind, row.Status, row.ProgrammeYear, row.ExpectedPublication,
            participants.FirstOrDefault(p => p.Role == "lead").Code,
            participants.Where(p => p.Role != "lead" && p.Kind == "criminal-justice").Select(p => p.Code).ToList(),
            participants.Where(p => p.Role != "lead" && p.Kind != "criminal-justice").Select(p => p.Code).ToList(),
            participants.Where(p => p.Nation is not null).ToDictionary(p => p.Code, p => p.Nation!),
            areas, issues, row.SortOrder, row.OriginSubmissionId, row.WithdrawnAt);
    }

    /// <summary>A slug for a new workstream of the round, from its title: the title's words, with "-2", "-3", … when those are taken.</summary>
    public static async Task<string> FreeSlugAsync(DbConnection connection, DbTransaction transaction, long roundId, string title)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var words = SlugWords(title) is { Length: > 0 } found ? found : "workstream";
        // Withdrawn workstreams keep their slugs (their rows stay, and the slug is unique in the round), so they count as taken.
        var taken = (await connection.QueryAsync<string>(
            "SELECT slug FROM workstream WHERE round_id = @roundId AND (slug = @words OR slug LIKE @prefix)",
            new { roundId, words, prefix = words + "-%" },
            transaction)).Concat(ReservedSlugs).ToHashSet();
        var slug = words;
        for (var n = 2; taken.Contains(slug); n++)
        {
            slug = $"{words}-{n}";
        }

        return slug;
    }

    /// <summary>Adds the workstream at the end of the round's programme and returns its id.</summary>
    public static async Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, long roundId, string slug, CheckedWorkstream w)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(w);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, programme_year, expected_publication, sort_order)
            VALUES (@roundId, @slug, @Title, @Summary, @Section, @Kind, @Status, @ProgrammeYear, @ExpectedPublication,
                    (SELECT coalesce(max(sort_order), 0) + 1 FROM workstream WHERE round_id = @roundId))
            RETURNING id
            """,
            new { roundId, slug, w.Title, w.Summary, w.Section, w.Kind, w.Status, w.ProgrammeYear, w.ExpectedPublication },
            transaction);
        await WriteLinksAsync(connection, transaction, id, w, new Dictionary<string, string>());
        return id;
    }

    /// <summary>
    /// Rewrites the workstream as checked, keeping its slug, place, origin and the nation of every participant still taking
    /// part. The inspector-days it commits follow it: an inspectorate no longer taking part gives its days back, and a move
    /// from one programme year to the other takes the days along (work made to run throughout the round keeps them where
    /// they were, since days are counted by year).
    /// </summary>
    public static async Task UpdateAsync(DbConnection connection, DbTransaction transaction, WorkstreamCopy before, CheckedWorkstream w)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(w);
        var id = before.Id;
        await connection.ExecuteAsync(
            """
            UPDATE workstream SET title = @Title, summary = @Summary, section = @Section, kind = @Kind, status = @Status,
                                  programme_year = @ProgrammeYear, expected_publication = @ExpectedPublication
             WHERE id = @id
            """,
            new { id, w.Title, w.Summary, w.Section, w.Kind, w.Status, w.ProgrammeYear, w.ExpectedPublication },
            transaction);
        await WriteLinksAsync(connection, transaction, id, w, before.Nations);

        string[] takingPart = [w.Lead, .. w.Supporting, .. w.Partners];
        await connection.ExecuteAsync(
            $"DELETE FROM workstream_days WHERE workstream_id = @id AND inspectorate_code {connection.NotInList("takingPart")}",
            new { id, takingPart }, transaction);
        if (before.ProgrammeYear is { } from && w.ProgrammeYear is { } to && from != to)
        {
            // Days already held in the new year for the same inspectorate stay as they are, and none are lost.
            await connection.ExecuteAsync(
                """
                UPDATE workstream_days SET programme_year = @to
                 WHERE workstream_id = @id AND programme_year = @from
                   AND NOT EXISTS (SELECT 1 FROM workstream_days x
                                    WHERE x.workstream_id = workstream_days.workstream_id
                                      AND x.inspectorate_code = workstream_days.inspectorate_code AND x.programme_year = @to)
                """,
                new { id, from, to }, transaction);
        }
    }

    /// <summary>The inspector-days the workstream holds, by inspectorate and programme year.</summary>
    public static async Task<IReadOnlyList<HeldDays>> ReadDaysAsync(DbConnection connection, DbTransaction? transaction, long id)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string Code, string ProgrammeYear, long Days)>(
            "SELECT inspectorate_code, programme_year, days FROM workstream_days WHERE workstream_id = @id ORDER BY inspectorate_code",
            new { id },
            transaction);
        return rows.Select(r => new HeldDays(r.Code, r.ProgrammeYear, (int)r.Days)).ToList();
    }

    /// <summary>Moves the workstream, and every inspector-day it holds, to the programme year given.</summary>
    public static async Task MoveToYearAsync(DbConnection connection, DbTransaction transaction, long id, string programmeYear)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await connection.ExecuteAsync(
            """
            UPDATE workstream SET programme_year = @programmeYear WHERE id = @id;
            UPDATE workstream_days SET programme_year = @programmeYear WHERE workstream_id = @id;
            """,
            new { id, programmeYear },
            transaction);
    }

    /// <summary>
    /// Takes the workstream out of the programme. Its row stays (versions, decisions and submissions point at it) and its
    /// days stop counting, as committed days are those of workstreams still in the programme.
    /// </summary>
    public static Task WithdrawAsync(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset now) =>
        connection.ExecuteAsync("UPDATE workstream SET withdrawn_at = @now WHERE id = @id", new { id, now }, transaction);

    /// <summary>The round's workstreams still in the programme, in the programme's order: by section, then their place in it.</summary>
    public static async Task<IReadOnlyList<PlacedWorkstream>> ReadOrderAsync(DbConnection connection, DbTransaction transaction, long roundId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<PlacedWorkstream>(
            "SELECT id, slug, title, section FROM workstream WHERE round_id = @roundId AND withdrawn_at IS NULL ORDER BY sort_order, id",
            new { roundId },
            transaction);
        return rows.OrderBy(w => WorkstreamSection.Rank(w.Section)).ToList();
    }

    /// <summary>Numbers the round's workstreams 1, 2, 3, … in the order given, writing only those whose place changes.</summary>
    public static async Task RenumberAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<PlacedWorkstream> order)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(order);
        await connection.ExecuteAsync(
            "UPDATE workstream SET sort_order = @SortOrder WHERE id = @Id AND sort_order IS DISTINCT FROM @SortOrder",
            order.Select((w, index) => new { w.Id, SortOrder = index + 1 }),
            transaction);
    }

    /// <summary>Keeps a version of a published draft programme: what changed, why, and the workstream before and after.</summary>
    public static Task RecordChangeAsync(
        DbConnection connection, DbTransaction transaction, long roundId, DateTimeOffset now, string actor, string kind,
        WorkstreamCopy? before, WorkstreamCopy after, string what, string why)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(after);
        return connection.ExecuteAsync(
            """
            INSERT INTO workstream_change (round_id, workstream_id, changed_at, changed_by, kind, title, what, why, before, after)
            VALUES (@roundId, @id, @now, @actor, @kind, @title, @what, @why, @before, @after)
            """,
            new { roundId, id = after.Id, now, actor, kind, title = after.Title, what, why, before = before?.ToJson(), after = after.ToJson() },
            transaction);
    }

    /// <summary>Who takes part and what the work looks at, written afresh; a participant keeps the nation it had.</summary>
    private static async Task WriteLinksAsync(
        DbConnection connection, DbTransaction transaction, long id, CheckedWorkstream w, IReadOnlyDictionary<string, string> nations)
    {
        await connection.ExecuteAsync(
            """
            DELETE FROM workstream_participant WHERE workstream_id = @id;
            DELETE FROM workstream_area_of_focus WHERE workstream_id = @id;
            DELETE FROM workstream_cross_cutting_issue WHERE workstream_id = @id;
            """,
            new { id },
            transaction);
        var participants = new[] { (Code: w.Lead, Role: "lead") }.Concat(w.Supporting.Concat(w.Partners).Select(code => (Code: code, Role: "supporting")));
        await connection.ExecuteAsync(
            "INSERT INTO workstream_participant (workstream_id, inspectorate_code, role, nation) VALUES (@id, @Code, @Role, @Nation)",
            participants.Select(p => new { id, p.Code, p.Role, Nation = nations.GetValueOrDefault(p.Code) }),
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code) VALUES (@id, @code)",
            w.AreasOfFocus.Select(code => new { id, code }),
            transaction);
        await connection.ExecuteAsync(
            "INSERT INTO workstream_cross_cutting_issue (workstream_id, cross_cutting_issue_code) VALUES (@id, @code)",
            w.CrossCuttingIssues.Select(code => new { id, code }),
            transaction);
    }

    /// <summary>Days one inspectorate gives a workstream in one programme year.</summary>
    public sealed record HeldDays(string Code, string ProgrammeYear, int Days);

    /// <summary>A workstream's place in its round's programme, for moving it.</summary>
    public sealed class PlacedWorkstream
    {
        public long Id { get; init; }

        public string Slug { get; init; } = "";

        public string Title { get; init; } = "";

        public string Section { get; init; } = "";
    }

    // Settable properties: SQLite hands back every INTEGER as Int64 and Dapper's constructor mapping wants exact types.
    private sealed class CopyRow
    {
        public long Id { get; init; }

        public string Slug { get; init; } = "";

        public string Title { get; init; } = "";

        public string Summary { get; init; } = "";

        public string Section { get; init; } = "";

        public string Kind { get; init; } = "";

        public string Status { get; init; } = "";

        public string? ProgrammeYear { get; init; }

        public string? ExpectedPublication { get; init; }

        public long SortOrder { get; init; }

        public long? OriginSubmissionId { get; init; }

        public DateTimeOffset? WithdrawnAt { get; init; }
    }
}
