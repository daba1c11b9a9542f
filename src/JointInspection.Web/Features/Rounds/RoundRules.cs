namespace JointInspection.Web.Features.Rounds;

/// <summary>
/// What the secretariat may do to rounds and their consultations. Each rule answers with the message that says what to
/// fix, keyed by the form field it is about, or nothing when the change may go ahead.
/// </summary>
public static class RoundRules
{
    /// <summary>Far enough ahead for any real plan; a year past it is a typing mistake.</summary>
    public const int MaxYearsAhead = 20;

    public const int MaxTitle = 150;

    /// <summary>
    /// The first year a new round could have: the next in the two-year cycle of the rounds so far whose programme has
    /// not started by <paramref name="now"/> (a programme year starts on 1 April).
    /// </summary>
    public static int SuggestedFirstYear(IReadOnlyCollection<ProgrammeRound> rounds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var latest = rounds.MaxBy(r => r.FirstYear);
        if (latest is null)
        {
            return now.Year + 1;
        }

        var year = latest.NextFirstYear;
        while (new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.Zero) <= now)
        {
            year += 2;
        }

        return year;
    }

    /// <summary>
    /// A new round is still to come, follows the latest one in the same two-year cycle, and never overlaps it.
    /// </summary>
    public static string? NewRoundError(int? firstYear, IReadOnlyCollection<ProgrammeRound> rounds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        var latest = rounds.MaxBy(r => r.FirstYear);
        if (firstYear is not { } year)
        {
            return "Enter the year the programme starts";
        }

        if (year is < 2000 or > 2999)
        {
            return "Enter the year the programme starts as four digits";
        }

        if (new DateTimeOffset(year, 4, 1, 0, 0, 0, TimeSpan.Zero) <= now)
        {
            return $"A programme starting in {year} would already have begun on 1 April {year}: choose a year still to come";
        }

        if (latest is null)
        {
            return null;
        }

        if (year < latest.NextFirstYear)
        {
            return $"The new programme must start after the {latest.Label} programme: in {latest.NextFirstYear} or a later year of its cycle";
        }

        if ((year - latest.FirstYear) % 2 != 0)
        {
            return $"Programmes run two years at a time from {latest.FirstYear}, so the new one starts in {year - 1} or {year + 1}, not {year}";
        }

        return year > latest.FirstYear + MaxYearsAhead
            ? $"{year} is more than {MaxYearsAhead} years after the {latest.Label} programme: check the year"
            : null;
    }

    public static string? TitleError(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "Enter a title for the programme"
        : title.Trim().Length > MaxTitle ? $"The title must be {MaxTitle} characters or fewer"
        : null;

    /// <summary>
    /// Why a round's consultation may not have these dates, by field: the closing instant must follow the opening one,
    /// must not have passed already, and the consultation must not overlap another round's. A concluded round is not
    /// changed at all.
    /// </summary>
    public static Dictionary<string, string> DatesErrors(
        ProgrammeRound round, DateTimeOffset opens, DateTimeOffset closes, IEnumerable<ProgrammeRound> others, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        var errors = new Dictionary<string, string>();
        if (ConcludedError(round) is { } concluded)
        {
            errors["opens"] = concluded;
            return errors;
        }

        if (closes <= opens)
        {
            errors["closes"] = "The closing date must be after the opening date";
        }
        else if (closes <= now)
        {
            errors["closes"] = "The closing date must be in the future: to end the consultation now, use “Close the consultation now”";
        }

        var overlapping = others.Where(o => o.Id != round.Id && o.OpensAt is { } otherOpens && o.ClosesAt is { } otherCloses
                && opens < otherCloses && otherOpens < closes)
            .OrderBy(o => o.FirstYear).FirstOrDefault();
        if (overlapping is not null)
        {
            errors.TryAdd(
                "opens",
                $"The consultation would overlap the {overlapping.Label} consultation, which runs until {Infrastructure.UkTime.DateAndTime(overlapping.ClosesAt!.Value)}: choose dates after it closes, or close it first");
        }

        return errors;
    }

    public static string? ConcludedError(ProgrammeRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.ConcludedAt is not null ? $"The {round.Label} round is concluded: its outcome is published, so it can no longer be changed"
            : round.FinalisedAt is { } finalised ? $"The {round.Label} programme is final: the chair finalised it on {Infrastructure.UkTime.Date(finalised)}, so it can no longer be changed"
            : null;
    }
}
