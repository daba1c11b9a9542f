using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Tags;

/// <summary>
/// Every tag with how many submissions have it, each count a link to those submissions in the queue, and a form to add
/// a tag. A name refused, or one the database cannot take just now, comes back as it was typed.
/// </summary>
public sealed partial class IndexModel(TagStore tags, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>The TempData key of the success banner the tag pages show after a change.</summary>
    public const string Done = "tags-done";

    public IReadOnlyList<Tag> Tags { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = TagRules.Field)]
    public string? Name { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tags = await tags.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (name, error) = TagRules.Check(Name);
        if (name is null)
        {
            Errors[TagRules.Field] = error!;
            return await ShowAgainAsync(cancellationToken);
        }

        try
        {
            switch (await tags.CreateAsync(name, User.Email()!, cancellationToken))
            {
                case TagChange.NameTaken(var existing):
                    Errors[TagRules.Field] = $"There is already a tag called “{existing.Name}”. Choose another name";
                    return await ShowAgainAsync(cancellationToken);
                case TagChange.Done(var tag):
                    TempData[Done] = $"Tag “{tag.Name}” added.";
                    return RedirectToPage();
                default:
                    throw new InvalidOperationException("Creating a tag cannot find it missing.");
            }
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[TagRules.Field] = "The portal cannot save tags just now. Nothing was saved. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return await ShowAgainAsync(cancellationToken);
        }
    }

    private async Task<IActionResult> ShowAgainAsync(CancellationToken cancellationToken)
    {
        Tags = await tags.ListAsync(cancellationToken);
        return Page();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take a new tag; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
