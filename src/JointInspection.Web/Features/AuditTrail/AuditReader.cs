using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.AuditTrail;

/// <summary>What the log page asks for: each filter optional; From and To are UTC instants, To exclusive; Before is the keyset cursor (an id).</summary>
public sealed record AuditQuery(string? Actor, string? Action, DateTimeOffset? From, DateTimeOffset? To, long? Before, int Limit = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? Older);

/// <summary>One event in a submission's history, as its page shows it.</summary>
public sealed record SubmissionEvent(DateTimeOffset At, string What, string? Who);

/// <summary>Reads audit_log for people: a submission's history, and the whole log for admins, newest first.</summary>
public sealed class AuditReader(Database database)
{
    private const string Select =
        """
        SELECT a.id AS Id, a.at AS At, a.actor AS Actor, actor.name AS ActorName, a.action AS Action, a.subject AS Subject,
               subject.name AS SubjectName, a.before AS Before, a.after AS After
          FROM audit_log a
          LEFT JOIN staff_member actor ON actor.email = a.actor
          LEFT JOIN staff_member subject ON a.subject LIKE 'staff:%' AND subject.email = substr(a.subject, 7)
        """;

    /// <summary>
    /// Received and email confirmed are the submission's own timestamps (the respondent's acts are not audit entries);
    /// assessments, recommendations and decisions are the audit log's, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<SubmissionEvent>> HistoryOfAsync(SubmissionRecord submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        // Once their personal data is removed, the respondent is "the respondent" again.
        var respondent = submission.PersonalDataRemovedAt is null ? submission.Answers.Name ?? submission.Answers.OrganisationName : null;
        var events = new List<SubmissionEvent> { new(submission.ReceivedAt, "Received", respondent) };
        if (submission.EmailConfirmedAt is { } confirmed)
        {
            events.Add(new(confirmed, "Email address confirmed", respondent));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var entries = await connection.QueryAsync<AuditEntry>(
            $"{Select} WHERE a.subject = @subject ORDER BY a.id", new { subject = $"submission:{submission.Reference}" });
        events.AddRange(entries.Select(entry => new SubmissionEvent(entry.At, entry.Action switch
        {
            AuditEntry.AssessmentSave => entry.Before is null ? "Assessed" : "Assessment changed",
            AuditEntry.DecisionSave => entry.Before is null ? "Decided" : "Decision revised",
            AuditEntry.DecisionAgree => "Agreed" + For(entry),
            AuditEntry.DecisionObject => "Objected" + For(entry) + Reasons(entry),
            AuditEntry.RecommendationSave => entry.Before is null ? "Recommended" : "Recommendation changed",
            AuditEntry.RecommendationReject => "Recommendation rejected",
            AuditEntry.RecommendationTake => "Recommendation taken",
            AuditEntry.ModerationPublish => "Moderated: published as the respondent agreed",
            AuditEntry.ModerationWithhold => "Moderated: withheld",
            AuditEntry.ModerationRedact => "Passage redacted",
            AuditEntry.ModerationUnredact => "Redaction removed",
            AuditEntry.NoteAdd => "Note added",
            AuditEntry.AttachmentDownload => "Attachment downloaded",
            AuditEntry.SubmissionAssign => Assignee(entry.After) is { } name ? $"Assigned to {name}" : "Unassigned",
            // What was added and removed follows, from the entry's description.
            AuditEntry.SubmissionTag => "Tags changed",
            AuditEntry.PersonalDataRemove => Retention.PersonalDataWords.Removed(entry.After),
            _ => Similarity.SimilarityWords.Audited(entry.Action, entry.After) ?? DataRights.DataRightsWords.Audited(entry.Action, entry.After) ?? entry.Action,
        } + Outcome(entry), entry.Actor switch
        {
            Retention.RetentionPass.Actor => "The portal",
            DataRights.DataRequests.RespondentActor => "The respondent",
            _ => entry.Who,
        })));

        // A release is one audit entry for a whole round; each submission's own record of it is its decision's.
        var released = await connection.QueryAsync<(long Version, DateTimeOffset ReleasedAt)>(
            "SELECT version, released_at FROM decision WHERE submission_id = @id AND released_at IS NOT NULL",
            new { id = submission.Id });
        events.AddRange(released.Select(r => new SubmissionEvent(r.ReleasedAt, $"Outcome emailed to the respondent (decision version {r.Version})", "The portal")));
        return events.OrderBy(e => e.At).ToList();
    }

    public async Task<AuditPage> ReadAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenAsync(cancellationToken);
        // Keyset, not OFFSET: each page starts below the last id seen, so page 500 costs what page 1 does.
        var rows = (await connection.QueryAsync<AuditEntry>(
            $"""
            {Select}
             WHERE (@Actor IS NULL OR a.actor = @Actor)
               AND (@Action IS NULL OR a.action = @Action)
               AND (@From IS NULL OR a.at >= @From)
               AND (@To IS NULL OR a.at < @To)
               AND (@Before IS NULL OR a.id < @Before)
             ORDER BY a.id DESC
             LIMIT @take
            """,
            // The instants go as their stored text: a null DateTimeOffset would reach PostgreSQL without a type.
            new { query.Actor, query.Action, From = Stored(query.From), To = Stored(query.To), query.Before, take = query.Limit + 1 })).ToList();
        var more = rows.Count > query.Limit;
        var entries = more ? rows[..query.Limit] : rows;
        return new AuditPage(entries, more ? entries[^1].Id : null);
    }

    /// <summary>Everyone who appears in the log as having done something, by name where known, for the page's filter.</summary>
    public async Task<IReadOnlyList<(string Actor, string Who)>> ActorsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Actor, string? Name)>(
            "SELECT a.actor, m.name FROM (SELECT DISTINCT actor FROM audit_log) a LEFT JOIN staff_member m ON m.email = a.actor");
        return rows.Select(r => (r.Actor, r.Name ?? r.Actor)).OrderBy(r => r.Item2, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static string? Stored(DateTimeOffset? instant) => instant is { } i ? DateTimeHandlers.ToStoredText(i) : null;

    private static string? Assignee(string? copy) =>
        copy is null ? null : System.Text.Json.JsonSerializer.Deserialize<Triage.Assignment.AssignmentCopy>(copy)?.AssigneeName;

    private static string For(AuditEntry entry) =>
        (Property(entry, "inspectorateName") ?? Property(entry, "inspectorate")) is { } inspectorate ? $" for {inspectorate}" : "";

    private static string Reasons(AuditEntry entry) =>
        Property(entry, "reasons") is { } reasons ? $": “{reasons}”" : "";

    private static string? Property(AuditEntry entry, string name)
    {
        if (entry.After is null)
        {
            return null;
        }

        using var after = System.Text.Json.JsonDocument.Parse(entry.After);
        return after.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && after.RootElement.TryGetProperty(name, out var value)
            ? value.GetString()
            : null;
    }

    private static string Outcome(AuditEntry entry)
    {
        var words = entry.Describe(code => code);
        var colon = words.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? "" : words[colon..];
    }
}
