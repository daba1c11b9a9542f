using System.Globalization;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Tags;

/// <summary>
/// Tags one submission, or those ticked in the queue. For one submission the ticked tags become its tags (unticking
/// one takes it off); for several, the ticked tags are added to each and none is taken off, since they may differ. A
/// new tag can be typed and is made and given in the same step. The queue sends its checkboxes' values by GET.
/// </summary>
public sealed partial class ApplyModel(TriageQueueReader queue, TagStore tags, ILogger<ApplyModel> logger) : PageModel
{
    public const string TagsField = "tags";

    public const string NewTagField = "newTag";

    public IReadOnlyList<TriageItem> Listed { get; private set; } = [];

    public IReadOnlyList<Tag> All { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "selected")]
    public List<string> Selected { get; set; } = [];

    [BindProperty(Name = TagsField)]
    public List<string> Ticked { get; set; } = [];

    [BindProperty(Name = NewTagField)]
    public string? NewTag { get; set; }

    [BindProperty(Name = "returnTo")]
    public string? ReturnTo { get; set; }

    /// <summary>Whether the ticked tags are the submission's whole set (one submission) or added to each (several).</summary>
    public bool SetsExactly => Listed.Count == 1;

    public string Back => QueueSelection.Back(ReturnTo, Listed, Url);

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "selected")] string[]? selected, [FromQuery(Name = "returnTo")] string? returnTo, CancellationToken cancellationToken)
    {
        Selected = [.. selected ?? []];
        ReturnTo = returnTo;
        await ListAsync(cancellationToken);
        if (SetsExactly)
        {
            Ticked = [.. (await tags.OfAsync(Listed[0].Id, cancellationToken)).Select(t => Value(t.Id))];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await ListAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }

        string? newName = null;
        if (!string.IsNullOrWhiteSpace(NewTag))
        {
            (newName, var error) = TagRules.Check(NewTag);
            if (error is not null)
            {
                Errors[NewTagField] = error;
                return Page();
            }
        }

        var ticked = All.Where(t => Ticked.Contains(Value(t.Id))).Select(t => t.Id).ToList();
        if (ticked.Count == 0 && newName is null && !SetsExactly)
        {
            Errors[TagsField] = "Select the tags to add, or type a new tag";
            return Page();
        }

        try
        {
            var untick = SetsExactly ? All.Select(t => t.Id).Except(ticked).ToList() : [];
            var changed = await tags.TagAsync(Listed.Select(s => s.Id).ToList(), ticked, untick, newName, User.Email()!, cancellationToken);
            var what = Listed.Count == 1 ? Listed[0].Reference : $"{Listed.Count} submissions";
            TempData[Recommendations.RecommendModel.Done] = changed == 0 ? $"The tags of {what} are unchanged." : $"Tags saved for {what}.";
            return Redirect(Back);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[TagsField] = "The portal cannot save tags just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }
    }

    public static string Value(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        All = await tags.ListAsync(cancellationToken);
        (Listed, var error) = await QueueSelection.ReadAsync(queue, Selected, "Tag the selected submissions", cancellationToken);
        if (error is not null)
        {
            Errors[QueueSelection.Field] = error;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take tags for submissions; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
