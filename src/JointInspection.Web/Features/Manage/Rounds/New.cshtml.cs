using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.Rounds;

/// <summary>
/// The next round, made from the latest one: its years, its title, and which of the latest programme's workstreams carry
/// forward (the rest end with it). It starts as a draft that only staff can see.
/// </summary>
public sealed class NewModel(ProgrammeReader programmes, RoundStore store, TimeProvider clock) : PageModel
{
    /// <summary>The round the new one follows, whose workstreams can carry forward; null only for an empty database.</summary>
    public Features.Programme.Programme? Latest { get; private set; }

    /// <summary>The next year in the rounds' two-year cycle whose programme has not started yet.</summary>
    public int SuggestedYear { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "firstYear")]
    public string? FirstYear { get; set; }

    [BindProperty(Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "carryForward")]
    public List<string> CarryForward { get; set; } = [];

    public static string DefaultTitle(int firstYear) => $"Joint inspection programme {ProgrammeRound.CodeFor(firstYear).Replace('-', '–')}";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        FirstYear = SuggestedYear.ToString(CultureInfo.InvariantCulture);
        Title = DefaultTitle(SuggestedYear);
        CarryForward = [.. Latest?.Workstreams.Where(WorkstreamStore.CarriesForwardByDefault).Select(w => w.Id.ToString(CultureInfo.InvariantCulture)) ?? []];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        int? year = int.TryParse(FirstYear?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (year is null)
        {
            Errors["firstYear"] = string.IsNullOrWhiteSpace(FirstYear)
                ? $"Enter the year the programme starts, like {SuggestedYear}"
                : $"Enter the year the programme starts as four digits, like {SuggestedYear}";
            return Page();
        }

        var ids = CarryForward.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1).ToList();
        var change = await store.CreateAsync(year, Title, ids, User.Email()!, cancellationToken);
        if (!change.Saved)
        {
            foreach (var (field, message) in change.Errors)
            {
                Errors[field] = message;
            }

            return Page();
        }

        var carried = ids.Count(id => id > 0);
        TempData[RoundModel.Done] =
            $"Round {change.RoundCode!.Replace('-', '–')} created, with {carried} {(carried == 1 ? "workstream" : "workstreams")} carried forward. "
            + "It is a draft: only staff can see it until its consultation opens.";
        return Redirect(PortalPaths.ManageRound(change.RoundCode));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await programmes.ReadAllAsync(cancellationToken);
        Latest = all.MaxBy(p => p.Round.FirstYear);
        SuggestedYear = RoundRules.SuggestedFirstYear([.. all.Select(p => p.Round)], clock.GetUtcNow());
    }
}
