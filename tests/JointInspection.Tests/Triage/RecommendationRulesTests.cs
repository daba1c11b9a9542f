using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Recommendations;

namespace JointInspection.Tests.Triage;

/// <summary>What a rejection's reason must be, and how a recommendation is put into words.</summary>
public sealed class RecommendationRulesTests
{
    private static RecommendationRecord Recommendation(string outcome, string status = RecommendationStatus.Open) => new(
        1, outcome, "Reasons.",
        outcome == DecisionOutcome.Accept ? new ValidWorkstream("Girls in custody", "S", "hmi-prisons", [], [], ["custodial-conditions"], "2022-23", "inspection") : null,
        outcome == DecisionOutcome.Merge ? "mental-health" : null,
        outcome == DecisionOutcome.Merge ? "Mental health" : null,
        outcome == DecisionOutcome.Defer ? "2022-23" : null,
        null, "priya@example.org", "Priya Shah", DateTimeOffset.Parse("2027-01-10T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture), status,
        ClosedBy: status == RecommendationStatus.Open ? null : "justin@example.org",
        ClosedByName: status == RecommendationStatus.Open ? null : "Justin Russell",
        ClosedAt: status == RecommendationStatus.Open ? null : DateTimeOffset.Parse("2027-01-12T15:30:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n ")]
    public void A_rejection_needs_a_reason(string? typed)
    {
        var (reason, error) = RejectionRules.Check(typed);

        Assert.Null(reason);
        Assert.Equal("Say why you are rejecting the recommendation: the secretariat will read it", error);
    }

    [Fact]
    public void A_reason_is_trimmed_and_bounded()
    {
        Assert.Equal(("Covered elsewhere.", null), RejectionRules.Check("  Covered elsewhere.\n"));
        Assert.Equal((new string('x', RejectionRules.MaxReason), null), RejectionRules.Check(new string('x', RejectionRules.MaxReason)));
        Assert.Equal((null, "The reason must be 2,000 characters or fewer"), RejectionRules.Check(new string('x', RejectionRules.MaxReason + 1)));
    }

    [Theory]
    [InlineData("accept", "accept", "Accept, as the proposed workstream “Girls in custody”")]
    [InlineData("merge", "merge", "Merge into the workstream “Mental health”")]
    [InlineData("defer", "defer", "Defer to the programme's second year, 2022–23")]
    [InlineData("decline", "decline", "Decline")]
    [InlineData("noted", "noted", "Noted")]
    [InlineData("programme-changed", "programme changed", "Programme changed")]
    public void Each_outcome_is_said_in_words(string outcome, string alone, string inFull)
    {
        Assert.Equal(alone, RecommendationWords.Outcome(outcome));
        Assert.Equal(inFull, RecommendationWords.InFull(Recommendation(outcome)));
    }

    [Fact]
    public void A_deferral_to_the_next_programme_says_so()
    {
        Assert.Equal("Defer to the next joint inspection programme", RecommendationWords.InFull(Recommendation("defer") with { DeferTo = "next-programme" }));
    }

    [Fact]
    public void Its_status_says_who_settled_it_and_when_in_UK_time()
    {
        Assert.Equal("Open: waiting for a chief inspector", RecommendationWords.Status(Recommendation("decline")));
        Assert.Equal("Taken: Justin Russell recorded a decision starting from it at 3:30pm on 12 January 2027", RecommendationWords.Status(Recommendation("decline", RecommendationStatus.Taken)));
        Assert.Equal("Rejected by Justin Russell at 3:30pm on 12 January 2027", RecommendationWords.Status(Recommendation("decline", RecommendationStatus.Rejected)));
    }
}
