using System.Text.Json;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Recommendations;

namespace JointInspection.Web.Features.AuditTrail;

/// <summary>One row of audit_log, with the names the portal knows for who did it and, for a staff change, whom it changed.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string? ActorName, string Action, string Subject, string? SubjectName, string? Before, string? After)
{
    public const string StaffGrant = "staff.grant";
    public const string StaffRevoke = "staff.revoke";
    public const string AssessmentSave = "assessment.save";
    public const string DecisionSave = "decision.save";
    public const string DecisionAgree = "decision.agree";
    public const string DecisionObject = "decision.object";
    public const string OutcomesRelease = "outcomes.release";
    public const string RoundReleaseMode = "round.release-mode";
    public const string RecommendationSave = RecommendationStore.SaveAction;
    public const string RecommendationReject = RecommendationStore.RejectAction;
    public const string RecommendationTake = RecommendationStore.TakeAction;
    public const string ModerationPublish = Moderation.ModerationStore.PublishAction;
    public const string ModerationWithhold = Moderation.ModerationStore.WithholdAction;
    public const string ModerationRedact = Moderation.ModerationStore.RedactAction;
    public const string ModerationUnredact = Moderation.ModerationStore.UnredactAction;
    public const string NoteAdd = Triage.Notes.SubmissionNotes.AddAction;

    public const string AttachmentDownload = Attachments.AttachmentStore.DownloadAction;
    public const string SubmissionAssign = Triage.Assignment.SubmissionAssignments.AssignAction;
    public const string SubmissionTag = Triage.Tags.TagStore.TagAction;
    public const string TagCreate = Triage.Tags.TagStore.CreateAction;
    public const string TagRename = Triage.Tags.TagStore.RenameAction;
    public const string TagMerge = Triage.Tags.TagStore.MergeAction;
    public const string WorkstreamAdd = "workstream.add";
    public const string WorkstreamEdit = "workstream.edit";
    public const string WorkstreamWithdraw = "workstream.withdraw";
    public const string WorkstreamMove = "workstream.move";
    public const string PersonalDataRemove = Retention.RetentionPass.Action;

    /// <summary>The actions the portal writes, as the audit page's filter offers them.</summary>
    public static readonly IReadOnlyList<(string Action, string Label)> Actions =
    [
        (StaffGrant, "Role granted"),
        (StaffRevoke, "Role removed"),
        (AssessmentSave, "Assessment saved"),
        (DecisionSave, "Decision recorded"),
        (DecisionAgree, "Decision agreed"),
        (DecisionObject, "Objection to a decision"),
        (OutcomesRelease, "Outcomes released"),
        (RoundReleaseMode, "How outcomes are released changed"),
        (RecommendationSave, "Recommendation saved"),
        (RecommendationReject, "Recommendation rejected"),
        (RecommendationTake, "Recommendation taken"),
        (NoteAdd, "Note added"),
        (SubmissionAssign, "Submission assigned"),
        (SubmissionTag, "Submission tagged"),
        (TagCreate, "Tag added"),
        (TagRename, "Tag renamed"),
        (TagMerge, "Tags merged"),
        (Similarity.SimilarityGroups.ConfirmAction, "Group confirmed"),
        (Similarity.SimilarityGroups.SplitAction, "Split off a group"),
        (Similarity.SimilarityGroups.DissolveAction, "Group dissolved"),
        (Similarity.SimilarityGroups.RestoreAction, "Group restored"),
        (WorkstreamAdd, "Workstream added"),
        (WorkstreamEdit, "Workstream changed"),
        (WorkstreamWithdraw, "Workstream withdrawn"),
        (WorkstreamMove, "Workstream moved"),
        (PersonalDataRemove, "Personal data removed"),
        .. DataRights.DataRightsWords.Actions,
    ];

    /// <summary>Who did it: their name where the portal knows it, else what was recorded (an email address, the command line).</summary>
    public string Who => ActorName ?? Actor;

    /// <summary>The submission's reference when the entry is about one.</summary>
    public string? Reference => Subject.StartsWith("submission:", StringComparison.Ordinal) ? Subject["submission:".Length..] : null;

    /// <summary>What happened, in words: "Granted the chief inspector role to Jo Bloggs (HMI Probation)".</summary>
    public string Describe(Func<string, string> inspectorateName)
    {
        ArgumentNullException.ThrowIfNull(inspectorateName);
        var whom = SubjectName ?? (Subject.StartsWith("staff:", StringComparison.Ordinal) ? Subject["staff:".Length..] : Subject);
        switch (Action)
        {
            case StaffGrant:
                {
                    var before = Read<StaffMember>(Before);
                    var after = Read<StaffMember>(After);
                    var added = (after?.Roles ?? []).Except(before?.Roles ?? []).ToList();
                    var inspectorate = after?.InspectorateCode is { } code && code != before?.InspectorateCode ? $" ({inspectorateName(code)})" : "";
                    return added.Count == 0
                        ? $"Confirmed the roles of {whom}{inspectorate}"
                        : $"Granted the {RoleWords(added)} to {whom}{inspectorate}";
                }

            case StaffRevoke:
                {
                    var removed = (Read<StaffMember>(Before)?.Roles ?? []).Except(Read<StaffMember>(After)?.Roles ?? []).ToList();
                    return $"Removed the {RoleWords(removed)} from {whom}";
                }

            case AssessmentSave:
                {
                    var score = Read<JsonElement>(After) is { ValueKind: JsonValueKind.Object } after && after.TryGetProperty("score", out var s) ? $": risk score {s}" : "";
                    return (Before is null ? $"Assessed {Reference}" : $"Changed the assessment of {Reference}") + score;
                }

            case DecisionSave:
                {
                    var outcome = Read<JsonElement>(After) is { ValueKind: JsonValueKind.Object } after
                        && after.TryGetProperty("decision", out var decision) && decision.TryGetProperty("Outcome", out var o) && o.GetString() is { } value
                        ? $": {SubmissionStatus.Label(DecisionOutcome.Status(value)).ToLowerInvariant()}"
                        : "";
                    return (Before is null ? $"Decided on {Reference}" : $"Revised the decision on {Reference}") + outcome;
                }

            case DecisionAgree or DecisionObject:
                {
                    var after = Read<JsonElement>(After);
                    var inspectorate = after.ValueKind == JsonValueKind.Object && after.TryGetProperty("inspectorate", out var i) && i.GetString() is { } code
                        ? $" for {inspectorateName(code)}" : "";
                    return Action == DecisionAgree ? $"Agreed the decision on {Reference}{inspectorate}" : $"Objected to the decision on {Reference}{inspectorate}";
                }

            case OutcomesRelease:
                {
                    var after = Read<JsonElement>(After);
                    var count = after.ValueKind == JsonValueKind.Object && after.TryGetProperty("outcomes", out var n) ? n.ToString() : "the held";
                    return $"Released {count} outcomes of {whom} to their respondents";
                }

            case RoundReleaseMode:
                {
                    var after = Read<JsonElement>(After);
                    var mode = after.ValueKind == JsonValueKind.Object && after.TryGetProperty("releaseMode", out var m) ? m.GetString() : null;
                    return mode == Rounds.ReleaseModes.Together
                        ? $"Set {whom} to hold outcomes and release them together"
                        : $"Set {whom} to send each outcome as soon as it is final";
                }

            case RecommendationSave:
                {
                    var outcome = RecommendedOutcome(After) is { } value ? $": {RecommendationWords.Outcome(value)}" : "";
                    return (Before is null ? $"Recommended a decision on {Reference}" : $"Changed the recommendation on {Reference}") + outcome;
                }

            case RecommendationReject:
                {
                    var reason = Read<JsonElement>(After) is { ValueKind: JsonValueKind.Object } after
                        && after.TryGetProperty("recommendation", out var r) && r.TryGetProperty("RejectionReason", out var why) && why.GetString() is { } text
                        ? $": {text}"
                        : "";
                    return $"Rejected the recommendation on {Reference}" + reason;
                }

            case RecommendationTake:
                {
                    // The decision may have changed what was recommended: say so, as the history is where the secretariat learns it.
                    var recommended = RecommendedOutcome(After);
                    var decided = Read<JsonElement>(After) is { ValueKind: JsonValueKind.Object } after
                        && after.TryGetProperty("decision", out var d) && d.TryGetProperty("Outcome", out var o) ? o.GetString() : null;
                    var outcome = recommended is null ? ""
                        : decided is null || decided == recommended ? $": {RecommendationWords.Outcome(recommended)}"
                        : $": {RecommendationWords.Outcome(recommended)}, changed to {RecommendationWords.Outcome(decided)}";
                    return $"Recorded a decision on {Reference} starting from the recommendation" + outcome;
                }

            case NoteAdd:
                return $"Added a note to {Reference}";

            case SubmissionAssign:
                return Read<Triage.Assignment.AssignmentCopy>(After) is { } assigned
                    ? $"Assigned {Reference} to {assigned.AssigneeName}"
                    : $"Took {Reference} off {Read<Triage.Assignment.AssignmentCopy>(Before)?.AssigneeName ?? "its assignee"}’s list";

            case SubmissionTag:
                return $"Changed the tags of {Reference}{TagWords.Change(Before, After)}";

            case TagCreate or TagRename or TagMerge:
                {
                    var name = Read<TagWords.NameCopy>(After)?.Name;
                    return Action switch
                    {
                        TagCreate => $"Added the tag “{name}”",
                        TagRename => $"Renamed the tag “{Read<TagWords.NameCopy>(Before)?.Name}” “{name}”",
                        _ => $"Merged the tag “{Read<TagWords.MergeCopy>(Before)?.Merged}” into “{name}”",
                    };
                }

            case WorkstreamAdd or WorkstreamEdit or WorkstreamWithdraw or WorkstreamMove:
                {
                    // The programme editor records the change's own words beside the workstream's copies.
                    var after = Read<JsonElement>(After);
                    var title = after.ValueKind == JsonValueKind.Object && after.TryGetProperty("workstream", out var w) && w.TryGetProperty("Title", out var t) ? t.GetString() : null;
                    var what = after.ValueKind == JsonValueKind.Object && after.TryGetProperty("what", out var x) ? x.GetString() : null;
                    return $"“{title ?? Subject}” ({Subject[(Subject.IndexOf(':', StringComparison.Ordinal) + 1)..]}): {what}";
                }

            case PersonalDataRemove:
                return $"{Retention.PersonalDataWords.Removed(After)} from {Reference}";

            default:
                return Similarity.SimilarityWords.Audited(Action, After) is { } grouped ? $"{grouped}, {Reference}"
                    : DataRights.DataRightsWords.Audited(Action, After) is { } asked ? $"{asked}, {Reference}"
                    : $"{Action} {Subject}";
        }
    }

    /// <summary>The outcome a recommendation entry's copy names, when it has one.</summary>
    private static string? RecommendedOutcome(string? json) =>
        Read<JsonElement>(json) is { ValueKind: JsonValueKind.Object } copy
            && copy.TryGetProperty("recommendation", out var r) && r.TryGetProperty("Outcome", out var o) ? o.GetString() : null;

    private static string RoleWords(List<string> roles) =>
        roles.Count == 0 ? "role" : string.Join(" and ", roles.Select(r => StaffRoles.Label(r).ToLowerInvariant())) + (roles.Count == 1 ? " role" : " roles");

    // Entries are never rewritten, so an old one may not have today's shape: it is described with less, never refused.
    private static T? Read<T>(string? json)
    {
        if (json is null)
        {
            return default;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
