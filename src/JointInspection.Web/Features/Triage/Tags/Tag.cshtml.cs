using System.Globalization;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Tags;

/// <summary>
/// One tag: its submissions counted by workstream (or what else they are about), and forms to rename it or merge it
/// into another. Each form keeps what was typed or chosen when it is refused.
/// </summary>
public sealed partial class TagModel(TagStore tags, ILogger<TagModel> logger) : PageModel
{
    public const string MergeField = "into";

    public Tag Tag { get; private set; } = null!;

    public IReadOnlyList<TagCount> Counts { get; private set; } = [];

    /// <summary>The tags this one can be merged into: every other.</summary>
    public IReadOnlyList<Tag> Others { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = TagRules.Field)]
    public string? Name { get; set; }

    [BindProperty(Name = MergeField)]
    public string? Into { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Tag.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostRenameAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var (name, error) = TagRules.Check(Name);
        if (name is null)
        {
            Errors[TagRules.Field] = error!;
            return Page();
        }

        return await ChangeAsync(() => tags.RenameAsync(id, name, User.Email()!, cancellationToken), TagRules.Field, tag => $"Tag renamed “{tag.Name}”.");
    }

    public async Task<IActionResult> OnPostMergeAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Others.FirstOrDefault(t => t.Id.ToString(CultureInfo.InvariantCulture) == Into) is not { } into)
        {
            Errors[MergeField] = "Select the tag to merge it into";
            return Page();
        }

        var from = Tag.Name;
        return await ChangeAsync(
            () => tags.MergeAsync(id, into.Id, User.Email()!, cancellationToken), MergeField, tag => $"“{from}” merged into “{tag.Name}”, which {tag.Submissions:N0} submissions now have.");
    }

    private async Task<IActionResult> ChangeAsync(Func<Task<TagChange>> change, string field, Func<Tag, string> done)
    {
        try
        {
            switch (await change())
            {
                case TagChange.Done(var tag):
                    TempData[IndexModel.Done] = done(tag);
                    return Redirect(PortalPaths.Tag(tag.Id));
                case TagChange.NameTaken(var existing):
                    Errors[field] = $"There is already a tag called “{existing.Name}”. Choose another name, or merge this tag into it";
                    return Page();
                default:
                    // Removed or merged away by someone else since the page was read.
                    return NotFound();
            }
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[field] = "The portal cannot change tags just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var all = await tags.ListAsync(cancellationToken);
        if (all.FirstOrDefault(t => t.Id == id) is not { } tag)
        {
            return false;
        }

        Tag = tag;
        Others = all.Where(t => t.Id != id).ToList();
        Counts = await tags.CountsAsync(id, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take a change to a tag; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
