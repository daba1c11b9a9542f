using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// One workstream exactly as stored, by code: what the audit log and a published programme's versions keep before and
/// after each change, and what an edit form starts from. Nations are those of the participants that have one (a partner
/// body working in England or Wales only), which editing keeps.
/// </summary>
public sealed record WorkstreamCopy(
    long Id,
    string Slug,
    string Title,
    string Summary,
    string Section,
    string Kind,
    string Status,
    string? ProgrammeYear,
    string? ExpectedPublication,
    string? Lead,
    IReadOnlyList<string> Supporting,
    IReadOnlyList<string> Partners,
    IReadOnlyDictionary<string, string> Nations,
    IReadOnlyList<string> AreasOfFocus,
    IReadOnlyList<string> CrossCuttingIssues,
    long SortOrder,
    long? OriginSubmissionId,
    DateTimeOffset? WithdrawnAt)
{
    /// <summary>Born of an accepted suggestion: its decision owns whether it is in the programme.</summary>
    [JsonIgnore]
    public bool IsFromSuggestion => OriginSubmissionId is not null;

    /// <summary>Joint or bilateral, from the criminal justice inspectorates taking part, as for every workstream.</summary>
    [JsonIgnore]
    public Collaboration Collaboration => CollaborationRule.For((Lead is null ? 0 : 1) + Supporting.Count);

    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>
    /// A short fingerprint of what an edit form shows, so an edit made from an older copy is refused rather than
    /// overwriting someone else's. Its place in the programme is left out: moving other work does not touch this one's text.
    /// </summary>
    public string Version() => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes((this with { SortOrder = 0 }).ToJson())))[..16];
}

/// <summary>
/// What a change did, in plain words for the public's list of changes: "Lead changed from HMI Probation to HMI Prisons;
/// programme year changed from … to …". Codes are named as the programme names them.
/// </summary>
public static class WorkstreamChanges
{
    public const string Added = "added";
    public const string Edited = "edited";
    public const string Withdrawn = "withdrawn";
    public const string Moved = "moved";

    public static string DescribeAdded(WorkstreamCopy added, Programme names)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(names);
        return Sentence([$"added to the programme as {ProgrammeLabels.Section(added.Section).ToLowerInvariant()}, led by {Inspectorate(added.Lead, names)}, {When(added.ProgrammeYear)}"]);
    }

    public static string DescribeWithdrawn() => "Withdrawn from the programme.";

    /// <summary>"Moved up, now before “Rape”": where it went, by the workstream it passed.</summary>
    public static string DescribeMoved(bool up, string passed) =>
        up ? $"Moved up, now before “{passed}”." : $"Moved down, now after “{passed}”.";

    /// <summary>Every part that differs, in the order the form asks; an empty string when nothing does.</summary>
    public static string DescribeEdited(WorkstreamCopy before, WorkstreamCopy after, Programme names)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(names);
        var changes = new List<string>();
        if (before.Title != after.Title)
        {
            changes.Add($"title changed from “{before.Title}” to “{after.Title}”");
        }

        if (before.Summary != after.Summary)
        {
            changes.Add("summary changed");
        }

        if (before.Section != after.Section)
        {
            changes.Add($"section changed from {ProgrammeLabels.Section(before.Section).ToLowerInvariant()} to {ProgrammeLabels.Section(after.Section).ToLowerInvariant()}");
        }

        if (before.Lead != after.Lead)
        {
            changes.Add(before.Lead is null
                ? $"lead set to {Inspectorate(after.Lead, names)}"
                : $"lead changed from {Inspectorate(before.Lead, names)} to {Inspectorate(after.Lead, names)}");
        }

        AddList(changes, "supporting inspectorates", before.Supporting, after.Supporting, code => Inspectorate(code, names));
        AddList(changes, "partner bodies", before.Partners, after.Partners, code => Inspectorate(code, names));
        if (before.Collaboration != after.Collaboration)
        {
            changes.Add($"now {CollaborationWord(after.Collaboration)} rather than {CollaborationWord(before.Collaboration)}");
        }

        AddList(changes, "areas of focus", before.AreasOfFocus, after.AreasOfFocus,
            code => names.AreasOfFocus.FirstOrDefault(a => a.Code == code)?.Name ?? code);
        AddList(changes, "cross-cutting issues", before.CrossCuttingIssues, after.CrossCuttingIssues,
            code => names.CrossCuttingIssues.FirstOrDefault(c => c.Code == code)?.Name ?? code);
        if (before.ProgrammeYear != after.ProgrammeYear)
        {
            changes.Add($"programme year changed from {Year(before.ProgrammeYear)} to {Year(after.ProgrammeYear)}");
        }

        if (before.Kind != after.Kind)
        {
            changes.Add($"kind of work changed from {ProgrammeLabels.Kind(before.Kind).ToLowerInvariant()} to {ProgrammeLabels.Kind(after.Kind).ToLowerInvariant()}");
        }

        if (before.ExpectedPublication != after.ExpectedPublication)
        {
            changes.Add((before.ExpectedPublication, after.ExpectedPublication) switch
            {
                (null, var set) => $"expected publication set to “{set}”",
                (_, null) => "expected publication removed",
                var (was, now) => $"expected publication changed from “{was}” to “{now}”",
            });
        }

        if (before.Status != after.Status)
        {
            changes.Add($"status changed from {ProgrammeLabels.Status(before.Status).ToLowerInvariant()} to {ProgrammeLabels.Status(after.Status).ToLowerInvariant()}");
        }

        return Sentence(changes);
    }

    private static void AddList(List<string> changes, string what, IReadOnlyList<string> before, IReadOnlyList<string> after, Func<string, string> name)
    {
        var added = after.Except(before).Select(name).ToList();
        var removed = before.Except(after).Select(name).ToList();
        var parts = new List<string>();
        if (added.Count > 0)
        {
            parts.Add($"{And(added)} added");
        }

        if (removed.Count > 0)
        {
            parts.Add($"{And(removed)} removed");
        }

        if (parts.Count > 0)
        {
            changes.Add($"{what}: {string.Join(", ", parts)}");
        }
    }

    private static string Sentence(List<string> changes) =>
        changes.Count == 0 ? "" : string.Concat(char.ToUpperInvariant(changes[0][0]).ToString(), string.Join("; ", changes)[1..], ".");

    private static string And(List<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    private static string Inspectorate(string? code, Programme names) =>
        code is null ? "no inspectorate" : names.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;

    private static string Year(string? code) => code is null ? "throughout the round" : Rounds.ProgrammeYear.LabelOf(code);

    private static string When(string? code) => code is null ? "throughout the round" : $"in {Rounds.ProgrammeYear.LabelOf(code)}";

    private static string CollaborationWord(Collaboration collaboration) => collaboration switch
    {
        Collaboration.Joint => "joint",
        Collaboration.Bilateral => "bilateral",
        _ => "single-inspectorate",
    };
}
