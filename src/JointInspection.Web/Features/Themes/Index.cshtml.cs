using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Similarity;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace JointInspection.Web.Features.Themes;

/// <summary>
/// Candidate themes among the current round's responses, or those to one workstream: the portal finds them when asked
/// (clustering the responses read for meaning), and each waits for a person to accept it as a tag or reject it.
/// </summary>
public sealed partial class IndexModel(
    ThemeStore themes, ProgrammeReader programmes, SentenceEmbeddings model, IOptions<SimilarityOptions> options, ILogger<IndexModel> logger) : PageModel
{
    public const string Done = "themes-done";

    public const string ThemesField = "themes";

    public const string WorkstreamField = "workstream";

    /// <summary>The typical responses shown with each proposed theme.</summary>
    public const int Typical = 3;

    public Programme.Programme Programme { get; private set; } = null!;

    /// <summary>The workstream whose responses are read; null for the whole round.</summary>
    public Workstream? Workstream { get; private set; }

    public (long Responses, long Read) Counts { get; private set; }

    public IReadOnlyList<CandidateTheme> Themes { get; private set; } = [];

    public IReadOnlyDictionary<long, IReadOnlyList<ThemeMember>> TypicalOf { get; private set; } = new Dictionary<long, IReadOnlyList<ThemeMember>>();

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Why themes cannot be found at all: the language model off by configuration, or failed to load.</summary>
    public string? Unavailable => !options.Value.Embeddings ? "The language model is switched off in this portal’s settings" : model.Failure;

    public bool CanFind => Unavailable is null && Counts.Read >= ThemeFinder.MinResponses;

    [BindProperty(SupportsGet = true, Name = WorkstreamField)]
    public string? WorkstreamSlug { get; set; }

    [BindProperty(Name = ThemesField)]
    public string? HowMany { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        int? howMany = null;
        if (!string.IsNullOrWhiteSpace(HowMany))
        {
            if (!int.TryParse(HowMany.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 2 || number > ThemeFinder.MaxThemes)
            {
                Errors[ThemesField] = $"Enter the number of themes as a whole number from 2 to {ThemeFinder.MaxThemes}, or leave it blank for the portal to choose";
                return Page();
            }

            howMany = number;
        }

        if (!CanFind)
        {
            Errors[ThemesField] = Unavailable is null
                ? $"Themes can be found once at least {ThemeFinder.MinResponses} responses have been read for meaning; {Counts.Read:N0} have been so far"
                : $"Themes cannot be found: {Unavailable}";
            return Page();
        }

        var points = await themes.PointsAsync(Scope, cancellationToken);
        var found = ThemeFinder.Find(points, howMany);
        try
        {
            var result = await themes.ProposeAsync(Scope, found, User.Email()!, cancellationToken);
            TempData[Done] = (result.Offered == 1 ? "1 candidate theme found" : $"{result.Offered:N0} candidate themes found")
                + (result.AlreadyDecided == 0 ? "." : $"; {result.AlreadyDecided:N0} more left out, as already accepted or rejected.");
            return Redirect(PortalPaths.Themes(WorkstreamSlug));
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[ThemesField] = "The portal cannot save themes just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }
    }

    private ThemeScope Scope => new(Programme.Round.Id, Workstream?.Id);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Programme = await programmes.ReadAsync(cancellationToken);
        if (!string.IsNullOrEmpty(WorkstreamSlug))
        {
            Workstream = Programme.Workstreams.FirstOrDefault(w => w.Slug == WorkstreamSlug);
            if (Workstream is null)
            {
                return false;
            }
        }

        Counts = await themes.CountAsync(Scope, cancellationToken);
        Themes = await themes.ListAsync(Scope, cancellationToken);
        var typical = new Dictionary<long, IReadOnlyList<ThemeMember>>();
        foreach (var theme in Themes.Where(t => t.State == ThemeStates.Proposed))
        {
            typical[theme.Id] = await themes.MembersAsync(theme.Id, Typical, cancellationToken);
        }

        TypicalOf = typical;
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take the candidate themes found; the page was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
