using JointInspection.Web.Infrastructure;

namespace JointInspection.Tests.Site;

public sealed class UkTimeTests
{
    [Theory]
    [InlineData("2027-02-18T23:59:00Z", "11:59pm on 18 February 2027")]
    [InlineData("2026-07-01T11:00:00Z", "midday on 1 July 2026")] // British Summer Time: UTC+1
    [InlineData("2026-06-30T23:00:00Z", "midnight on 1 July 2026")]
    [InlineData("2026-12-01T09:00:00Z", "9am on 1 December 2026")]
    [InlineData("2026-12-01T13:05:00Z", "1:05pm on 1 December 2026")]
    public void Instants_are_shown_in_uk_time_in_govuk_style(string instant, string expected) =>
        Assert.Equal(expected, UkTime.DateAndTime(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
}
