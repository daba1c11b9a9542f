using System.Globalization;
using JointInspection.Web.Features;
using JointInspection.Web.Features.Rounds;

namespace JointInspection.Tests.Rounds;

public sealed class RoundRulesTests
{
    private static readonly ProgrammeRound First = new(1, 2021, "Joint inspection programme", At("2021-01-04T09:00:00Z"), At("2021-03-28T23:59:00Z"), null);

    [Theory]
    [InlineData("2026-12-06T12:00:00Z", 2027)]
    [InlineData("2027-03-31T22:59:59Z", 2027)]
    [InlineData("2027-04-01T00:00:00Z", 2029)]
    [InlineData("2022-05-01T00:00:00Z", 2023)]
    public void The_suggested_year_is_the_next_in_the_cycle_not_yet_begun(string now, int expected) =>
        Assert.Equal(expected, RoundRules.SuggestedFirstYear([First], At(now)));

    [Theory]
    [InlineData(null, "Enter the year the programme starts")]
    [InlineData(2028, "Programmes run two years at a time from 2021, so the new one starts in 2027 or 2029, not 2028")]
    [InlineData(2021, "A programme starting in 2021 would already have begun on 1 April 2021: choose a year still to come")]
    [InlineData(2049, "2049 is more than 20 years after the 2021–23 programme: check the year")]
    [InlineData(99999, "Enter the year the programme starts as four digits")]
    [InlineData(2027, null)]
    [InlineData(2041, null)]
    public void A_new_round_follows_the_latest_in_its_cycle(int? year, string? expected) =>
        Assert.Equal(expected, RoundRules.NewRoundError(year, [First], At("2026-12-06T12:00:00Z")));

    [Fact]
    public void A_round_cannot_start_before_the_latest_ends()
    {
        var latest = First with { Id = 2, FirstYear = 2027, OpensAt = null, ClosesAt = null };

        Assert.Equal(
            "The new programme must start after the 2027–29 programme: in 2029 or a later year of its cycle",
            RoundRules.NewRoundError(2027, [First, latest], At("2026-12-06T12:00:00Z")));
    }

    [Fact]
    public void Dates_must_close_after_they_open_in_the_future_without_overlapping_another_round()
    {
        var now = At("2026-12-06T12:00:00Z");
        var draft = new ProgrammeRound(2, 2027, "Next", null, null, null);
        var open = First with { OpensAt = At("2026-12-01T09:00:00Z"), ClosesAt = At("2027-02-23T23:59:00Z") };

        Assert.Equal(
            "The closing date must be after the opening date",
            RoundRules.DatesErrors(draft, At("2027-04-01T09:00:00Z"), At("2027-03-01T09:00:00Z"), [open, draft], now)["closes"]);
        Assert.StartsWith(
            "The closing date must be in the future",
            RoundRules.DatesErrors(draft, At("2026-11-01T09:00:00Z"), At("2026-12-01T09:00:00Z"), [open, draft], now)["closes"], StringComparison.Ordinal);
        Assert.StartsWith(
            "The consultation would overlap the 2021–23 consultation, which runs until 11:59pm on 23 February 2027",
            RoundRules.DatesErrors(draft, At("2027-02-01T09:00:00Z"), At("2027-05-01T22:59:00Z"), [open, draft], now)["opens"], StringComparison.Ordinal);
        Assert.Empty(RoundRules.DatesErrors(draft, At("2027-02-24T00:00:00Z"), At("2027-05-01T22:59:00Z"), [open, draft], now));
        // A round's own dates never overlap themselves.
        Assert.Empty(RoundRules.DatesErrors(open, At("2026-12-01T09:00:00Z"), At("2027-03-23T23:59:00Z"), [open, draft], now));
    }

    [Fact]
    public void A_concluded_round_takes_no_new_dates()
    {
        var concluded = First with { ConcludedAt = At("2021-06-01T00:00:00Z") };

        Assert.Equal(
            "The 2021–23 round is concluded: its outcome is published, so it can no longer be changed",
            RoundRules.DatesErrors(concluded, At("2027-01-01T00:00:00Z"), At("2027-02-01T00:00:00Z"), [concluded], At("2026-12-06T12:00:00Z"))["opens"]);
    }

    [Theory]
    [InlineData("", "", "", "23:59", "Enter the date the consultation closes")]
    [InlineData("18", "", "", "23:59", "The date the consultation closes must include a month and year")]
    [InlineData("30", "2", "2027", "23:59", "The date the consultation closes must be a real date, with a four-digit year")]
    [InlineData("18", "2", "27", "23:59", "The date the consultation closes must be a real date, with a four-digit year")]
    [InlineData("18", "2", "2027", "11.59pm", "Enter the time of the date the consultation closes using the 24-hour clock, like 09:00 or 23:59")]
    [InlineData("28", "3", "2027", "01:30", "That time does not exist in the UK on that day, because the clocks go forward: choose another time for the date the consultation closes")]
    public void A_date_and_time_with_a_mistake_says_what_to_fix(string day, string month, string year, string time, string expected)
    {
        var (instant, error) = new UkDateTimeField("closes", "Closes", day, month, year, time, null).Parse("the date the consultation closes");

        Assert.Null(instant);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("18", "2", "2027", "23:59", "2027-02-18T23:59:00Z")]
    [InlineData("2", "9", "2027", "9:00", "2027-09-02T08:00:00Z")]
    public void A_date_and_time_is_read_as_uk_local_time(string day, string month, string year, string time, string expected)
    {
        var (instant, error) = new UkDateTimeField("closes", "Closes", day, month, year, time, null).Parse("the date the consultation closes");

        Assert.Null(error);
        Assert.Equal(At(expected), instant);
        Assert.Equal(new UkDateTimeField("closes", "Closes", day, month, year, time.PadLeft(5, '0'), null), UkDateTimeField.For("closes", "Closes", instant, "23:59"));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);
}
