using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;

namespace JointInspection.Tests.Programme;

/// <summary>The one set of workstream rules, which the decision's proposed workstream and the secretariat's editing both meet.</summary>
public sealed class WorkstreamRulesTests
{
    private static readonly WorkstreamChoices Choices = new(
        new ProgrammeRound(1, 2027, "Joint inspection programme", null, null, null),
        ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"],
        ["cqc", "ofsted", "estyn"],
        ["community-safety", "custodial-conditions"],
        ["equality-diversity", "value-for-money"]);

    private static readonly WorkstreamInput Valid = new(
        " Remand in custody ", " What remand is like. ", WorkstreamSection.New, "review", "hmi-prisons", ["hmi-prisons", "hmi-probation", "hmi-probation"], ["cqc"],
        ["custodial-conditions"], ["value-for-money"], WorkstreamRules.Throughout, " Spring ", "planned");

    private static (CheckedWorkstream? Workstream, Dictionary<string, string> Errors) Check(WorkstreamInput input, bool proposal = false) =>
        WorkstreamRules.Check(input, Choices, WorkstreamWording.Programme, proposal);

    [Fact]
    public void A_valid_workstream_is_trimmed_runs_throughout_the_round_and_does_not_count_its_lead_again()
    {
        var (workstream, errors) = Check(Valid);

        Assert.Empty(errors);
        Assert.Equal("Remand in custody", workstream!.Title);
        Assert.Equal("What remand is like.", workstream.Summary);
        Assert.Equal(["hmi-probation"], workstream.Supporting);
        Assert.Null(workstream.ProgrammeYear);
        Assert.Equal("Spring", workstream.ExpectedPublication);
        Assert.Equal(["value-for-money"], workstream.CrossCuttingIssues);
    }

    [Fact]
    public void A_programme_year_is_one_of_the_rounds()
    {
        Assert.Equal("2028-29", Check(Valid with { ProgrammeYear = "2028-29" }).Workstream!.ProgrammeYear);

        var errors = Check(Valid with { ProgrammeYear = "2029-30" }).Errors;

        Assert.Equal("Select the programme year: 2027–28, 2028–29 or throughout the round", errors["programmeYear"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_workstream_with_no_lead_is_refused_with_what_to_fix(string? lead)
    {
        var (workstream, errors) = Check(Valid with { Lead = lead });

        Assert.Null(workstream);
        Assert.Equal(["lead"], errors.Keys);
        Assert.Equal("Select the inspectorate that leads it", errors["lead"]);
    }

    [Fact]
    public void Each_unknown_code_is_named_with_the_codes_to_use()
    {
        var errors = Check(Valid with
        {
            Lead = "cqc",
            Supporting = ["ofsted"],
            Partners = ["hmcpsi"],
            AreasOfFocus = ["nope"],
            CrossCuttingIssues = ["kindness"],
        }).Errors;

        Assert.Equal(["areasOfFocus", "crossCuttingIssues", "lead", "partners", "supporting"], errors.Keys.Order());
        Assert.StartsWith("'cqc' is not a criminal justice inspectorate: the lead must be one of hmicfrs, hmcpsi", errors["lead"], StringComparison.Ordinal);
        Assert.StartsWith("'ofsted' is not a criminal justice inspectorate", errors["supporting"], StringComparison.Ordinal);
        Assert.StartsWith("'hmcpsi' is not a partner body", errors["partners"], StringComparison.Ordinal);
        Assert.StartsWith("'nope' is not a area of focus", errors["areasOfFocus"], StringComparison.Ordinal);
        Assert.Equal("'kindness' is not a cross-cutting issue: use one of equality-diversity, value-for-money", errors["crossCuttingIssues"]);
    }

    [Fact]
    public void Texts_over_their_limits_are_refused()
    {
        var errors = Check(Valid with
        {
            Title = new string('t', WorkstreamRules.MaxTitle + 1),
            Summary = new string('s', WorkstreamRules.MaxSummary + 1),
            ExpectedPublication = new string('p', WorkstreamRules.MaxExpectedPublication + 1),
        }).Errors;

        Assert.Equal("The title must be 150 characters or fewer", errors["title"]);
        Assert.Equal("The summary must be 3,000 characters or fewer", errors["summary"]);
        Assert.Equal("The expected publication must be 200 characters or fewer", errors["expectedPublication"]);
        Assert.Empty(Check(Valid with { Title = new string('t', WorkstreamRules.MaxTitle) }).Errors);
    }

    [Fact]
    public void Everything_missing_is_named_at_once_in_the_order_of_the_form()
    {
        var errors = Check(new WorkstreamInput()).Errors;

        Assert.Equal(["title", "summary", "section", "lead", "areasOfFocus", "programmeYear", "kind", "status"], errors.Keys);
        Assert.Equal("Enter a title for the workstream", errors["title"]);
        Assert.Equal("Select at least one area of focus", errors["areasOfFocus"]);
    }

    [Fact]
    public void Only_a_decision_makes_a_proposed_workstream()
    {
        var errors = Check(Valid with { Section = WorkstreamSection.Proposed }).Errors;

        Assert.StartsWith("Only accepting a suggestion makes a proposed workstream", errors["section"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_proposed_workstream_stays_proposed_and_keeps_the_decisions_year_and_kinds()
    {
        var proposal = Valid with { Section = WorkstreamSection.New, ProgrammeYear = "2027-28", Kind = "scoping-study" };
        Assert.Equal(WorkstreamSection.Proposed, Check(proposal, proposal: true).Workstream!.Section);

        var errors = Check(proposal with { ProgrammeYear = WorkstreamRules.Throughout, Kind = "rolling-programme" }, proposal: true).Errors;

        Assert.Equal("Select the programme year: 2027–28 or 2028–29", errors["programmeYear"]);
        Assert.Equal("Select the kind of work", errors["kind"]);
    }

    [Fact]
    public void A_decision_words_what_is_missing_for_a_workstream_that_would_be()
    {
        var errors = WorkstreamRules.Check(new WorkstreamInput(Status: "proposed"), Choices, WorkstreamWording.Proposed, proposal: true).Errors;

        Assert.Equal("Select the inspectorate that would lead the proposed workstream", errors["lead"]);
        Assert.Equal("Select whether it is a full inspection or a scoping study", errors["kind"]);
        Assert.Equal("Enter a summary of what the proposed workstream would look at", errors["summary"]);
    }

    [Fact]
    public void A_status_outside_the_schemas_is_refused() =>
        Assert.Equal("Select the workstream's status", Check(Valid with { Status = "cancelled" }).Errors["status"]);
}
