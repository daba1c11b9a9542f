using JointInspection.Web.Features.Rounds;

namespace JointInspection.Tests.Rounds;

/// <summary>The secretariat's capacity figures as typed: what is accepted, and the message for each mistake.</summary>
public sealed class CapacityRulesTests
{
    private static readonly ProgrammeYear Year = new(2027);

    [Theory]
    [InlineData("600", 600)]
    [InlineData(" 1,200 ", 1200)]
    [InlineData("20,000", 20000)]
    [InlineData("0", 0)]
    [InlineData("-0", 0)]
    [InlineData("007", 7)]
    public void A_whole_number_from_0_to_20000_is_accepted_with_or_without_commas(string typed, int expected)
    {
        Assert.True(CapacityRules.TryParseAvailableDays(typed, "HMI Prisons", Year, out var days, out var error));
        Assert.Equal(expected, days);
        Assert.Null(error);
    }

    [Theory]
    [InlineData(null, "Enter HMI Prisons’ inspector-days for 2027–28")]
    [InlineData("  ", "Enter HMI Prisons’ inspector-days for 2027–28")]
    [InlineData("lots", "HMI Prisons’ inspector-days for 2027–28 must be a whole number, like 600")]
    [InlineData("600.5", "HMI Prisons’ inspector-days for 2027–28 must be a whole number, like 600")]
    [InlineData("-", "HMI Prisons’ inspector-days for 2027–28 must be a whole number, like 600")]
    [InlineData("-3", "HMI Prisons’ inspector-days for 2027–28 cannot be negative: enter 0 or more")]
    [InlineData("-1,000", "HMI Prisons’ inspector-days for 2027–28 cannot be negative: enter 0 or more")]
    [InlineData("20,001", "HMI Prisons’ inspector-days for 2027–28 must be 20,000 or fewer: check the figure")]
    [InlineData("99999999999999999999", "HMI Prisons’ inspector-days for 2027–28 must be 20,000 or fewer: check the figure")]
    public void A_mistake_is_refused_with_a_message_naming_the_inspectorate_the_year_and_the_fix(string? typed, string message)
    {
        Assert.False(CapacityRules.TryParseAvailableDays(typed, "HMI Prisons", Year, out var days, out var error));
        Assert.Equal(message, error);
        Assert.Equal(0, days);
    }

    [Theory]
    [InlineData("HMI Prisons", "HMI Prisons’")]
    [InlineData("HMI Probation", "HMI Probation’s")]
    [InlineData("HMCPSI", "HMCPSI’s")]
    [InlineData("HMICFRS", "HMICFRS’s")]
    public void An_inspectorates_name_is_made_possessive_as_it_is_said(string name, string possessive) =>
        Assert.Equal(possessive, CapacityRules.Possessive(name));
}
