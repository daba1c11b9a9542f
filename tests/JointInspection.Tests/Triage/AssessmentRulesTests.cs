using JointInspection.Web.Features.Triage.Assessment;

namespace JointInspection.Tests.Triage;

public sealed class AssessmentRulesTests
{
    [Theory]
    [InlineData(1, 1, 1, RiskBand.Low)]
    [InlineData(2, 2, 4, RiskBand.Low)]
    [InlineData(1, 5, 5, RiskBand.Medium)]
    [InlineData(3, 3, 9, RiskBand.Medium)]
    [InlineData(2, 5, 10, RiskBand.High)]
    [InlineData(4, 4, 16, RiskBand.High)]
    [InlineData(4, 5, 20, RiskBand.VeryHigh)]
    [InlineData(5, 5, 25, RiskBand.VeryHigh)]
    public void The_score_is_likelihood_times_impact_in_its_band(int likelihood, int impact, int value, RiskBand band)
    {
        var score = RiskScore.Create(likelihood, impact);

        Assert.Equal(value, score.Value);
        Assert.Equal(band, score.Band);
    }

    [Fact]
    public void Every_possible_score_has_a_band()
    {
        var scores = from l in Enumerable.Range(1, 5) from i in Enumerable.Range(1, 5) select RiskScore.Create(l, i);

        Assert.All(scores, s => Assert.True(Enum.IsDefined(s.Band)));
    }

    [Theory]
    [InlineData(0, 3, "Likelihood")]
    [InlineData(6, 3, "Likelihood")]
    [InlineData(-1, 3, "Likelihood")]
    [InlineData(3, 0, "Impact")]
    [InlineData(3, 6, "Impact")]
    public void A_level_outside_1_to_5_is_refused_naming_it(int likelihood, int impact, string named)
    {
        Assert.False(RiskScore.TryCreate(likelihood, impact, out _, out var error));
        Assert.StartsWith(named, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => RiskScore.Create(likelihood, impact));
        Assert.Contains(named, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_level_from_1_to_5_has_a_name_and_descriptor()
    {
        foreach (var levels in new[] { RiskScore.Likelihoods, RiskScore.Impacts })
        {
            Assert.Equal([1, 2, 3, 4, 5], levels.Select(l => l.Value));
            Assert.All(levels, l => Assert.False(string.IsNullOrWhiteSpace(l.Name)));
            Assert.All(levels, l => Assert.False(string.IsNullOrWhiteSpace(l.Descriptor)));
        }

        Assert.Equal("Rare", RiskScore.Likelihoods[0].Name);
        Assert.Equal("Almost certain", RiskScore.Likelihoods[4].Name);
        Assert.Contains("criminal justice system", RiskScore.Impacts[4].Descriptor, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(26)]
    public void A_score_outside_1_to_25_has_no_band(int value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskScore.BandOf(value));

    [Theory]
    [InlineData("", 0)]
    [InlineData("  ", 0)]
    [InlineData("0", 0)]
    [InlineData("40", 40)]
    [InlineData(" 2,000 ", 2000)]
    public void Days_are_whole_numbers_from_0_to_2000_and_blank_is_none(string typed, int expected)
    {
        Assert.True(Capacity.TryParseDays(typed, "HMCPSI", out var days, out var error));
        Assert.Equal(expected, days);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("-1", "cannot be negative")]
    [InlineData("2001", "2,000 or fewer")]
    [InlineData("99999999999999999999", "whole number")]
    [InlineData("4.5", "whole number")]
    [InlineData("forty", "whole number")]
    public void Bad_days_are_refused_naming_the_inspectorate(string typed, string says)
    {
        Assert.False(Capacity.TryParseDays(typed, "HMCPSI", out _, out var error));
        Assert.Contains("HMCPSI", error, StringComparison.Ordinal);
        Assert.Contains(says, error, StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_left_is_available_less_committed_less_requested()
    {
        var lines = Capacity.Lines(
            ["hmcpsi", "hmi-prisons"],
            new CapacityFigures(
                new Dictionary<string, int> { ["hmcpsi"] = 250, ["hmi-prisons"] = 500 },
                new Dictionary<string, int> { ["hmcpsi"] = 200 },
                new Dictionary<string, int>()),
            new Dictionary<string, int> { ["hmcpsi"] = 60, ["hmi-prisons"] = 500 });

        Assert.Equal(["hmcpsi", "hmi-prisons"], lines.Select(l => l.InspectorateCode));
        var (hmcpsi, prisons) = (lines[0], lines[1]);
        Assert.Equal(-10, hmcpsi.Left);
        Assert.True(hmcpsi.IsOver);
        Assert.Equal(0, prisons.Left);
        Assert.False(prisons.IsOver);
    }

    [Fact]
    public void Going_over_needs_a_reason_and_staying_within_does_not()
    {
        var over = new[] { new CapacityLine("hmcpsi", 250, 0, 251) };
        var within = new[] { new CapacityLine("hmcpsi", 250, 0, 250) };

        Assert.NotNull(Capacity.OverCapacityError(over, null));
        Assert.NotNull(Capacity.OverCapacityError(over, "   "));
        Assert.Null(Capacity.OverCapacityError(over, "Ministerial priority"));
        Assert.Null(Capacity.OverCapacityError(within, null));
    }
}
