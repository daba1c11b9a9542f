using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Tests.Triage;

/// <summary>The rules for one decision on several submissions, on their own: what the selection must be, and which outcomes fit.</summary>
public sealed class BulkDecisionRulesTests
{
    private static readonly DecisionChoices Round2021 = Choices(2021, new Dictionary<string, int> { ["mental-health"] = 7 });

    private static readonly DecisionChoices Round2023 = Choices(2023, new Dictionary<string, int> { ["youth-justice"] = 9 });

    private static readonly Dictionary<long, BulkCandidate> Stored = new()
    {
        [1] = new(1, "JI-000001", "response", Round2021),
        [2] = new(2, "JI-000002", "response", Round2021),
        [3] = new(3, "JI-000003", "suggestion", Round2021),
        [4] = new(4, "JI-000004", "suggestion", Round2021),
        [5] = new(5, "JI-000005", "suggestion", Round2023),
    };

    private static DecisionChoices Choices(int firstYear, Dictionary<string, int> workstreams) => new(
        new ProgrammeRound(firstYear, firstYear, "Joint inspection programme", null, null, null),
        ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"], ["cqc"], ["community-safety"], workstreams);

    private static BulkDecisionRequest Request(string? outcome, params (string Reference, long? Version)[] submissions) => new(
        outcome, "Thank you: we read every one.", Submissions: [.. submissions.Select(s => new BulkDecisionSubmission(s.Reference, s.Version))]);

    private static Dictionary<string, string[]> ErrorsOf(BulkDecisionRequest request)
    {
        var (decisions, errors) = BulkDecisionRules.Check(request, Stored);
        Assert.Null(decisions);
        return errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
    }

    [Fact]
    public void Each_submission_gets_its_own_decision_with_the_version_sent_for_it_and_the_shared_reasons_and_meeting()
    {
        var request = Request("noted", ("JI-000001", 0), (" ji-2 ", 3)) with { MeetingOn = "2022-03-27", MeetingAttendees = "All four chief inspectors" };

        var (decisions, errors) = BulkDecisionRules.Check(request, Stored);

        Assert.Empty(errors);
        Assert.Equal([(1L, 0L), (2L, 3L)], decisions!.Select(d => (d.Submission.Id, d.Decision.Version)));
        Assert.All(decisions!, d => Assert.Equal(
            ("noted", "Thank you: we read every one.", "2022-03-27", "All four chief inspectors"),
            (d.Decision.Outcome, d.Decision.Rationale, d.Decision.MeetingOn, d.Decision.MeetingAttendees)));
    }

    [Fact]
    public void An_outcome_one_kind_cannot_have_is_refused_naming_the_submissions_of_that_kind()
    {
        var errors = ErrorsOf(Request("noted", ("JI-000001", 0), ("JI-000003", 0), ("JI-000002", 0), ("JI-000004", 1)));

        Assert.Equal(["JI-000003 and JI-000004 are suggestions, which cannot be noted: leave them out and decide on them separately"], errors["outcome"]);
        Assert.Single(errors);
    }

    [Fact]
    public void A_single_submission_that_cannot_have_the_outcome_is_named_alone()
    {
        var errors = ErrorsOf(Request("decline", ("JI-000003", 0), ("JI-000002", 0)));

        Assert.Equal(["JI-000002 is a response, which cannot be declined: leave it out and decide on it separately"], errors["outcome"]);
    }

    [Fact]
    public void Accepting_is_refused_as_one_at_a_time_and_asks_for_nothing_an_acceptance_would_need()
    {
        var errors = ErrorsOf(Request("accept", ("JI-000003", 0), ("JI-000004", 0)));

        Assert.StartsWith("Accept suggestions one at a time", errors["outcome"].Single(), StringComparison.Ordinal);
        Assert.Single(errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("approve")]
    public void A_missing_or_unknown_outcome_asks_for_one(string? outcome)
    {
        var errors = ErrorsOf(Request(outcome, ("JI-000001", 0)));

        Assert.Equal(["Select a decision: merge, defer or decline for suggestions; noted or programme changed for responses"], errors["outcome"]);
    }

    [Fact]
    public void A_mistake_every_submission_shares_is_said_once()
    {
        var errors = ErrorsOf(Request("noted", ("JI-000001", 0), ("JI-000002", 0)) with { Rationale = " " });

        Assert.Equal(["Give the reasons for the decision: the respondent will read them"], errors["rationale"]);
    }

    [Fact]
    public void A_mistake_only_some_submissions_have_names_them()
    {
        // 2022-23 is the second year of the 2021 round, not of the 2023 one.
        var errors = ErrorsOf(Request("defer", ("JI-000003", 0), ("JI-000005", 0)) with { DeferTo = "2022-23" });

        var message = Assert.Single(errors["deferTo"]);
        Assert.StartsWith("Select when to look at it again: 2024–25", message, StringComparison.Ordinal);
        Assert.EndsWith("(for JI-000005)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_and_defer_use_each_submissions_own_round()
    {
        var (merged, _) = BulkDecisionRules.Check(Request("merge", ("JI-000003", 0), ("JI-000004", 2)) with { MergeInto = "mental-health" }, Stored);
        var (deferred, _) = BulkDecisionRules.Check(Request("defer", ("JI-000003", 0), ("JI-000005", 0)) with { DeferTo = "next-programme" }, Stored);

        Assert.Equal([7, 7], merged!.Select(d => d.Decision.MergeInto));
        Assert.Equal(["next-programme", "next-programme"], deferred!.Select(d => d.Decision.DeferTo));
    }

    public static TheoryData<BulkDecisionSubmission?[], string> BadSelections => new()
    {
        { [], "Select at least one submission to decide on" },
        { [new("JI-000001", 0), new("banana", 0), new("JI-0x", 0)], "'banana' and 'JI-0x' are not submission references: a reference looks like JI-000123" },
        { [new("JI-000001", 0), null, new(" ", 0)], "Send the reference of every submission, such as JI-000123" },
        { [new("JI-000001", 0), new("JI-999999", 0)], "There is no submission JI-999999: check the reference" },
        { [new("JI-000001", 0), new("JI-000008", 0), new("JI-000009", 0)], "There is no submission JI-000008 or JI-000009: check the references" },
        { [new("JI-000001", 0), new("ji-1", 0)], "JI-000001 is selected more than once: select each submission once" },
        { [new("JI-000001", null), new("JI-000002", -1)], "Send the version of the current decision on JI-000001 and JI-000002, as the queue gives it: 0 when there is none yet" },
        { [.. Enumerable.Range(1, 201).Select(i => new BulkDecisionSubmission($"JI-{i:000000}", 0))], "Select 200 submissions or fewer at once: there are 201" },
    };

    [Theory]
    [MemberData(nameof(BadSelections))]
    public void A_bad_selection_says_what_to_fix(BulkDecisionSubmission?[] submissions, string message)
    {
        var errors = ErrorsOf(new BulkDecisionRequest("noted", "Why.", Submissions: submissions));

        Assert.Equal([message], errors["submissions"]);
    }

    [Fact]
    public void The_ids_named_are_read_once_each_whatever_is_sent()
    {
        var request = new BulkDecisionRequest(Submissions: [new("JI-000002"), null, new("nonsense"), new(" ji-2 "), new("JI-000007")]);

        Assert.Equal([2L, 7L], BulkDecisionRules.IdsNamed(request));
    }

    [Theory]
    [InlineData("", "", "", null, null)]
    [InlineData("27", "3", "2022", "2022-03-27", null)]
    [InlineData(" 1 ", "12", "2023", "2023-12-01", null)]
    [InlineData("27", "", "2022", null, "The date of the meeting must include a month")]
    [InlineData("", "", "2022", null, "The date of the meeting must include a day and month")]
    [InlineData("30", "2", "2022", null, "The date of the meeting must be a real date, with a four-digit year")]
    [InlineData("1", "1", "22", null, "The date of the meeting must be a real date, with a four-digit year")]
    [InlineData("a", "1", "2022", null, "The date of the meeting must be a real date, with a four-digit year")]
    public void The_meeting_date_comes_from_the_date_input_or_says_what_to_fix(string day, string month, string year, string? date, string? error)
    {
        Assert.Equal((date, error), DecisionRules.MeetingDate(day, month, year));
    }

    [Theory]
    [InlineData("JI-000123:0", "JI-000123", 0L)]
    [InlineData("JI-000123:4", "JI-000123", 4L)]
    [InlineData("JI-000123:x", "JI-000123", null)]
    [InlineData("JI-000123", "JI-000123", null)]
    public void A_checkbox_value_carries_the_reference_and_the_version_seen(string value, string reference, long? version)
    {
        Assert.Equal(new BulkDecisionSubmission(reference, version), DecideSeveralModel.Parse(value));
    }
}
