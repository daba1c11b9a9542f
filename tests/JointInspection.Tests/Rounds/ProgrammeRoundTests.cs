using System.Globalization;
using JointInspection.Web.Features.Rounds;

namespace JointInspection.Tests.Rounds;

public sealed class ProgrammeRoundTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 2, 18, 23, 59, 0, TimeSpan.Zero);

    private static ProgrammeRound Round(int firstYear, DateTimeOffset? opens = null, DateTimeOffset? closes = null, DateTimeOffset? concluded = null) =>
        new(firstYear, firstYear, $"Round {firstYear}", opens, closes, concluded);

    [Theory]
    [InlineData(2021, "2021-23", "2021–23", "2021-22", "2022-23", 2023)]
    [InlineData(2027, "2027-29", "2027–29", "2027-28", "2028-29", 2029)]
    [InlineData(2099, "2099-01", "2099–01", "2099-00", "2100-01", 2101)]
    public void A_rounds_code_and_years_follow_from_its_first_year(int first, string code, string label, string year1, string year2, int next)
    {
        var round = Round(first);

        Assert.Equal(code, round.Code);
        Assert.Equal(label, round.Label);
        Assert.Equal([year1, year2], round.Years.Select(y => y.Code));
        Assert.Equal(year2, round.SecondYear.Code);
        Assert.Equal(next, round.NextFirstYear);
        Assert.True(ProgrammeRound.TryParseCode(code, out var parsed));
        Assert.Equal(first, parsed);
    }

    [Theory]
    [InlineData("2027-28")]
    [InlineData("2027-30")]
    [InlineData("2027–29")]
    [InlineData("27-29")]
    [InlineData("2027-29 ")]
    [InlineData("")]
    [InlineData(null)]
    public void A_code_that_is_not_two_years_apart_is_not_a_round(string? code) =>
        Assert.False(ProgrammeRound.TryParseCode(code, out _));

    [Theory]
    [InlineData("2027-28", true)]
    [InlineData("2028-29", true)]
    [InlineData("2029-30", false)]
    [InlineData("2026-27", false)]
    [InlineData("2027-29", false)]
    [InlineData("later", false)]
    [InlineData(null, false)]
    public void Only_the_rounds_own_two_years_are_its_years(string? code, bool expected) =>
        Assert.Equal(expected, Round(2027).HasYear(code));

    [Fact]
    public void A_year_shows_with_an_en_dash_and_anything_else_as_it_is()
    {
        Assert.Equal("2027–28", ProgrammeYear.LabelOf("2027-28"));
        Assert.Equal("later", ProgrammeYear.LabelOf("later"));
        Assert.Equal("", ProgrammeYear.LabelOf(null));
    }

    [Theory]
    [InlineData("2026-11-30T23:59:59Z", RoundState.Draft)]
    [InlineData("2026-12-01T00:00:00Z", RoundState.Open)]
    [InlineData("2027-02-18T23:58:59Z", RoundState.Open)]
    [InlineData("2027-02-18T23:59:00Z", RoundState.Closed)]
    public void A_round_is_open_from_its_opening_until_its_closing_instant(string now, RoundState expected) =>
        Assert.Equal(expected, Round(2027, Opens, Closes).StateAt(At(now)));

    [Fact]
    public void A_round_without_dates_is_a_draft_and_one_with_its_outcome_published_is_concluded()
    {
        Assert.Equal(RoundState.Draft, Round(2027).StateAt(At("2030-01-01T00:00:00Z")));
        Assert.Equal(RoundState.Concluded, Round(2027, Opens, Closes, Closes.AddDays(40)).StateAt(At("2027-03-01T00:00:00Z")));
    }

    [Fact]
    public void The_response_is_due_twelve_weeks_after_closing()
    {
        Assert.Equal(Closes.AddDays(84), Round(2027, Opens, Closes).ResponseDueAt);
        Assert.Null(Round(2027).ResponseDueAt);
    }

    [Fact]
    public void The_current_round_is_the_latest_the_public_can_read()
    {
        var first = Round(2021, At("2021-01-01T00:00:00Z"), At("2021-03-01T00:00:00Z"));
        var second = Round(2023, At("2027-01-01T00:00:00Z"), At("2027-03-01T00:00:00Z"));
        var draft = Round(2025);

        Assert.Equal(first, ProgrammeRound.Current([draft, second, first], At("2026-12-31T00:00:00Z")));
        Assert.Equal(second, ProgrammeRound.Current([draft, second, first], At("2027-01-01T00:00:00Z")));
        Assert.Equal(second, ProgrammeRound.Current([draft, second, first], At("2029-01-01T00:00:00Z")));
    }

    [Fact]
    public void Before_any_round_opens_the_first_is_current()
    {
        var first = Round(2021, At("2027-01-01T00:00:00Z"), At("2027-03-01T00:00:00Z"));

        Assert.Equal(first, ProgrammeRound.Current([Round(2023), first], At("2026-01-01T00:00:00Z")));
        Assert.Null(ProgrammeRound.Current([], At("2026-01-01T00:00:00Z")));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
