using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Overview;

namespace JointInspection.Tests.Triage;

/// <summary>The "what if" arithmetic on its own: what accepting suggestions and moving workstreams would leave, and what it says.</summary>
public sealed class CapacityScenarioTests
{
    private const string First = "2027-28";
    private const string Second = "2028-29";

    // Prisons has 100 left in the first year and 200 in the second; probation 50 and 10; prosecution 20 and 100.
    private static readonly IReadOnlyList<ProgrammeYearCapacity> Capacity =
    [
        new(First, [new("hmi-prisons", "HMI Prisons", 500, 400, 0), new("hmi-probation", "HMI Probation", 300, 250, 0), new("hmcpsi", "HMCPSI", 100, 80, 0)]),
        new(Second, [new("hmi-prisons", "HMI Prisons", 500, 300, 0), new("hmi-probation", "HMI Probation", 300, 290, 0), new("hmcpsi", "HMCPSI", 100, 0, 0)]),
    ];

    [Fact]
    public void Accepting_a_suggestion_within_capacity_takes_its_days_in_its_year_only_and_everyone_stays_within()
    {
        var scenario = CapacityScenario.Of(Capacity, [Suggestion(1, First, new() { ["hmi-prisons"] = 60 }, "hmi-prisons")], []);

        Assert.Equal((500, 400, 60, 40, false), Line(scenario, First, "hmi-prisons"));
        Assert.Equal((500, 300, 0, 200, false), Line(scenario, Second, "hmi-prisons"));
        Assert.Empty(scenario.Warnings);
        Assert.Equal("Everyone stays within capacity after accepting JI-000001", scenario.NoneTakenOver);
    }

    [Fact]
    public void Several_suggestions_drawing_from_the_same_inspectorate_add_up_and_the_one_going_over_is_named()
    {
        var scenario = CapacityScenario.Of(
            Capacity,
            [
                Suggestion(1, First, new() { ["hmi-prisons"] = 70 }, "hmi-prisons"),
                Suggestion(2, First, new() { ["hmi-prisons"] = 50, ["hmi-probation"] = 10 }, "hmi-prisons", "hmi-probation"),
                Suggestion(3, First, new() { ["hmi-prisons"] = 20 }, "hmi-prisons"),
            ],
            []);

        Assert.Equal((500, 400, 140, -40, true), Line(scenario, First, "hmi-prisons"));
        Assert.Equal(40, scenario.Years[0].Lines.Single(l => l.Code == "hmi-prisons").OverBy);
        Assert.Equal((300, 250, 10, 40, false), Line(scenario, First, "hmi-probation"));
        Assert.Equal(
            ["Accepting these 3 would take HMI Prisons over its 2027–28 capacity by 40 inspector-days"],
            scenario.Warnings);
    }

    [Fact]
    public void Going_exactly_to_capacity_is_not_over()
    {
        var scenario = CapacityScenario.Of(Capacity, [Suggestion(1, First, new() { ["hmi-prisons"] = 100 }, "hmi-prisons")], []);

        Assert.Equal((500, 400, 100, 0, false), Line(scenario, First, "hmi-prisons"));
        Assert.Empty(scenario.Over);
    }

    [Fact]
    public void A_suggestion_draws_only_the_days_of_the_inspectorates_it_names_as_taking_part()
    {
        var named = Suggestion(1, Second, new() { ["hmi-prisons"] = 30, ["hmi-probation"] = 50, ["hmcpsi"] = 5 }, "hmi-prisons", "hmcpsi");

        var scenario = CapacityScenario.Of(Capacity, [named], []);

        Assert.Equal(85, named.TotalDays);
        Assert.Equal(new Dictionary<string, int> { ["hmi-prisons"] = 30, ["hmcpsi"] = 5 }, named.Drawn);
        Assert.Equal((300, 290, 0, 10, false), Line(scenario, Second, "hmi-probation"));
        Assert.Equal((500, 300, 30, 170, false), Line(scenario, Second, "hmi-prisons"));
        Assert.Equal((100, 0, 5, 95, false), Line(scenario, Second, "hmcpsi"));
    }

    [Fact]
    public void A_suggestion_naming_a_lead_alone_draws_the_leads_days_and_one_naming_no_one_draws_all_its_days()
    {
        var leadOnly = new PendingSuggestion(1, "Lead only", 3, 3, Second, "hmi-probation", [], new Dictionary<string, int> { ["hmi-probation"] = 20, ["hmi-prisons"] = 40 });
        var noOne = Suggestion(2, Second, new() { ["hmi-probation"] = 20, ["hmi-prisons"] = 40, ["hmcpsi"] = 0 });

        Assert.Equal(new Dictionary<string, int> { ["hmi-probation"] = 20 }, leadOnly.Drawn);
        Assert.Equal(new Dictionary<string, int> { ["hmi-probation"] = 20, ["hmi-prisons"] = 40 }, noOne.Drawn);

        var scenario = CapacityScenario.Of(Capacity, [noOne], []);
        Assert.Equal((300, 290, 20, -10, true), Line(scenario, Second, "hmi-probation"));
        Assert.Equal((500, 300, 40, 160, false), Line(scenario, Second, "hmi-prisons"));
    }

    [Fact]
    public void Moving_a_workstream_takes_its_days_out_of_its_year_and_into_the_other()
    {
        var workstream = new MovableWorkstream("girls-in-custody", "Girls in custody", false, First, Second, new Dictionary<string, int> { ["hmi-prisons"] = 60, ["hmi-probation"] = 30 });

        var scenario = CapacityScenario.Of(Capacity, [], [workstream]);

        Assert.Equal((500, 400, -60, 160, false), Line(scenario, First, "hmi-prisons"));
        Assert.Equal((300, 250, -30, 80, false), Line(scenario, First, "hmi-probation"));
        Assert.Equal((500, 300, 60, 140, false), Line(scenario, Second, "hmi-prisons"));
        Assert.Equal((300, 290, 30, -20, true), Line(scenario, Second, "hmi-probation"));
        Assert.Equal(["Moving 1 workstream would take HMI Probation over its 2028–29 capacity by 20 inspector-days"], scenario.Warnings);
    }

    [Fact]
    public void Moving_work_out_of_a_year_can_make_room_for_a_suggestion_accepted_in_it()
    {
        var suggestion = Suggestion(7, First, new() { ["hmi-prisons"] = 150 }, "hmi-prisons");
        var workstream = new MovableWorkstream("remand", "Remand", true, First, Second, new Dictionary<string, int> { ["hmi-prisons"] = 60 });

        var without = CapacityScenario.Of(Capacity, [suggestion], []);
        var with = CapacityScenario.Of(Capacity, [suggestion], [workstream]);

        Assert.Equal((500, 400, 150, -50, true), Line(without, First, "hmi-prisons"));
        Assert.Equal((500, 400, 90, 10, false), Line(with, First, "hmi-prisons"));
        // Accepting a suggestion one inspectorate takes part in commits its days; so does moving work that needs no one else's agreement.
        Assert.Equal((90, 0), Changes(with, First, "hmi-prisons"));
        Assert.Equal((60, 0), Changes(with, Second, "hmi-prisons"));
        Assert.Equal("Everyone stays within capacity after accepting JI-000007 and moving 1 workstream", with.NoneTakenOver);
    }

    [Fact]
    public void An_inspectorate_already_over_is_said_to_be_left_over_by_a_scenario_that_adds_to_it_and_is_not_blamed_on_one_that_does_not()
    {
        // HMCPSI is 20 over in the first year, HMI Prisons 1 over in the second.
        IReadOnlyList<ProgrammeYearCapacity> capacity =
        [
            new(First, [new("hmi-prisons", "HMI Prisons", 500, 400, 0), new("hmcpsi", "HMCPSI", 100, 120, 0)]),
            new(Second, [new("hmi-prisons", "HMI Prisons", 500, 501, 0), new("hmcpsi", "HMCPSI", 100, 0, 0)]),
        ];

        var adding = CapacityScenario.Of(
            capacity,
            [Suggestion(1, First, new() { ["hmcpsi"] = 10 }, "hmcpsi"), Suggestion(2, Second, new() { ["hmcpsi"] = 1 }, "hmcpsi")],
            [new MovableWorkstream("a", "A", false, First, Second, new Dictionary<string, int> { ["hmi-prisons"] = 1 }), new MovableWorkstream("b", "B", false, First, Second, new Dictionary<string, int>())]);

        Assert.Equal((100, 120, 10, -30, true), Line(adding, First, "hmcpsi"));
        Assert.Equal((500, 501, 1, -2, true), Line(adding, Second, "hmi-prisons"));
        Assert.Equal(
            [
                "Accepting these 2 and moving 2 workstreams would leave HMCPSI over its 2027–28 capacity by 30 inspector-days: it is over by 20 inspector-days now",
                "Accepting these 2 and moving 2 workstreams would leave HMI Prisons over its 2028–29 capacity by 2 inspector-days: it is over by 1 inspector-day now",
            ],
            adding.Warnings);
        Assert.Empty(adding.AlreadyOver);

        var elsewhere = CapacityScenario.Of(capacity, [Suggestion(3, Second, new() { ["hmcpsi"] = 100 }, "hmcpsi")], []);

        Assert.Empty(elsewhere.Warnings);
        Assert.Equal(
            [
                "HMCPSI is already over its 2027–28 capacity by 20 inspector-days, and this scenario does not change that",
                "HMI Prisons is already over its 2028–29 capacity by 1 inspector-day, and this scenario does not change that",
            ],
            elsewhere.AlreadyOver);
        Assert.Equal("Accepting JI-000003 would take no one over capacity", elsewhere.NoneTakenOver);
    }

    [Fact]
    public void Provisional_days_are_not_free_to_give_and_left_is_worked_out_as_every_other_page_works_it_out()
    {
        // Prisons: 500 available, 300 committed, 150 held for a proposal awaiting agreement.
        IReadOnlyList<ProgrammeYearCapacity> capacity =
        [
            new(First, [new("hmi-prisons", "HMI Prisons", 500, 300, 0, Provisional: 150)]),
            new(Second, [new("hmi-prisons", "HMI Prisons", 500, 0, 0)]),
        ];

        var scenario = CapacityScenario.Of(capacity, [Suggestion(1, First, new() { ["hmi-prisons"] = 60 }, "hmi-prisons")], []);

        var line = scenario.Years[0].Lines.Single();
        Assert.Equal((300, 150), (line.Committed, line.Provisional));
        Assert.Equal(50, line.LeftNow);
        Assert.Equal(capacity[0].Inspectorates[0].Left, line.LeftNow);
        Assert.Equal(-10, line.Left);
        // The same rule the assessment and decision pages' capacity table use, with the scenario's days as the request.
        Assert.Equal(new CapacityLine("hmi-prisons", 500, 300, 60, 150).Left, line.Left);
        Assert.Equal(["Accepting JI-000001 would take HMI Prisons over its 2027–28 capacity by 10 inspector-days"], scenario.Warnings);
    }

    [Fact]
    public void Accepting_a_suggestion_more_than_one_inspectorate_takes_part_in_holds_its_days_provisionally_and_one_with_one_commits_them()
    {
        var joint = Suggestion(1, First, new() { ["hmi-prisons"] = 40, ["hmi-probation"] = 10 }, "hmi-prisons", "hmi-probation");
        var single = Suggestion(2, First, new() { ["hmi-prisons"] = 20, ["hmi-probation"] = 5 }, "hmi-prisons");
        var namingNoOne = Suggestion(3, Second, new() { ["hmi-prisons"] = 7, ["hmcpsi"] = 3 });
        var namingNoOneDrawingFromOne = Suggestion(4, Second, new() { ["hmcpsi"] = 9, ["hmi-prisons"] = 0 });

        var scenario = CapacityScenario.Of(Capacity, [joint, single, namingNoOne, namingNoOneDrawingFromOne], []);

        Assert.True(joint.NeedsAgreement);
        Assert.False(single.NeedsAgreement);
        Assert.True(namingNoOne.NeedsAgreement);
        Assert.False(namingNoOneDrawingFromOne.NeedsAgreement);
        Assert.Equal((20, 40), Changes(scenario, First, "hmi-prisons"));
        Assert.Equal((0, 10), Changes(scenario, First, "hmi-probation"));
        Assert.Equal((0, 7), Changes(scenario, Second, "hmi-prisons"));
        Assert.Equal((9, 3), Changes(scenario, Second, "hmcpsi"));
        Assert.Equal((500, 400, 60, 40, false), Line(scenario, First, "hmi-prisons"));
    }

    [Fact]
    public void Moving_a_joint_proposal_holds_its_days_provisionally_in_the_new_year_taking_them_from_where_they_are_held_now()
    {
        IReadOnlyList<ProgrammeYearCapacity> capacity =
        [
            new(First, [new("hmi-prisons", "HMI Prisons", 500, 400, 0, Provisional: 30), new("hmi-probation", "HMI Probation", 300, 250, 0)]),
            new(Second, [new("hmi-prisons", "HMI Prisons", 500, 300, 0), new("hmi-probation", "HMI Probation", 300, 290, 0)]),
        ];
        var awaiting = Proposal("awaiting", Agreement.Awaiting, new() { ["hmi-prisons"] = 30 });
        var agreed = Proposal("agreed", Agreement.Agreed, new() { ["hmi-prisons"] = 50, ["hmi-probation"] = 5 });
        var single = Proposal("single", null, new() { ["hmi-prisons"] = 11 });

        Assert.Equal([(0, -30), (0, 30)], Both(CapacityScenario.Of(capacity, [], [awaiting]), "hmi-prisons"));
        Assert.Equal([(-50, 0), (0, 50)], Both(CapacityScenario.Of(capacity, [], [agreed]), "hmi-prisons"));
        Assert.Equal([(-11, 0), (11, 0)], Both(CapacityScenario.Of(capacity, [], [single]), "hmi-prisons"));

        var all = CapacityScenario.Of(capacity, [], [awaiting, agreed, single]);
        Assert.Equal([(-61, -30), (11, 80)], Both(all, "hmi-prisons"));
        // 500 − 400 − 30 + 91 in the first year; 500 − 300 − 91 in the second.
        Assert.Equal((500, 400, -91, 161, false), Line(all, First, "hmi-prisons"));
        Assert.Equal((500, 300, 91, 109, false), Line(all, Second, "hmi-prisons"));
        Assert.True(agreed.NeedsAgreement);
        Assert.False(agreed.IsProvisional);
        Assert.True(awaiting.IsProvisional);
        Assert.False(single.NeedsAgreement);

        static MovableWorkstream Proposal(string slug, string? agreement, Dictionary<string, int> days) =>
            new(slug, slug, true, First, Second, days, 1, agreement, "hmi-prisons", ["hmi-prisons", "hmi-probation"]);

        static List<(int Committed, int Provisional)> Both(CapacityScenario scenario, string code) =>
            [Changes(scenario, First, code), Changes(scenario, Second, code)];
    }

    [Fact]
    public void The_query_is_matched_to_the_rounds_choices_and_whatever_it_does_not_offer_is_named_back()
    {
        var choices = new ScenarioChoices(
            [Suggestion(123, First, new() { ["hmcpsi"] = 1 }), Suggestion(124, Second, new() { ["hmcpsi"] = 1 })],
            2,
            [new MovableWorkstream("rape", "Rape", false, First, Second, new Dictionary<string, int> { ["hmcpsi"] = 30 })]);

        var fine = CapacityScenario.Select(choices, ["JI-000124", " ji-000123 ", "JI-000124", "", null], ["rape"]);
        Assert.Equal([124L, 123L], fine.Accepted.Select(s => s.Id));
        Assert.Equal(["rape"], fine.Moved.Select(w => w.Slug));
        Assert.False(fine.HasUnknown);
        Assert.Null(fine.SuggestionsError);

        var wrong = CapacityScenario.Select(choices, ["JI-000999", "JI-000123"], ["nope", "rape"]);
        Assert.Equal("JI-000999 is not an assessed suggestion of this round awaiting a decision: untick it", wrong.SuggestionsError);
        Assert.Equal("‘nope’ is not a workstream of this round with inspector-days in one programme year: untick it", wrong.WorkstreamsError);

        var several = CapacityScenario.Select(choices, ["JI-000999", "not-a-reference", "JI-000998"], []);
        Assert.Equal("JI-000999, not-a-reference and JI-000998 are not assessed suggestions of this round awaiting a decision: untick them", several.SuggestionsError);
        Assert.Null(several.WorkstreamsError);

        Assert.True(CapacityScenario.Select(choices, [], []).IsEmpty);
    }

    private static PendingSuggestion Suggestion(long id, string year, Dictionary<string, int> days, params string[] named) =>
        new(id, $"Suggestion {id}", 4, 4, year, named.FirstOrDefault(), named, days);

    private static (int Committed, int Provisional) Changes(CapacityScenario scenario, string year, string code)
    {
        var line = scenario.Years.Single(y => y.Year == year).Lines.Single(l => l.Code == code);
        return (line.CommittedChange, line.ProvisionalChange);
    }

    private static (int Available, int Committed, int Change, int Left, bool Over) Line(CapacityScenario scenario, string year, string code)
    {
        var line = scenario.Years.Single(y => y.Year == year).Lines.Single(l => l.Code == code);
        return (line.Available, line.Committed, line.Change, line.Left, line.IsOver);
    }
}
