using System.Text.Json;
using JointInspection.Web.Features.AuditTrail;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Recommendations;

namespace JointInspection.Tests.Triage;

/// <summary>
/// What a rejection's reason must be, when a decision form starts from a recommendation, and how a recommendation and
/// what became of it are put into words, on the pages and in the history.
/// </summary>
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

    [Theory]
    [InlineData(RecommendationStatus.Open, 1L, true)]
    [InlineData(RecommendationStatus.Open, null, false)]
    [InlineData(RecommendationStatus.Open, 2L, false)]
    [InlineData(RecommendationStatus.Taken, 1L, false)]
    [InlineData(RecommendationStatus.Rejected, 1L, false)]
    public void A_form_starts_from_the_open_recommendation_only_when_it_carries_its_version(string status, long? carried, bool starts)
    {
        Assert.Equal(starts, DecisionFormStart.StartsFrom(Recommendation("decline", status), carried));
        Assert.False(DecisionFormStart.StartsFrom(null, carried));
    }

    [Fact]
    public void The_history_says_each_recommendation_entry_in_words()
    {
        var open = Recommendation("accept");
        var rejected = open with { Status = RecommendationStatus.Rejected, RejectionReason = "Covered by the youth custody work." };
        var taken = open with { Status = RecommendationStatus.Taken, TakenInDecision = 1 };

        Assert.Equal("Recommended a decision on JI-000042: accept", Entry(RecommendationStore.SaveAction, null, new { recommendation = open }));
        Assert.Equal("Changed the recommendation on JI-000042: programme changed", Entry(
            RecommendationStore.SaveAction, new { recommendation = open }, new { recommendation = Recommendation("programme-changed") }));
        Assert.Equal("Rejected the recommendation on JI-000042: Covered by the youth custody work.", Entry(
            RecommendationStore.RejectAction, new { recommendation = open }, new { recommendation = rejected }));
        Assert.Equal("Recorded a decision on JI-000042 starting from the recommendation: accept", Entry(
            RecommendationStore.TakeAction, new { recommendation = open }, new { recommendation = taken, decision = new { Version = 1, Outcome = "accept" } }));
        Assert.Equal("Recorded a decision on JI-000042 starting from the recommendation: accept, changed to defer", Entry(
            RecommendationStore.TakeAction, new { recommendation = open }, new { recommendation = taken, decision = new { Version = 1, Outcome = "defer" } }));
    }

    private static string Entry(string action, object? before, object after) => new AuditEntry(
        1, DateTimeOffset.UnixEpoch, "justin@example.org", "Justin Russell", action, "submission:JI-000042", null,
        before is null ? null : JsonSerializer.Serialize(before), JsonSerializer.Serialize(after)).Describe(code => code);
}
