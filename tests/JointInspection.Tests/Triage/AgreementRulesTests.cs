using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Tests.Triage;

/// <summary>Who must agree a decision, where its agreement stands, and how provisional days count against capacity.</summary>
public sealed class AgreementRulesTests
{
    [Theory]
    [InlineData("accept")]
    [InlineData("merge")]
    [InlineData("programme-changed")]
    public void Joint_work_needs_the_lead_first_then_each_other_criminal_justice_inspectorate_once(string outcome)
    {
        var parties = Agreement.Parties(outcome, "hmi-probation", ["hmi-prisons", "hmi-probation", "hmcpsi", "hmi-prisons"]);

        Assert.Equal(
            [new AgreementParty("hmi-probation", IsLead: true), new AgreementParty("hmi-prisons", IsLead: false), new AgreementParty("hmcpsi", IsLead: false)],
            parties);
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("defer")]
    [InlineData("noted")]
    public void A_decision_that_involves_one_inspectorate_needs_no_one_elses_agreement(string outcome)
    {
        Assert.Empty(Agreement.Parties(outcome, "hmi-probation", ["hmi-prisons", "hmcpsi"]));
    }

    [Fact]
    public void Joint_work_with_one_inspectorate_taking_part_is_its_chief_inspectors_alone()
    {
        Assert.Empty(Agreement.Parties("accept", "hmi-prisons", ["hmi-prisons"]));
        Assert.Empty(Agreement.Parties("accept", "hmi-prisons", []));
    }

    [Fact]
    public void Without_a_lead_the_supporting_inspectorates_are_the_parties()
    {
        Assert.Equal(
            [new AgreementParty("hmi-prisons", IsLead: false), new AgreementParty("hmcpsi", IsLead: false)],
            Agreement.Parties("merge", null, ["hmi-prisons", "hmcpsi"]));
    }

    [Fact]
    public void The_agreement_is_awaited_until_all_agree_and_one_objection_is_enough_to_stop_it()
    {
        AgreementParty[] parties = [new("hmi-probation", true), new("hmi-prisons", false), new("hmcpsi", false)];

        Assert.Equal(Agreement.Awaiting, Agreement.State(parties, Answers(("hmi-probation", "agree"))));
        Assert.Equal(Agreement.Awaiting, Agreement.State(parties, Answers(("hmi-probation", "agree"), ("hmi-prisons", "agree"))));
        Assert.Equal(Agreement.Agreed, Agreement.State(parties, Answers(("hmi-probation", "agree"), ("hmi-prisons", "agree"), ("hmcpsi", "agree"))));
        Assert.Equal(Agreement.Objected, Agreement.State(parties, Answers(("hmi-probation", "agree"), ("hmcpsi", "object"))));
        // An answer from an inspectorate that is not a party counts for nothing.
        Assert.Equal(Agreement.Awaiting, Agreement.State(parties, Answers(("hmi-probation", "agree"), ("hmi-prisons", "agree"), ("hmicfrs", "agree"))));
        Assert.Null(Agreement.State([], Answers()));
    }

    [Fact]
    public void Only_a_decision_that_needs_no_agreement_or_has_it_is_final()
    {
        Assert.True(Agreement.IsFinal(null));
        Assert.True(Agreement.IsFinal(Agreement.Agreed));
        Assert.False(Agreement.IsFinal(Agreement.Awaiting));
        Assert.False(Agreement.IsFinal(Agreement.Objected));
    }

    [Fact]
    public void Provisional_days_are_shown_apart_from_committed_but_both_are_taken_from_what_is_left()
    {
        var figures = new CapacityFigures(
            new Dictionary<string, int> { ["hmi-prisons"] = 500, ["hmcpsi"] = 300 },
            new Dictionary<string, int> { ["hmi-prisons"] = 400 },
            new Dictionary<string, int> { ["hmi-prisons"] = 90, ["hmcpsi"] = 10 });

        var lines = Capacity.Lines(["hmi-prisons", "hmcpsi"], figures, new Dictionary<string, int> { ["hmi-prisons"] = 20 });

        Assert.Equal(new CapacityLine("hmi-prisons", 500, 400, 20, 90), lines[0]);
        Assert.Equal(-10, lines[0].Left);
        Assert.True(lines[0].IsOver);
        Assert.Equal(290, lines[1].Left);
        Assert.NotNull(Capacity.OverCapacityError(lines, null));
        Assert.Null(Capacity.OverCapacityError(lines, "Ministers asked for it"));
    }

    private static Dictionary<string, string?> Answers(params (string Code, string Answer)[] answers) =>
        answers.ToDictionary(a => a.Code, a => (string?)a.Answer);
}
