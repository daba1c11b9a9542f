using System.Net.Http.Json;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;

namespace JointInspection.Tests.Programme;

/// <summary>The 2021–23 plan as served by the API, checked against what the plan's text states.</summary>
public sealed class SeededProgrammeTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>slug, section, lead, supporting criminal justice inspectorates, partner bodies ("code/nation").</summary>
    public static TheoryData<string, string, string?, string, string> Plan => new()
    {
        { "police-and-border-custody", "core-continuing", "hmi-prisons", "hmicfrs", "cqc" },
        { "prison-rehabilitation-and-release", "core-continuing", "hmi-prisons", "hmi-probation", "" },
        { "youth-inspection-programme", "core-continuing", "hmi-probation", "hmicfrs", "cqc/England hiw/Wales ciw/Wales estyn/Wales" },
        { "rape", "thematic-continuing", "hmicfrs", "hmcpsi", "" },
        { "neurodiversity-evidence-review", "thematic-continuing", "hmi-prisons", "hmicfrs hmi-probation", "" },
        { "drugs-misuse-on-probation", "thematic-continuing", "hmi-probation", "", "cqc hiw" },
        { "mental-health", "new", "hmi-probation", "hmicfrs hmcpsi hmi-prisons", "cqc/England hiw/Wales" },
        { "racial-disproportionality", "new", "hmicfrs", "hmcpsi hmi-probation hmi-prisons", "" },
        { "covid-19-recovery", "new", null, "hmicfrs hmcpsi hmi-probation hmi-prisons", "" },
        { "multi-agency-public-protection", "new", "hmi-probation", "hmicfrs hmi-prisons", "" },
        { "extremism-radicalisation-tact", "new", "hmi-probation", "hmicfrs hmi-prisons", "" },
        { "meeting-the-needs-of-victims", "new", "hmicfrs", "hmcpsi hmi-probation", "" },
        { "youth-violence", "new", "hmicfrs", "hmi-probation", "cqc ofsted" },
        { "case-file-quality", "new", "hmcpsi", "hmicfrs", "" },
        { "offender-management-in-custody", "new", "hmi-probation", "hmi-prisons", "" },
        { "girls-in-custody", "new", "hmi-prisons", "hmi-probation", "cqc ofsted" },
    };

    private async Task<ProgrammeDocument> ProgrammeAsync() =>
        (await portal.CreateClient().GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!;

    [Theory]
    [MemberData(nameof(Plan))]
    public async Task Each_workstream_has_the_lead_and_supporting_bodies_the_plan_states(
        string slug, string section, string? lead, string supporting, string partners)
    {
        var workstream = (await portal.CreateClient().GetFromJsonAsync<WorkstreamDocument>($"/api/v1/workstreams/{slug}"))!;

        Assert.Equal(section, workstream.Section);
        Assert.Equal(lead, workstream.Lead?.Code);
        Assert.Equal(Words(supporting), workstream.SupportingInspectorates.Select(p => p.Code).Order());
        Assert.Equal(Words(partners), workstream.PartnerBodies.Select(p => p.Nation is null ? p.Code : $"{p.Code}/{p.Nation}").Order());
    }

    [Fact]
    public async Task The_programme_has_sixteen_workstreams_grouped_as_the_plan_groups_them()
    {
        var programme = await ProgrammeAsync();

        Assert.Equal(Plan.Select(row => (string)row[0]).Order(), programme.Workstreams.Select(w => w.Id).Order());
        Assert.Equal(3, programme.Workstreams.Count(w => w.Section == WorkstreamSection.CoreContinuing));
        Assert.Equal(3, programme.Workstreams.Count(w => w.Section == WorkstreamSection.ThematicContinuing));
        var newWork = programme.Workstreams.Where(w => w.Section == WorkstreamSection.New).ToList();
        Assert.Equal(6, newWork.Count(w => w.Collaboration == "joint"));
        Assert.Equal(4, newWork.Count(w => w.Collaboration == "bilateral"));
    }

    [Fact]
    public async Task Bodies_people_areas_issues_and_principles_are_the_plans()
    {
        var programme = await ProgrammeAsync();

        Assert.Equal(
            ["hmicfrs", "hmcpsi", "hmi-probation", "hmi-prisons"],
            programme.Inspectorates.Where(i => i.Kind == "criminal-justice").Select(i => i.Code));
        Assert.Equal(
            ["cqc", "ofsted", "hiw", "ciw", "estyn"],
            programme.Inspectorates.Where(i => i.Kind == "partner").Select(i => i.Code));
        // The plan spells HMCPSI three ways; there is one body.
        Assert.DoesNotContain(programme.Inspectorates, i => i.ShortName is "HMCPIS" or "HMCPSP");

        Assert.Equal(4, programme.ChiefInspectors.Count);
        var chair = Assert.Single(programme.ChiefInspectors, c => c.IsChair);
        Assert.Equal(("Justin Russell", "hmi-probation"), (chair.Name, chair.InspectorateCode));
        Assert.Equal(
            ["Andrew Cayley", "Charlie Taylor", "Justin Russell", "Sir Thomas Winsor"],
            programme.ChiefInspectors.Select(c => c.Name).Order());

        Assert.Equal(
            ["community-safety", "bringing-offenders-to-justice", "management-under-supervision", "custodial-conditions"],
            programme.AreasOfFocus.Select(a => a.Code));
        Assert.Equal(
            ["victim-witness-experience", "equality-diversity", "value-for-money"],
            programme.CrossCuttingIssues.Select(i => i.Code));
        Assert.Equal(Enumerable.Range(1, 10), programme.Principles.Select(p => p.Number));
        Assert.Equal("Proportionate to risk", programme.Principles[3].Title);
    }

    [Fact]
    public async Task Every_workstream_has_a_summary_and_at_least_one_area_of_focus()
    {
        var programme = await ProgrammeAsync();

        Assert.All(programme.Workstreams, w =>
        {
            Assert.False(string.IsNullOrWhiteSpace(w.Summary));
            Assert.NotEmpty(w.AreasOfFocus);
        });
    }

    private static IEnumerable<string> Words(string list) =>
        list.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order();
}
