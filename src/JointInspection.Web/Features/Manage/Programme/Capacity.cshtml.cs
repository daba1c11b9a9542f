using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>
/// The secretariat enters each criminal justice inspectorate's available inspector-days for each year of a round. Every
/// figure is kept as typed, so a mistake comes back with all the others as they were; nothing is saved until every one
/// is right, and then all of them are saved together. A concluded round's figures are shown, not offered for change.
/// </summary>
public sealed class CapacityModel(ProgrammeReader programmes, CapacityStore store) : PageModel
{
    /// <summary>The error key, and the id of the message, when the round is concluded.</summary>
    public const string Concluded = "concluded";

    public ProgrammeRound Round { get; private set; } = null!;

    public IReadOnlyList<Inspectorate> Inspectorates { get; private set; } = [];

    public RoundCapacity Stored { get; private set; } = null!;

    /// <summary>What is in each field, by its id: the stored figure, or what was sent.</summary>
    public Dictionary<string, string> Typed { get; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Concluded as the page read the round, or found so by the save, which reads it afresh.</summary>
    public bool IsConcluded => RoundRules.ConcludedError(Round) is not null || Errors.ContainsKey(Concluded);

    public async Task<IActionResult> OnGetAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        foreach (var (year, inspectorate) in Fields())
        {
            Typed[FieldId(year, inspectorate.Code)] = Stored.For(year, inspectorate.Code)?.ToString(CultureInfo.InvariantCulture) ?? "";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string round, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(round, cancellationToken))
        {
            return NotFound();
        }

        if (IsConcluded)
        {
            return Refused(RoundChange.Refused(Concluded, RoundRules.ConcludedError(Round)!));
        }

        var available = new Dictionary<(string Year, string Inspectorate), int>();
        foreach (var (year, inspectorate) in Fields())
        {
            var field = FieldId(year, inspectorate.Code);
            Typed[field] = Request.Form[field].ToString();
            if (CapacityRules.TryParseAvailableDays(Typed[field], inspectorate.ShortName, year, out var days, out var error))
            {
                available[(year.Code, inspectorate.Code)] = days;
            }
            else
            {
                Errors[field] = error!;
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var change = await store.SaveAsync(Round.Code, available, User.Email()!, cancellationToken);
        if (!change.Saved)
        {
            return change.Errors.ContainsKey(Concluded) ? Refused(change) : NotFound();
        }

        TempData[RoundModel.Done] = $"Capacity for {Round.Label} saved";
        return Redirect(PortalPaths.ManageRound(Round.Code));
    }

    /// <summary>A field's id, name and error key: "available-", the year's code, "-" and the inspectorate's code.</summary>
    public static string FieldId(ProgrammeYear year, string inspectorateCode) => $"available-{year.Code}-{inspectorateCode}";

    /// <summary>Every figure the form asks for, a year at a time.</summary>
    public IEnumerable<(ProgrammeYear Year, Inspectorate Inspectorate)> Fields() =>
        Round.Years.SelectMany(year => Inspectorates.Select(inspectorate => (year, inspectorate)));

    private async Task<bool> LoadAsync(string roundCode, CancellationToken cancellationToken)
    {
        if (await programmes.ReadAsync(roundCode, cancellationToken) is not { } programme)
        {
            return false;
        }

        Round = programme.Round;
        Inspectorates = [.. programme.Inspectorates.Where(i => i.IsCriminalJustice)];
        Stored = await store.ReadAsync(Round.Id, cancellationToken);
        return true;
    }

    /// <summary>The round may not be changed: the page shows its figures as they are, with why, and nothing is saved.</summary>
    private PageResult Refused(RoundChange change)
    {
        foreach (var (field, message) in change.Errors)
        {
            Errors[field] = message;
        }

        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }
}
