using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Tags;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Themes;

/// <summary>
/// One candidate theme with its responses, most typical first, where a person accepts it as a tag (under the name
/// the portal gave it, or one they type) or rejects it. Someone else deciding first is said, not overwritten.
/// </summary>
public sealed partial class ThemeModel(ThemeStore themes, ProgrammeReader programmes, ILogger<ThemeModel> logger) : PageModel
{
    /// <summary>The responses listed; a theme with more says how many more.</summary>
    public const int Shown = 500;

    public CandidateTheme Theme { get; private set; } = null!;

    public IReadOnlyList<ThemeMember> Members { get; private set; } = [];

    /// <summary>Where the theme's responses came from, and the list of themes it belongs to.</summary>
    public (string Label, string Href) Scope { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = TagRules.Field)]
    public string? Name { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Name = Theme.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync(long id, CancellationToken cancellationToken)
    {
        var (name, error) = TagRules.Check(Name);
        if (name is null)
        {
            Errors[TagRules.Field] = error!;
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        return await DecideAsync(id, () => themes.AcceptAsync(id, name, User.Email()!, cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostRejectAsync(long id, CancellationToken cancellationToken) =>
        DecideAsync(id, () => themes.RejectAsync(id, User.Email()!, cancellationToken), cancellationToken);

    private async Task<IActionResult> DecideAsync(long id, Func<Task<ThemeDecision>> decide, CancellationToken cancellationToken)
    {
        try
        {
            var decision = await decide();
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            switch (decision)
            {
                case ThemeDecision.Accepted(var tag, var tagged):
                    TempData[IndexModel.Done] = $"“{Theme.Name}” accepted as the tag “{tag.Name}”: {(tagged == 1 ? "1 response" : $"{tagged:N0} responses")} tagged.";
                    return Redirect(Scope.Href);
                case ThemeDecision.Rejected:
                    TempData[IndexModel.Done] = $"“{Theme.Name}” rejected. It will not be offered again.";
                    return Redirect(Scope.Href);
                default:
                    // Someone else decided it first, or the themes were found again: show where it stands now.
                    Errors[TagRules.Field] = Theme.State == ThemeStates.Proposed
                        ? "This theme could not be changed. Try again"
                        : $"This theme has already been {Theme.State} by {Theme.ConfirmedBy}. Nothing was changed";
                    return Page();
            }
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Errors[TagRules.Field] = "The portal cannot save themes just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (await themes.FindAsync(id, cancellationToken) is not { } theme)
        {
            return false;
        }

        Theme = theme;
        Members = await themes.MembersAsync(id, Shown, cancellationToken);
        var programme = await programmes.ReadAsync(theme.Scope.RoundId, cancellationToken);
        var workstream = programme.AllWorkstreams.FirstOrDefault(w => w.Id == theme.Scope.WorkstreamId);
        Scope = workstream is null
            ? ($"Responses in {programme.Round.Label}", PortalPaths.Themes(null))
            : ($"Responses to {workstream.Title}", PortalPaths.Themes(workstream.Slug));
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take a decision on a candidate theme; the page was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
