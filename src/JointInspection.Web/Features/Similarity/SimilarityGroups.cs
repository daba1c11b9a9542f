using System.Data.Common;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Similarity;

/// <summary>The states of a group and of a member.</summary>
public static class GroupStates
{
    public const string Proposed = "proposed";
    public const string Confirmed = "confirmed";
    public const string Dissolved = "dissolved";

    /// <summary>A member a person has confirmed in the group.</summary>
    public const string In = "in";

    /// <summary>A member a person took out of the group.</summary>
    public const string Split = "split";
}

/// <summary>
/// A group in a list: how many respondents it holds (members not split off), how many of them still wait for a person,
/// how many distinct texts they sent (once normalised), and how many were found as copies or a template's copies.
/// </summary>
public sealed record SimilarityGroup(
    long Id, long RoundId, string Kind, string State, long Respondents, long Proposed, long DistinctTexts, string? Example, long Copies = 0)
{
    /// <summary>A group with copies in it is a campaign, whatever other wordings joined it; one of independent wordings is the same idea.</summary>
    public bool IsCampaign => Copies > 0;

    public string Reference => $"G-{Id}";

    /// <summary>"Campaign: 412 respondents, 3 distinct texts".</summary>
    public string Summary =>
        $"{(IsCampaign ? "Campaign" : "Same idea")}: {Respondents:N0} {(Respondents == 1 ? "respondent" : "respondents")}, {DistinctTexts:N0} distinct {(DistinctTexts == 1 ? "text" : "texts")}";
}

/// <summary>A member of a group as its page lists it; Version is its decision's, as the queue's checkboxes send it.</summary>
public sealed record GroupMember(
    long SubmissionId, string Reference, string Title, string Tier, double Score, string? MatchedTo, string State, string Fingerprint, string Status, long Version);

/// <summary>
/// The similarity_group tables. The portal proposes (<see cref="ProposeAsync"/>); only a person confirms, splits,
/// dissolves or undoes, and each of those is audited on every submission it changes.
/// </summary>
public sealed class SimilarityGroups(Database database, TimeProvider clock)
{
    public const string ConfirmAction = "group.confirm";
    public const string SplitAction = "group.split";
    public const string DissolveAction = "group.dissolve";
    public const string RestoreAction = "group.restore";

    private const string Select = """
        SELECT g.id AS Id, g.round_id AS RoundId, g.kind AS Kind, g.state AS State,
               (SELECT count(*) FROM similarity_group_member m WHERE m.group_id = g.id AND m.state <> 'split') AS Respondents,
               (SELECT count(*) FROM similarity_group_member m WHERE m.group_id = g.id AND m.state = 'proposed') AS Proposed,
               (SELECT count(*) FROM similarity_group_member m WHERE m.group_id = g.id AND m.state <> 'split' AND m.tier <> 'paraphrase') AS Copies,
               (SELECT count(DISTINCT p.fingerprint) FROM similarity_group_member m JOIN submission_text_print p ON p.submission_id = m.submission_id
                 WHERE m.group_id = g.id AND m.state <> 'split') AS DistinctTexts,
               (SELECT coalesce(s.title, s.body_text) FROM similarity_group_member m JOIN submission s ON s.id = m.submission_id
                 WHERE m.group_id = g.id ORDER BY m.submission_id LIMIT 1) AS Example
          FROM similarity_group g
        """;

    /// <summary>
    /// Puts <paramref name="submissionId"/> with what it matched, in the caller's transaction: into the match's group if
    /// it is in a live one, else into a new group of the two, every new membership proposed. A match split off or in a
    /// dissolved group stays apart, and so does the new submission: a person said no. A submission already in a group
    /// (found by a closer tier) stays where it is.
    /// </summary>
    public async Task ProposeAsync(DbConnection connection, DbTransaction transaction, long submissionId, long roundId, SimilarityMatch match)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(match);
        if (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM similarity_group_member WHERE submission_id = @submissionId", new { submissionId }, transaction) > 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var theirs = (await connection.QueryAsync<(long GroupId, string State, string GroupState, string Kind)>(
            """
            SELECT m.group_id, m.state, g.state, g.kind FROM similarity_group_member m JOIN similarity_group g ON g.id = m.group_id
             WHERE m.submission_id = @id
            """,
            new { id = match.SubmissionId },
            transaction)).ToList();
        long groupId;
        if (theirs.Count == 1)
        {
            var group = theirs[0];
            if (group.State == GroupStates.Split || group.GroupState == GroupStates.Dissolved)
            {
                return;
            }

            groupId = group.GroupId;
            await connection.ExecuteAsync(
                "UPDATE similarity_group SET kind = @kind WHERE id = @groupId", new { groupId, kind = SimilarityTiers.Looser(group.Kind, match.Tier) }, transaction);
        }
        else
        {
            groupId = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO similarity_group (round_id, kind, state, proposed_at) VALUES (@roundId, @kind, @proposed, @now) RETURNING id",
                new { roundId, kind = match.Tier, proposed = GroupStates.Proposed, now },
                transaction);
            await AddAsync(connection, transaction, groupId, match.SubmissionId, match with { SubmissionId = submissionId }, now);
        }

        await AddAsync(connection, transaction, groupId, submissionId, match, now);
    }

    /// <summary>Groups in <paramref name="state"/> (every state when null), newest first, with their counts.</summary>
    public async Task<IReadOnlyList<SimilarityGroup>> ListAsync(string? state, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE (@state IS NULL OR g.state = @state) ORDER BY g.id DESC LIMIT 500", new { state }, cancellationToken: cancellationToken)))
            .Select(r => r.Group())
            .ToList();
    }

    /// <summary>How many groups wait for a person: proposed, or confirmed with new members proposed.</summary>
    public async Task<long> ToReviewAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT count(*) FROM similarity_group g
             WHERE g.state <> 'dissolved' AND EXISTS (SELECT 1 FROM similarity_group_member m WHERE m.group_id = g.id AND m.state = 'proposed')
            """,
            cancellationToken: cancellationToken));
    }

    public async Task<(SimilarityGroup Group, IReadOnlyList<GroupMember> Members)?> ReadAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var group = (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE g.id = @id", new { id }, cancellationToken: cancellationToken)))?.Group();
        if (group is null)
        {
            return null;
        }

        var members = await connection.QueryAsync<MemberRow>(new CommandDefinition(
            """
            SELECT m.submission_id AS SubmissionId, coalesce(s.title, s.body_text) AS Title, m.tier AS Tier, m.score AS Score, m.matched_to AS MatchedTo,
                   m.state AS State, p.fingerprint AS Fingerprint, s.status AS Status,
                   coalesce((SELECT max(d.version) FROM decision d WHERE d.submission_id = s.id), 0) AS Version
              FROM similarity_group_member m
              JOIN submission s ON s.id = m.submission_id
              JOIN submission_text_print p ON p.submission_id = m.submission_id
             WHERE m.group_id = @id
             ORDER BY m.submission_id
            """,
            new { id },
            cancellationToken: cancellationToken));
        return (group, members.Select(m => m.Member()).ToList());
    }

    /// <summary>Confirms the group and every member still proposed.</summary>
    public Task<int> ConfirmAsync(long id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, ConfirmAction, GroupStates.Confirmed, "m.state = 'proposed'", GroupStates.In, null, cancellationToken);

    /// <summary>Takes the members out of the group; they are not proposed for any group again unless this is undone.</summary>
    public Task<int> SplitAsync(long id, IReadOnlyCollection<long> members, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, SplitAction, null, "m.state <> 'split'", GroupStates.Split, members, cancellationToken);

    /// <summary>Puts members split off back in the group, proposed again.</summary>
    public Task<int> RejoinAsync(long id, IReadOnlyCollection<long> members, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, RestoreAction, null, "m.state = 'split'", GroupStates.Proposed, members, cancellationToken);

    /// <summary>Ends the group: its members are left ungrouped, and not proposed again unless this is undone.</summary>
    public Task<int> DissolveAsync(long id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, DissolveAction, GroupStates.Dissolved, "m.state <> 'split'", null, null, cancellationToken);

    /// <summary>Undoes a dissolution: the group is proposed again, its members as they were.</summary>
    public Task<int> RestoreAsync(long id, string actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, RestoreAction, GroupStates.Proposed, "m.state <> 'split'", null, null, cancellationToken);

    /// <summary>
    /// Sets the group's state (when given) and that of its members matching <paramref name="which"/> (and in
    /// <paramref name="only"/>, when given), auditing each of those members' submissions. Returns how many there were;
    /// -1 when there is no such group.
    /// </summary>
    private async Task<int> ChangeAsync(
        long id, string actor, string action, string? groupState, string which, string? memberState, IReadOnlyCollection<long>? only, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // The audit keeps what the group is as staff see it: a campaign while any copy is in it, though other wordings joined.
        var found = (await connection.QueryAsync<(string State, string Kind)>(
            """
            SELECT g.state, CASE WHEN EXISTS (SELECT 1 FROM similarity_group_member m WHERE m.group_id = g.id AND m.state <> 'split' AND m.tier <> 'paraphrase')
                                 THEN 'template' ELSE 'paraphrase' END
              FROM similarity_group g WHERE g.id = @id
            """,
            new { id },
            transaction)).ToList();
        if (found.Count == 0)
        {
            return -1;
        }

        var group = found[0];
        var members = (await connection.QueryAsync<(long SubmissionId, string State)>(
            $"SELECT m.submission_id, m.state FROM similarity_group_member m WHERE m.group_id = @id AND {which}" + (only is null ? "" : $" AND m.submission_id {connection.InList("only")}"),
            new { id, only = only?.ToArray() },
            transaction)).ToList();
        if (groupState is not null)
        {
            await connection.ExecuteAsync(
                "UPDATE similarity_group SET state = @groupState, decided_by = @actor, decided_at = @now WHERE id = @id", new { id, groupState, actor, now }, transaction);
        }

        foreach (var (submissionId, state) in members)
        {
            if (memberState is not null)
            {
                await connection.ExecuteAsync(
                    "UPDATE similarity_group_member SET state = @memberState, decided_by = @actor WHERE submission_id = @submissionId",
                    new { submissionId, memberState, actor },
                    transaction);
            }

            await Audit.WriteAsync(
                connection, transaction, now, actor, action, $"submission:{SubmissionReference.Format(submissionId)}",
                new { group = id, kind = group.Kind, groupState = group.State, state },
                new { group = id, kind = group.Kind, groupState = groupState ?? group.State, state = memberState ?? state });
        }

        await transaction.CommitAsync(cancellationToken);
        return members.Count;
    }

    private static Task<int> AddAsync(DbConnection connection, DbTransaction transaction, long groupId, long submissionId, SimilarityMatch match, DateTimeOffset now) =>
        connection.ExecuteAsync(
            """
            INSERT INTO similarity_group_member (submission_id, group_id, tier, score, matched_to, state, joined_at)
            VALUES (@submissionId, @groupId, @tier, @score, @matchedTo, @proposed, @now)
            """,
            new { submissionId, groupId, tier = match.Tier, score = match.Score, matchedTo = match.SubmissionId, proposed = GroupStates.Proposed, now },
            transaction);

    // Settable properties, not a constructor: on an empty result SQLite gives computed columns no type.
    private sealed class Row
    {
        public long Id { get; init; }

        public long RoundId { get; init; }

        public string Kind { get; init; } = "";

        public string State { get; init; } = "";

        public long Respondents { get; init; }

        public long Proposed { get; init; }

        public long DistinctTexts { get; init; }

        public string? Example { get; init; }

        public long Copies { get; init; }

        public SimilarityGroup Group() => new(Id, RoundId, Kind, State, Respondents, Proposed, DistinctTexts, Example, Copies);
    }

    private sealed class MemberRow
    {
        public long SubmissionId { get; init; }

        public string Title { get; init; } = "";

        public string Tier { get; init; } = "";

        public double Score { get; init; }

        public long? MatchedTo { get; init; }

        public string State { get; init; } = "";

        public string Fingerprint { get; init; } = "";

        public string Status { get; init; } = "";

        public long Version { get; init; }

        public GroupMember Member() => new(
            SubmissionId, SubmissionReference.Format(SubmissionId), Title, Tier, Score, MatchedTo is { } other ? SubmissionReference.Format(other) : null, State, Fingerprint, Status,
            Version);
    }
}
