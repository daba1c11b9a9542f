using Dapper;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Triage.Assignment;

/// <summary>Who a submission is assigned to (their name, or their email address until they first sign in), and by whom.</summary>
public sealed record SubmissionAssignment(string Assignee, string AssigneeName, string AssignedBy, DateTimeOffset AssignedAt);

/// <summary>What an assignment's audit entry copies: enough to say "Assigned to Jo Bloggs" however the staff list changes later.</summary>
public sealed record AssignmentCopy(string Assignee, string AssigneeName);

/// <summary>How assigning several submissions went: how many changed hands, or why none did.</summary>
public abstract record AssignmentResult
{
    public sealed record Assigned(int Changed) : AssignmentResult;

    /// <summary>The person chosen no longer holds a role that takes case work; nothing was changed.</summary>
    public sealed record NotAssignable : AssignmentResult;
}

/// <summary>
/// The submission_assignment table: who is working on which submission. Case work goes to secretariat officers and
/// chief inspectors; admins run the portal, not the postbag.
/// </summary>
public sealed class SubmissionAssignments(Database database, TimeProvider clock)
{
    public const string AssignAction = "submission.assign";

    /// <summary>Whether a member of staff can be given case work.</summary>
    public static bool TakesCaseWork(StaffMember member) =>
        member!.Roles.Contains(StaffRoles.Secretariat) || member.Roles.Contains(StaffRoles.ChiefInspector);

    public async Task<SubmissionAssignment?> OfAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} WHERE a.submission_id = @submissionId", new { submissionId }, cancellationToken: cancellationToken)))
            .Select(r => r.Assignment())
            .SingleOrDefault();
    }

    /// <summary>How many undecided submissions one person has: read through their own assignments only.</summary>
    public async Task<long> InHandOfAsync(string assignee, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT count(*) FROM submission_assignment a JOIN submission s ON s.id = a.submission_id
             WHERE a.assignee = @assignee AND s.status {connection.InList("open")}
            """,
            new { assignee, open = SubmissionStatus.Undecided.ToArray() },
            cancellationToken: cancellationToken));
    }

    /// <summary>How many undecided submissions each member of staff has assigned: their work in hand, by email address.</summary>
    public async Task<IReadOnlyDictionary<string, long>> InHandAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Assignee, long Count)>(new CommandDefinition(
            $"""
            SELECT a.assignee, count(*) FROM submission_assignment a JOIN submission s ON s.id = a.submission_id
             WHERE s.status {connection.InList("open")}
             GROUP BY a.assignee
            """,
            new { open = SubmissionStatus.Undecided.ToArray() },
            cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Assignee, r => r.Count, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Assigns the submissions to <paramref name="assignee"/>, or unassigns them when it is null, in one transaction
    /// with an audit entry for each that changes hands. Submissions already where they are asked to be are left alone.
    /// </summary>
    public async Task<AssignmentResult> AssignAsync(
        IReadOnlyCollection<long> submissionIds, string? assignee, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submissionIds);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        AssignmentCopy? after = null;
        if (assignee is not null)
        {
            // Read inside the write: a role removed since the form was shown refuses the assignment rather than racing it.
            var members = (await connection.QueryAsync<(string Email, string? Name)>(
                $"""
                SELECT m.email, m.name FROM staff_member m
                 WHERE m.email = @assignee AND EXISTS (SELECT 1 FROM staff_role r WHERE r.email = m.email AND r.role {connection.InList("roles")})
                """,
                new { assignee, roles = new[] { StaffRoles.Secretariat, StaffRoles.ChiefInspector } },
                transaction)).ToList();
            if (members.Count == 0)
            {
                return new AssignmentResult.NotAssignable();
            }

            after = new AssignmentCopy(members[0].Email, members[0].Name ?? members[0].Email);
        }

        var current = (await connection.QueryAsync<Row>($"{Select} WHERE a.submission_id {connection.InList("ids")}", new { ids = submissionIds.ToArray() }, transaction))
            .ToDictionary(r => r.SubmissionId);
        var changed = 0;
        foreach (var id in submissionIds.Distinct())
        {
            var before = current.TryGetValue(id, out var row) ? new AssignmentCopy(row.Assignee, row.AssigneeName) : null;
            if (string.Equals(before?.Assignee, after?.Assignee, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var written = after is null
                ? await connection.ExecuteAsync("DELETE FROM submission_assignment WHERE submission_id = @id", new { id }, transaction)
                : await connection.ExecuteAsync(
                    """
                    INSERT INTO submission_assignment (submission_id, assignee, assigned_by, assigned_at)
                    SELECT id, @assignee, @actor, @now FROM submission WHERE id = @id
                    ON CONFLICT (submission_id) DO UPDATE SET assignee = excluded.assignee, assigned_by = excluded.assigned_by, assigned_at = excluded.assigned_at
                    """,
                    new { id, assignee = after.Assignee, actor, now },
                    transaction);
            if (written == 0)
            {
                continue;
            }

            await Audit.WriteAsync(connection, transaction, now, actor, AssignAction, $"submission:{SubmissionReference.Format(id)}", before, after);
            changed++;
        }

        await transaction.CommitAsync(cancellationToken);
        return new AssignmentResult.Assigned(changed);
    }

    private const string Select = """
        SELECT a.submission_id AS SubmissionId, a.assignee AS Assignee, coalesce(m.name, a.assignee) AS AssigneeName,
               a.assigned_by AS AssignedBy, a.assigned_at AS AssignedAt
          FROM submission_assignment a
          LEFT JOIN staff_member m ON m.email = a.assignee
        """;

    // Settable properties: Dapper applies the portal's DateTimeOffset handler to properties, not constructor parameters.
    private sealed class Row
    {
        public long SubmissionId { get; init; }

        public string Assignee { get; init; } = "";

        public string AssigneeName { get; init; } = "";

        public string AssignedBy { get; init; } = "";

        public DateTimeOffset AssignedAt { get; init; }

        public SubmissionAssignment Assignment() => new(Assignee, AssigneeName, AssignedBy, AssignedAt);
    }
}
