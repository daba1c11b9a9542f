using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Tests.Triage;

/// <summary>
/// The capacity figures on every page agree with one another for provisional, committed and scenario days: the overview's
/// capacity table, the assessment and decision pages' table and a "what if" scenario, on one portal holding a proposal
/// awaiting agreement and one that is final. Seeded 2021–22: HMI Prisons 500 available and 270 committed, HMI Probation
/// 600 and 390, HMCPSI 250 and 120, HMICFRS 900 and 300.
/// </summary>
public sealed class CapacityFiguresTests : IDisposable
{
    private static readonly string[] CriminalJustice = ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"];

    private readonly PortalWithDevIdentity portal = new();

    [Fact]
    public async Task The_overview_the_assessment_and_decision_pages_and_a_scenario_show_the_same_committed_and_provisional_days()
    {
        // Joint: HMI Prisons leads, HMI Probation supports and has not agreed yet, so 50 and 20 days are provisional.
        var joint = TriageSteps.Suggestion(portal, "Segregation units", "hmi-prisons", "hmi-prisons", "hmi-probation");
        await TriageSteps.AssessAsync(portal, joint, "2021-22", new() { ["hmi-prisons"] = 50, ["hmi-probation"] = 20 });
        Assert.Equal(Agreement.Awaiting, (await TriageSteps.AcceptAsync(portal, joint, "Segregation units", "2021-22", "hmi-prisons", ["hmi-probation"])).Agreement);
        // HMI Prisons alone: final at once, so its 30 days are committed.
        var single = TriageSteps.Suggestion(portal, "Prison libraries", "hmi-prisons", "hmi-prisons");
        await TriageSteps.AssessAsync(portal, single, "2021-22", new() { ["hmi-prisons"] = 30 });
        Assert.Null((await TriageSteps.AcceptAsync(portal, single, "Prison libraries", "2021-22", "hmi-prisons", [])).Agreement);
        // Assessed and undecided, naming HMI Prisons (its lead) and HMI Probation: its HMCPSI days would not be drawn.
        var pending = SubmissionReference.Format(TriageSteps.Suggestion(portal, "Prison workshops", "hmi-prisons", "hmi-prisons", "hmi-probation"));
        Assert.True(SubmissionReference.TryParse(pending, out var pendingId));
        await TriageSteps.AssessAsync(portal, pendingId, "2021-22", new() { ["hmi-prisons"] = 40, ["hmi-probation"] = 10, ["hmcpsi"] = 5 });
        using var chief = await portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage/overview");

        var pages = await PagesAsync(chief, pending);

        Assert.Equal(new CapacityRow("500", "300", "50", "150"), CapacityTables.Overview(pages.Overview, "2021-22", "hmi-prisons"));
        Assert.Equal(new CapacityRow("600", "390", "20", "190"), CapacityTables.Overview(pages.Overview, "2021-22", "hmi-probation"));
        Assert.Equal((new CapacityRow("500", "300", "50", "110"), "40"), CapacityTables.Weighing(pages.Decide, "hmi-prisons"));
        Assert.Equal(new ScenarioRow("500", "300", "50", "0", "+40", "110", null), CapacityTables.Scenario(pages.Scenario, "2021-22", "hmi-prisons"));
        Assert.Equal(new ScenarioRow("600", "390", "20", "0", "+10", "180", null), CapacityTables.Scenario(pages.Scenario, "2021-22", "hmi-probation"));
        AssertAgree(pages);

        // Once HMI Probation agrees, the joint proposal's days are committed on every page alike.
        await Agreements.AgreeAllAsync(portal, joint);

        var agreed = await PagesAsync(chief, pending);

        Assert.Equal(new CapacityRow("500", "350", "0", "150"), CapacityTables.Overview(agreed.Overview, "2021-22", "hmi-prisons"));
        Assert.Equal(new CapacityRow("600", "410", "0", "190"), CapacityTables.Overview(agreed.Overview, "2021-22", "hmi-probation"));
        AssertAgree(agreed);
    }

    public void Dispose() => portal.Dispose();

    private static async Task<(string Overview, string Assess, string Decide, string Scenario)> PagesAsync(TestBrowser browser, string reference) => (
        (await browser.GetAsync("/triage/overview")).Html,
        (await browser.GetAsync($"/triage/{reference}/assess")).Html,
        (await browser.GetAsync($"/triage/{reference}/decide")).Html,
        (await browser.GetAsync($"/triage/overview?accept={reference}")).Html);

    /// <summary>
    /// For each criminal justice inspectorate: available, committed and provisional days the same on all four pages; left
    /// on the overview less the suggestion's days is what the decision page and the scenario say accepting it would leave.
    /// </summary>
    private static void AssertAgree((string Overview, string Assess, string Decide, string Scenario) pages)
    {
        foreach (var code in CriminalJustice)
        {
            var overview = CapacityTables.Overview(pages.Overview, "2021-22", code);
            var (assess, _) = CapacityTables.Weighing(pages.Assess, code);
            var (decide, requested) = CapacityTables.Weighing(pages.Decide, code);
            var scenario = CapacityTables.Scenario(pages.Scenario, "2021-22", code);
            var now = (overview.Available, overview.Committed, overview.Provisional);
            Assert.Equal(now, (assess.Available, assess.Committed, assess.Provisional));
            Assert.Equal(now, (decide.Available, decide.Committed, decide.Provisional));
            Assert.Equal(now, (scenario.Available, scenario.Committed, scenario.Provisional));
            var left = CapacityTables.Number(overview.Left) - CapacityTables.Number(requested);
            Assert.Equal(left, CapacityTables.Number(decide.Left.Split(' ')[0]));
            Assert.Equal(left, CapacityTables.Number(scenario.Left));
            Assert.Equal(CapacityTables.Number(requested), CapacityTables.Number(scenario.CommittedChange) + CapacityTables.Number(scenario.ProvisionalChange));
        }
    }
}
