using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Tests.Triage;

/// <summary>The decision rules on their own: which outcomes fit which submission, and what each outcome needs.</summary>
public sealed class DecisionRulesTests
{
    private static readonly DecisionChoices Choices = new(
        new Web.Features.Rounds.ProgrammeRound(1, 2021, "Joint inspection programme", null, null, null),
        ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"],
        ["cqc", "ofsted", "estyn"],
        ["community-safety", "custodial-conditions"],
        new Dictionary<string, int> { ["mental-health"] = 7 });

    private static readonly ProposedWorkstream Workstream = new(
        " Remand in custody ", "What remand is like.", "hmi-prisons", ["hmi-prisons", "hmi-probation", "hmi-probation"], ["cqc"],
        ["custodial-conditions"], "2021-22", "inspection");

    [Fact]
    public void An_acceptance_is_trimmed_and_the_lead_is_not_counted_again_among_the_supporting()
    {
        var (decision, errors) = DecisionRules.Check(new DecisionRequest(0, "accept", "  Because.  ", Workstream), "suggestion", Choices);

        Assert.Empty(errors);
        Assert.Equal("Because.", decision!.Rationale);
        Assert.Equal("Remand in custody", decision.Workstream!.Title);
        Assert.Equal(["hmi-probation"], decision.Workstream.Supporting);
        Assert.Null(decision.MergeInto);
    }

    [Fact]
    public void An_accepted_workstream_draws_the_assessed_days_of_the_inspectorates_taking_part_only()
    {
        var workstream = DecisionRules.Check(new DecisionRequest(0, "accept", "Because.", Workstream), "suggestion", Choices).Decision!.Workstream!;

        var drawn = workstream.DrawnDays(new Dictionary<string, int> { ["hmi-prisons"] = 40, ["hmi-probation"] = 0, ["hmcpsi"] = 25, ["hmicfrs"] = 10 });

        Assert.Equal(new Dictionary<string, int> { ["hmi-prisons"] = 40 }, drawn);
    }

    [Theory]
    [InlineData("suggestion", "noted")]
    [InlineData("suggestion", "programme-changed")]
    [InlineData("response", "accept")]
    [InlineData("response", "decline")]
    [InlineData("suggestion", "approve")]
    [InlineData("suggestion", null)]
    public void An_outcome_that_does_not_fit_the_submission_is_refused(string kind, string? outcome)
    {
        var (decision, errors) = DecisionRules.Check(new DecisionRequest(0, outcome, "Why."), kind, Choices);

        Assert.Null(decision);
        Assert.StartsWith($"Select a decision for this {kind}", errors["outcome"], StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_names_a_workstream_of_the_programme_and_defer_a_time()
    {
        Assert.Equal(7, DecisionRules.Check(new DecisionRequest(2, "merge", "Why.", MergeInto: "mental-health"), "suggestion", Choices).Decision!.MergeInto);
        Assert.Contains("There is no workstream 'nope'", DecisionRules.Check(new DecisionRequest(0, "merge", "Why.", MergeInto: "nope"), "suggestion", Choices).Errors["mergeInto"], StringComparison.Ordinal);
        Assert.Equal("next-programme", DecisionRules.Check(new DecisionRequest(0, "defer", "Why.", DeferTo: "next-programme"), "suggestion", Choices).Decision!.DeferTo);
        Assert.True(DecisionRules.Check(new DecisionRequest(0, "defer", "Why."), "suggestion", Choices).Errors.ContainsKey("deferTo"));
    }

    [Theory]
    [InlineData(null, "Give the reasons for the decision")]
    [InlineData("   ", "Give the reasons for the decision")]
    public void A_decision_needs_its_reasons(string? rationale, string message)
    {
        var errors = DecisionRules.Check(new DecisionRequest(0, "decline", rationale), "suggestion", Choices).Errors;

        Assert.StartsWith(message, errors["rationale"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reasons_over_the_limit_and_a_missing_or_negative_version_are_refused()
    {
        var errors = DecisionRules.Check(new DecisionRequest(null, "decline", new string('x', DecisionRules.MaxRationale + 1)), "suggestion", Choices).Errors;

        Assert.Contains("5,000 characters or fewer", errors["rationale"], StringComparison.Ordinal);
        Assert.True(errors.ContainsKey("version"));
        Assert.True(DecisionRules.Check(new DecisionRequest(-1, "decline", "Why."), "suggestion", Choices).Errors.ContainsKey("version"));
    }

    [Fact]
    public void Each_missing_or_unknown_part_of_a_proposed_workstream_is_named()
    {
        var bad = new ProposedWorkstream(" ", null, "estyn", ["ofsted"], ["hmcpsi"], [], "2023-24", "review");

        var errors = DecisionRules.Check(new DecisionRequest(0, "accept", "Why.", bad), "suggestion", Choices).Errors;

        Assert.Equal(
            ["workstream.areasOfFocus", "workstream.kind", "workstream.lead", "workstream.partners", "workstream.programmeYear", "workstream.summary", "workstream.supporting", "workstream.title"],
            errors.Keys.Order());
        Assert.Contains("'estyn' is not a criminal justice inspectorate", errors["workstream.lead"], StringComparison.Ordinal);
        Assert.Contains("'ofsted' is not a criminal justice inspectorate", errors["workstream.supporting"], StringComparison.Ordinal);
        Assert.Contains("'hmcpsi' is not a partner body", errors["workstream.partners"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Girls in youth custody", "JI-000123", "girls-in-youth-custody-ji-000123")]
    [InlineData("  Drugs & alcohol: who helps?  ", "JI-000007", "drugs-alcohol-who-helps-ji-000007")]
    [InlineData("Ôù?", "JI-000001", "ji-000001")]
    public void A_proposed_workstream_address_is_its_title_and_reference(string title, string reference, string slug) =>
        Assert.Equal(slug, DecisionStore.Slug(title, reference));

    [Fact]
    public void A_long_title_is_cut_at_a_word_boundary_in_the_address()
    {
        var slug = DecisionStore.Slug(string.Join(' ', Enumerable.Repeat("custody", 20)), "JI-000002");

        Assert.EndsWith("-ji-000002", slug, StringComparison.Ordinal);
        Assert.DoesNotContain("--", slug, StringComparison.Ordinal);
        Assert.True(slug.Length <= 60 + "-ji-000002".Length);
    }

    [Theory]
    [InlineData("accept", "accepted")]
    [InlineData("merge", "merged")]
    [InlineData("defer", "deferred")]
    [InlineData("decline", "declined")]
    [InlineData("noted", "noted")]
    [InlineData("programme-changed", "programme-changed")]
    public void Each_outcome_moves_the_submission_to_its_status(string outcome, string status) =>
        Assert.Equal(status, DecisionOutcome.Status(outcome));

    [Fact]
    public void The_plain_words_name_the_workstream_an_acceptance_created()
    {
        var decision = new DecisionRecord(1, "accept", "Why.", "remand-ji-000001", "Remand in custody", null, null, "x", DateTimeOffset.UnixEpoch);

        Assert.Equal("Accepted. It is now a proposed workstream in the draft programme: “Remand in custody”.", DecisionEmails.InPlainWords(decision));
    }
}
