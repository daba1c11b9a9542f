using System.Globalization;

namespace JointInspection.Web.Features.Rounds;

/// <summary>
/// A programme year, April to March, named by the calendar year it starts in: stored and in the API as
/// "yyyy-yy", shown with an en dash.
/// </summary>
public readonly record struct ProgrammeYear(int StartsIn)
{
    public string Code => $"{StartsIn}-{Ends:00}";

    public string Label => $"{StartsIn}–{Ends:00}";

    private int Ends => (StartsIn + 1) % 100;

    public static bool TryParse(string? code, out ProgrammeYear year)
    {
        year = default;
        if (code is not { Length: 7 } || code[4] != '-'
            || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var starts)
            || !int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var ends)
            || ends != (starts + 1) % 100)
        {
            return false;
        }

        year = new ProgrammeYear(starts);
        return true;
    }

    /// <summary>A stored year code as people read it; anything that is not a year is shown as it is.</summary>
    public static string LabelOf(string? code) => TryParse(code, out var year) ? year.Label : code ?? "";

    public override string ToString() => Code;
}

/// <summary>How a round's outcomes reach respondents.</summary>
public static class ReleaseModes
{
    /// <summary>Each outcome is emailed as soon as its decision is final.</summary>
    public const string Immediate = "immediate";

    /// <summary>Final outcomes are held, and the secretariat releases them together: one announcement.</summary>
    public const string Together = "together";
}

/// <summary>
/// Where a round is in its life, GOV.UK's way: a draft only staff see, open for responses, closed while the
/// chief inspectors decide, and concluded once the outcome is published.
/// </summary>
public enum RoundState
{
    Draft,
    Open,
    Closed,
    Concluded,
}

/// <summary>
/// One two-year joint inspection programme and its consultation. Everything that names a year follows from
/// <see cref="FirstYear"/>: the code (first year, a hyphen, and the last year's two digits), the two programme years and the next round's.
/// </summary>
public sealed record ProgrammeRound(
    long Id, int FirstYear, string Title, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, DateTimeOffset? ConcludedAt,
    string ReleaseMode = ReleaseModes.Immediate, DateTimeOffset? FinalisedAt = null)
{
    /// <summary>GOV.UK's consultation principles: publish the response within 12 weeks of closing.</summary>
    public static readonly TimeSpan ResponseWindow = TimeSpan.FromDays(84);

    public string Code => CodeFor(FirstYear);

    /// <summary>The code with an en dash, as people read it.</summary>
    public string Label => LabelFor(FirstYear);

    public IReadOnlyList<ProgrammeYear> Years => [new(FirstYear), new(FirstYear + 1)];

    public ProgrammeYear SecondYear => new(FirstYear + 1);

    /// <summary>The calendar year the programme ends in: work "later" than this belongs to the next round.</summary>
    public int EndsIn => FirstYear + 2;

    public int NextFirstYear => FirstYear + 2;

    /// <summary>When the response to the consultation is due: 12 weeks after it closes.</summary>
    public DateTimeOffset? ResponseDueAt => ClosesAt + ResponseWindow;

    /// <summary>The chair has finalised the programme: its proposed workstreams are part of it, and it no longer changes.</summary>
    public bool IsFinalised => FinalisedAt is not null;

    public bool HasYear(string? code) => ProgrammeYear.TryParse(code, out var year) && Years.Contains(year);

    public RoundState StateAt(DateTimeOffset now) =>
        ConcludedAt is not null ? RoundState.Concluded
        : OpensAt is not { } opens || now < opens ? RoundState.Draft
        : now < ClosesAt ? RoundState.Open
        : RoundState.Closed;

    /// <summary>The public reads a round once its consultation has opened; before that only staff see it.</summary>
    public bool IsPublicAt(DateTimeOffset now) => OpensAt is { } opens && opens <= now;

    public static string CodeFor(int firstYear) => $"{firstYear}-{(firstYear + 2) % 100:00}";

    public static string LabelFor(int firstYear) => $"{firstYear}–{(firstYear + 2) % 100:00}";

    /// <summary>Reads a round's code: a first year and a last year two apart, as every round is.</summary>
    public static bool TryParseCode(string? code, out int firstYear)
    {
        firstYear = 0;
        if (code is not { Length: 7 } || code[4] != '-'
            || !int.TryParse(code.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(code.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || last != (first + 2) % 100)
        {
            return false;
        }

        firstYear = first;
        return true;
    }

    /// <summary>
    /// The round the public site shows: the latest one whose consultation has opened. Before any has opened (a new
    /// portal with its opening date still ahead) it is the first round, which then says when it opens.
    /// </summary>
    public static ProgrammeRound? Current(IEnumerable<ProgrammeRound> rounds, DateTimeOffset now)
    {
        var ordered = rounds.OrderBy(r => r.FirstYear).ToList();
        return ordered.LastOrDefault(r => r.IsPublicAt(now)) ?? ordered.FirstOrDefault();
    }
}
