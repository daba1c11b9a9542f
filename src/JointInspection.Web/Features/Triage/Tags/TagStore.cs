using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Tags;

/// <summary>A tag, how many submissions have it, and whether a person made it or the portal proposed it (and who confirmed it).</summary>
public sealed record Tag(long Id, string Name, string ProposedBy, string ConfirmedBy, long Submissions);

/// <summary>How many of a tag's submissions are about each thing: a workstream, an area of focus, the whole draft, or a suggested topic.</summary>
public sealed record TagCount(string About, long Submissions);

/// <summary>
/// The tag and submission_tag tables. Tags are shared by every round, so a theme that recurs keeps its name. Merging
/// moves one tag's submissions to another and removes the first; each submission keeps who tagged it.
/// </summary>
public sealed class TagStore(Database database, TimeProvider clock)
{
    public const string CreateAction = "tag.create";
    public const string RenameAction = "tag.rename";
    public const string MergeAction = "tag.merge";
    public const string TagAction = "submission.tag";

    /// <summary>Who proposed a tag, or a tag on a submission: a member of staff, or the portal (confirmed by a person).</summary>
    public const string ByPerson = "person";

    public const string ByPortal = "portal";

    private const string Select = """
        SELECT t.id AS Id, t.name AS Name, t.proposed_by AS ProposedBy, t.confirmed_by AS ConfirmedBy,
               (SELECT count(*) FROM submission_tag x WHERE x.tag_id = t.id) AS Submissions
          FROM tag t
        """;

    /// <summary>Every tag by name, each with how many submissions have it.</summary>
    public async Task<IReadOnlyList<Tag>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition($"{Select} ORDER BY t.name, t.id", cancellationToken: cancellationToken))).Select(r => r.Tag()).ToList();
    }

    /// <summary>Every tag's id and name, by name, without counting: what a filter offers.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> NamesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<(long, string)>(new CommandDefinition("SELECT id, name FROM tag ORDER BY name, id", cancellationToken: cancellationToken))];
    }

    public async Task<Tag?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, id);
    }

    /// <summary>The tag's submissions counted by what they are about, most first.</summary>
    public async Task<IReadOnlyList<TagCount>> CountsAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string About, long Submissions)>(new CommandDefinition(
            """
            SELECT about AS About, count(*) AS Submissions FROM (
                SELECT CASE WHEN s.kind = @suggestion THEN 'Suggested topics'
                            WHEN s.response_to = 'workstream' THEN 'Workstream: ' || w.title
                            WHEN s.response_to = 'area-of-focus' THEN 'Area of focus: ' || a.name
                            ELSE 'The draft programme as a whole' END AS about
                  FROM submission_tag x
                  JOIN submission s ON s.id = x.submission_id
                  LEFT JOIN workstream w ON w.id = s.workstream_id
                  LEFT JOIN area_of_focus a ON a.code = s.area_of_focus_code
                 WHERE x.tag_id = @id) counted
             GROUP BY about
             ORDER BY count(*) DESC, about
            """,
            new { id, suggestion = SubmissionKind.Suggestion },
            cancellationToken: cancellationToken));
        return rows.Select(r => new TagCount(r.About, r.Submissions)).ToList();
    }

    /// <summary>The tags of one submission, by name.</summary>
    public async Task<IReadOnlyList<Tag>> OfAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE t.id IN (SELECT tag_id FROM submission_tag WHERE submission_id = @submissionId) ORDER BY t.name",
            new { submissionId },
            cancellationToken: cancellationToken))).Select(r => r.Tag()).ToList();
    }

    /// <summary>Makes a tag with a name <see cref="TagRules.Check"/> has passed.</summary>
    public async Task<TagChange> CreateAsync(string name, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await NamedAsync(connection, transaction, name) is { } existing)
        {
            return new TagChange.NameTaken(existing);
        }

        var tag = await MakeAsync(connection, transaction, name, ByPerson, actor, clock.GetUtcNow());
        await transaction.CommitAsync(cancellationToken);
        return new TagChange.Done(tag);
    }

    public async Task<TagChange> RenameAsync(long id, string name, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (await FindAsync(connection, transaction, id) is not { } before)
        {
            return new TagChange.NotFound();
        }

        if (await NamedAsync(connection, transaction, name) is { } existing && existing.Id != id)
        {
            return new TagChange.NameTaken(existing);
        }

        await connection.ExecuteAsync("UPDATE tag SET name = @name WHERE id = @id", new { id, name }, transaction);
        await Audit.WriteAsync(connection, transaction, clock.GetUtcNow(), actor, RenameAction, $"tag:{id}", new { name = before.Name }, new { name });
        await transaction.CommitAsync(cancellationToken);
        return new TagChange.Done(before with { Name = name });
    }

    /// <summary>
    /// Gives every submission tagged <paramref name="fromId"/> the tag <paramref name="intoId"/> (those that have both
    /// keep the one they had) and removes the first tag. Done is the tag merged into, with its new count.
    /// </summary>
    public async Task<TagChange> MergeAsync(long fromId, long intoId, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        if (fromId == intoId || await FindAsync(connection, transaction, fromId) is not { } from || await FindAsync(connection, transaction, intoId) is not { } into)
        {
            return new TagChange.NotFound();
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO submission_tag (submission_id, tag_id, proposed_by, confirmed_by, tagged_at)
            SELECT submission_id, @intoId, proposed_by, confirmed_by, tagged_at FROM submission_tag WHERE tag_id = @fromId
            ON CONFLICT (submission_id, tag_id) DO NOTHING
            """,
            new { fromId, intoId },
            transaction);
        await connection.ExecuteAsync("DELETE FROM submission_tag WHERE tag_id = @fromId", new { fromId }, transaction);
        await connection.ExecuteAsync("DELETE FROM tag WHERE id = @fromId", new { fromId }, transaction);
        var merged = (await FindAsync(connection, transaction, intoId))!;
        await Audit.WriteAsync(
            connection, transaction, clock.GetUtcNow(), actor, MergeAction, $"tag:{intoId}",
            new { merged = from.Name, submissions = from.Submissions, into = into.Name }, new { name = merged.Name, submissions = merged.Submissions });
        await transaction.CommitAsync(cancellationToken);
        return new TagChange.Done(merged);
    }

    /// <summary>
    /// Adds <paramref name="add"/> to each submission and takes <paramref name="remove"/> off, in one transaction, with an
    /// audit entry (the tags before and after, by name) for each submission whose tags change. <paramref name="newTag"/>,
    /// a name <see cref="TagRules.Check"/> has passed, is added too: made in the same transaction, or the tag already of
    /// that name. Ids of tags that no longer exist are passed over. Returns how many submissions changed.
    /// </summary>
    public async Task<int> TagAsync(
        IReadOnlyCollection<long> submissionIds, IReadOnlyCollection<long> add, IReadOnlyCollection<long> remove, string? newTag, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        ArgumentNullException.ThrowIfNull(add);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (newTag is not null)
        {
            var tag = await NamedAsync(connection, transaction, newTag) ?? await MakeAsync(connection, transaction, newTag, ByPerson, actor, now);
            add = [.. add, tag.Id];
        }

        var changed = await TagEachAsync(connection, transaction, submissionIds, add, remove, ByPerson, actor, now);
        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    /// <summary>
    /// In the caller's transaction: the tag called <paramref name="name"/> (made, as proposed by the portal and
    /// confirmed by <paramref name="actor"/>, if there is none) given to each of <paramref name="submissionIds"/> in the
    /// same way. Returns the tag and how many submissions it was new to.
    /// </summary>
    public static async Task<(Tag Tag, int Tagged)> AcceptThemeAsync(
        DbConnection connection, DbTransaction transaction, string name, IReadOnlyCollection<long> submissionIds, string actor, DateTimeOffset now)
    {
        var tag = await NamedAsync(connection, transaction, name) ?? await MakeAsync(connection, transaction, name, ByPortal, actor, now);
        var tagged = await TagEachAsync(connection, transaction, submissionIds, [tag.Id], [], ByPortal, actor, now);
        return ((await FindAsync(connection, transaction, tag.Id))!, tagged);
    }

    private static async Task<int> TagEachAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> submissionIds, IReadOnlyCollection<long> add, IReadOnlyCollection<long> remove,
        string proposedBy, string actor, DateTimeOffset now)
    {
        var changed = 0;
        foreach (var id in submissionIds.Distinct())
        {
            var before = await NamesOfAsync(connection, transaction, id);
            foreach (var tagId in add)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO submission_tag (submission_id, tag_id, proposed_by, confirmed_by, tagged_at)
                    SELECT s.id, t.id, @proposedBy, @actor, @now FROM submission s, tag t WHERE s.id = @id AND t.id = @tagId
                    ON CONFLICT (submission_id, tag_id) DO NOTHING
                    """,
                    new { id, tagId, proposedBy, actor, now },
                    transaction);
            }

            if (remove.Count > 0)
            {
                await connection.ExecuteAsync(
                    $"DELETE FROM submission_tag WHERE submission_id = @id AND tag_id {connection.InList("remove")}", new { id, remove = remove.ToArray() }, transaction);
            }

            var after = await NamesOfAsync(connection, transaction, id);
            if (!before.SequenceEqual(after))
            {
                await Audit.WriteAsync(connection, transaction, now, actor, TagAction, $"submission:{SubmissionReference.Format(id)}", new { tags = before }, new { tags = after });
                changed++;
            }
        }

        return changed;
    }

    private static async Task<Tag> MakeAsync(DbConnection connection, DbTransaction transaction, string name, string proposedBy, string actor, DateTimeOffset now)
    {
        var id = await connection.ExecuteScalarAsync<long>(
            "INSERT INTO tag (name, proposed_by, confirmed_by, created_at) VALUES (@name, @proposedBy, @actor, @now) RETURNING id",
            new { name, proposedBy, actor, now },
            transaction);
        await Audit.WriteAsync(connection, transaction, now, actor, CreateAction, $"tag:{id}", null, new { name });
        return (await FindAsync(connection, transaction, id))!;
    }

    private static async Task<List<string>> NamesOfAsync(DbConnection connection, DbTransaction transaction, long submissionId) =>
        (await connection.QueryAsync<string>(
            "SELECT t.name FROM submission_tag x JOIN tag t ON t.id = x.tag_id WHERE x.submission_id = @submissionId ORDER BY t.name",
            new { submissionId },
            transaction)).ToList();

    private static async Task<Tag?> FindAsync(DbConnection connection, DbTransaction? transaction, long id) =>
        (await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE t.id = @id", new { id }, transaction))?.Tag();

    private static async Task<Tag?> NamedAsync(DbConnection connection, DbTransaction transaction, string name) =>
        (await connection.QuerySingleOrDefaultAsync<Row>($"{Select} WHERE t.name = @name", new { name }, transaction))?.Tag();

    // Settable properties, not a constructor: on an empty result SQLite gives computed columns no type, and Dapper's
    // constructor matching would then fail.
    private sealed class Row
    {
        public long Id { get; init; }

        public string Name { get; init; } = "";

        public string ProposedBy { get; init; } = "";

        public string ConfirmedBy { get; init; } = "";

        public long Submissions { get; init; }

        public Tag Tag() => new(Id, Name, ProposedBy, ConfirmedBy, Submissions);
    }
}
