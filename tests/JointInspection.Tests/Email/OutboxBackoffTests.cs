using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Tests.Email;

public sealed class OutboxBackoffTests
{
    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(4, 80)]
    [InlineData(9, 2560)]
    [InlineData(10, 3600)]
    [InlineData(11, 3600)]
    [InlineData(1000, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void Each_failure_doubles_the_wait_up_to_an_hour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), OutboxBackoff.After(attempts));

    [Fact]
    public void There_is_no_wait_before_a_first_attempt() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OutboxBackoff.After(0));
}
