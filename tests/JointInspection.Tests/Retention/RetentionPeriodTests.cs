using JointInspection.Web.Features.Retention;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Tests.Retention;

/// <summary>What staff read beside a submission about when its personal data goes, for each state of its round.</summary>
public sealed class RetentionPeriodTests
{
    private static readonly DateTimeOffset Concluded = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Removed_data_says_when_it_went() =>
        Assert.Equal("Removed on 4 March 2027", new RetentionPeriod(12).ForStaff(Concluded.AddYears(1).AddDays(1), Concluded));

    [Fact]
    public void A_concluded_round_says_the_day_it_is_due() =>
        Assert.Equal($"Will be removed on {UkTime.Date(Concluded.AddMonths(18))}", new RetentionPeriod(18).ForStaff(null, Concluded));

    [Fact]
    public void A_round_not_yet_concluded_says_how_long_after_the_outcome() =>
        Assert.Equal("Will be removed 12 months after the outcome is published", new RetentionPeriod(12).ForStaff(null, null));

    [Fact]
    public void Due_is_the_months_after_concluding_and_no_sooner()
    {
        var period = new RetentionPeriod(12);
        Assert.True(period.ConcludedBy(Concluded.AddMonths(12)) >= Concluded);
        Assert.True(period.ConcludedBy(Concluded.AddMonths(12).AddDays(-1)) < Concluded);
    }
}
