using JointInspection.Web.Features.Submissions;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// The submissions ticked in the queue, as its checkboxes send them by GET to the pages that act on several at once
/// (assigning, tagging): "JI-000123:0", the reference and the version of its decision, which only deciding uses.
/// </summary>
public static class QueueSelection
{
    /// <summary>The name the selection is sent under, and the key of an error about it.</summary>
    public const string Field = "selected";

    /// <summary>The most submissions one go takes: two of the queue's largest pages.</summary>
    public const int MaxSubmissions = 400;

    /// <summary>
    /// The submissions the values name, in the order sent; values that name none are dropped. The error says what to do
    /// when none is left, or when there are too many; <paramref name="button"/> is the queue's button for this action.
    /// </summary>
    public static async Task<(IReadOnlyList<TriageItem> Listed, string? Error)> ReadAsync(
        TriageQueueReader queue, IEnumerable<string> values, string button, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var ids = values.Select(IdOf).Where(id => id > 0).Distinct().ToList();
        if (ids.Count > MaxSubmissions)
        {
            return ([], $"Select at most {MaxSubmissions} submissions at once: you selected {ids.Count}");
        }

        var found = (await queue.SelectionAsync(ids, cancellationToken)).ToDictionary(s => s.Item.Id, s => s.Item);
        var listed = ids.Where(found.ContainsKey).Select(id => found[id]).ToList();
        return (listed, listed.Count == 0 ? $"Select at least one submission in the triage queue, then choose “{button}”" : null);
    }

    /// <summary>
    /// Where the page goes back to: the view of the queue it was reached from (only ever a triage page of this site), or
    /// the one submission's page, or the queue.
    /// </summary>
    public static string Back(string? returnTo, IReadOnlyList<TriageItem> listed, IUrlHelper url)
    {
        ArgumentNullException.ThrowIfNull(listed);
        ArgumentNullException.ThrowIfNull(url);
        return returnTo is { } path && path.StartsWith("/triage", StringComparison.Ordinal) && url.IsLocalUrl(path)
            ? path
            : listed.Count == 1 ? Infrastructure.PortalPaths.Submission(listed[0].Reference) : "/triage";
    }

    /// <summary>The submission a checkbox value names: its reference, before any ":version".</summary>
    private static long IdOf(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return SubmissionReference.TryParse(colon < 0 ? value : value[..colon], out var id) ? id : 0;
    }
}
