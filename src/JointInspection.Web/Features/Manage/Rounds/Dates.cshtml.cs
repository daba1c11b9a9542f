using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.Rounds;

/// <summary>
/// A round's consultation dates, in UK time: set or move them (extending a consultation is moving its closing date
/// later), open it now or close it now. The fields are kept as typed, so a mistake comes back with all of them.
/// </summary>
public sealed class DatesModel(ProgrammeReader programmes, RoundStore store, TimeProvider clock) : PageModel
{
    public const string DefaultOpeningTime = "09:00";

    public const string DefaultClosingTime = "23:59";

    public ProgrammeRound Round { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public UkDateTimeField Opens { get; private set; } = null!;

    public UkDateTimeField Closes { get; private set; } = null!;

    /// <summary>Errors by field id ("opens", "closes"), each linked from the summary to its first input.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public IReadOnlyList<ErrorLink> ErrorLinks => [.. Errors.Select(e => new ErrorLink(e.Key, e.Value, $"#{e.Key}-day"))];

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        Opens = UkDateTimeField.For("opens", "Opens", Round.OpensAt, DefaultOpeningTime);
        Closes = UkDateTimeField.For("closes", "Closes", Round.ClosesAt, DefaultClosingTime);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        Opens = Typed("opens", "Opens");
        Closes = Typed("closes", "Closes");
        var (opens, opensError) = Opens.Parse("the date the consultation opens");
        var (closes, closesError) = Closes.Parse("the date the consultation closes");
        Keep("opens", opensError);
        Keep("closes", closesError);
        if (Errors.Count > 0)
        {
            return Shown();
        }

        // The form shows whole minutes; a date left as shown keeps its stored instant (an opening made by "open now" has seconds).
        opens = Unchanged(Round.OpensAt, opens!.Value);
        closes = Unchanged(Round.ClosesAt, closes!.Value);
        var change = await store.SetDatesAsync(Round.Code, opens.Value, closes.Value, User.Email()!, cancellationToken);
        return Done(change, $"The {Round.Label} consultation now opens at {UkTime.DateAndTime(opens.Value)} and closes at {UkTime.DateAndTime(closes.Value)}");
    }

    public async Task<IActionResult> OnPostOpenAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        var change = await store.OpenNowAsync(Round.Code, User.Email()!, cancellationToken);
        return await AfterNowAsync(change, "is open. It closes", cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        var change = await store.CloseNowAsync(Round.Code, User.Email()!, cancellationToken);
        return await AfterNowAsync(change, "is closed. It closed", cancellationToken);
    }

    // The banner's words for the consultation and its closing time are in the tense that is true now: "is open. It
    // closes at", "is closed. It closed at".
    private async Task<IActionResult> AfterNowAsync(RoundChange change, string state, CancellationToken cancellationToken)
    {
        if (change.Saved)
        {
            await LoadAsync(Round.Code, cancellationToken);
            TempData[RoundModel.Done] = $"The {Round.Label} consultation {state} at {UkTime.DateAndTime(Round.ClosesAt!.Value)}.";
            return Redirect(PortalPaths.ManageRound(Round.Code));
        }

        Opens = UkDateTimeField.For("opens", "Opens", Round.OpensAt, DefaultOpeningTime);
        Closes = UkDateTimeField.For("closes", "Closes", Round.ClosesAt, DefaultClosingTime);
        foreach (var (field, message) in change.Errors)
        {
            Keep(field, message);
        }

        return Shown();
    }

    private static DateTimeOffset Unchanged(DateTimeOffset? stored, DateTimeOffset typed) =>
        stored is { } value && value.AddTicks(-(value.Ticks % TimeSpan.TicksPerMinute)) == typed ? value : typed;

    private IActionResult Done(RoundChange change, string message)
    {
        if (change.Saved)
        {
            TempData[RoundModel.Done] = message;
            return Redirect(PortalPaths.ManageRound(Round.Code));
        }

        foreach (var (field, error) in change.Errors)
        {
            Keep(field, error);
        }

        return Shown();
    }

    private PageResult Shown()
    {
        Opens = Opens with { Error = Errors.GetValueOrDefault("opens") };
        Closes = Closes with { Error = Errors.GetValueOrDefault("closes") };
        return Page();
    }

    private void Keep(string field, string? error)
    {
        if (error is not null)
        {
            Errors.TryAdd(field, error);
        }
    }

    private UkDateTimeField Typed(string id, string label) => new(
        id, label, Request.Form[$"{id}-day"], Request.Form[$"{id}-month"], Request.Form[$"{id}-year"], Request.Form[$"{id}-time"], null);

    private async Task<bool> LoadAsync(string round, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        if (await programmes.ReadAsync(round, cancellationToken) is not { } programme)
        {
            return false;
        }

        Round = programme.Round;
        return true;
    }
}
