using System.Globalization;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// One proposed or confirmed group: its distinct texts, its members, and a person's say over it: confirm it, split
/// members off (or put them back), dissolve it (or undo that), and then act on all its members at once from the pages
/// the queue uses for several (assign, tag, decide).
/// </summary>
public sealed partial class GroupModel(SimilarityGroups groups, ILogger<GroupModel> logger) : PageModel
{
    public const string Done = "group-done";

    public SimilarityGroup Group { get; private set; } = null!;

    public IReadOnlyList<GroupMember> Members { get; private set; } = [];

    public string? Error { get; private set; }

    [BindProperty(Name = "member")]
    public List<string> Ticked { get; set; } = [];

    /// <summary>The members still in the group (or proposed for it), each distinct text with how many sent it, most first.</summary>
    public IReadOnlyList<(GroupMember Example, int Count)> Texts => Members
        .Where(m => m.State != GroupStates.Split)
        .GroupBy(m => m.Fingerprint)
        .Select(g => (g.First(), g.Count()))
        .OrderByDescending(t => t.Item2)
        .ToList();

    public IEnumerable<GroupMember> Current => Members.Where(m => m.State != GroupStates.Split);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => groups.ConfirmAsync(id, User.Email()!, cancellationToken), n => $"Group confirmed: {n:N0} {Submissions(n)} confirmed in it.", cancellationToken);

    public Task<IActionResult> OnPostDissolveAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => groups.DissolveAsync(id, User.Email()!, cancellationToken), _ => "Group dissolved. Its submissions will not be grouped again unless you restore it.", cancellationToken);

    public Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken) =>
        ChangeAsync(id, () => groups.RestoreAsync(id, User.Email()!, cancellationToken), _ => "Group restored, to be confirmed again.", cancellationToken);

    public Task<IActionResult> OnPostSplitAsync(long id, CancellationToken cancellationToken) =>
        ChangeMembersAsync(id, (members, actor) => groups.SplitAsync(id, members, actor, cancellationToken), n => $"{n:N0} {Submissions(n)} split off the group.", cancellationToken);

    public Task<IActionResult> OnPostRejoinAsync(long id, CancellationToken cancellationToken) =>
        ChangeMembersAsync(id, (members, actor) => groups.RejoinAsync(id, members, actor, cancellationToken), n => $"{n:N0} {Submissions(n)} put back in the group, to be confirmed.", cancellationToken);

    /// <summary>The value a member's checkbox carries, as the queue's do: the reference and its decision's version.</summary>
    public static string Value(GroupMember member) => $"{member!.Reference}:{member.Version.ToString(CultureInfo.InvariantCulture)}";

    private static string Submissions(int n) => n == 1 ? "submission" : "submissions";

    private async Task<IActionResult> ChangeMembersAsync(long id, Func<IReadOnlyCollection<long>, string, Task<int>> change, Func<int, string> done, CancellationToken cancellationToken)
    {
        var ticked = Ticked.Select(v => SubmissionReference.TryParse(v.Split(':')[0], out var member) ? member : 0).Where(m => m > 0).ToList();
        if (ticked.Count == 0)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Error = "Select the submissions first";
            return Page();
        }

        return await ChangeAsync(id, () => change(ticked, User.Email()!), done, cancellationToken);
    }

    private async Task<IActionResult> ChangeAsync(long id, Func<Task<int>> change, Func<int, string> done, CancellationToken cancellationToken)
    {
        try
        {
            var changed = await change();
            if (changed < 0)
            {
                return NotFound();
            }

            TempData[Done] = done(changed);
            return Redirect(PortalPaths.Group(id));
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Error = "The portal cannot change groups just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await groups.ReadAsync(id, cancellationToken) is not { } read)
        {
            return false;
        }

        (Group, Members) = read;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take a change to a group; the page was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
