using JointInspection.Web.Features.Programme;

namespace JointInspection.Tests.Programme;

public sealed class CollaborationRuleTests
{
    [Theory]
    [InlineData(0, Collaboration.OneInspectorate)]
    [InlineData(1, Collaboration.OneInspectorate)]
    [InlineData(2, Collaboration.Bilateral)]
    [InlineData(3, Collaboration.Joint)]
    [InlineData(4, Collaboration.Joint)]
    public void Joint_or_bilateral_follows_from_the_criminal_justice_inspectorates_taking_part(int count, Collaboration expected) =>
        Assert.Equal(expected, CollaborationRule.For(count));

    [Fact]
    public void Partner_bodies_do_not_make_work_joint()
    {
        Inspectorate Body(string code, string kind) => new(code, code, code, kind);
        var workstream = new Workstream(
            1, new Web.Features.Rounds.ProgrammeRound(1, 2027, "Joint inspection programme", null, null, null), "girls", "Girls", "…", WorkstreamSection.New, "inspection", "planned", null, null,
            [
                new Participant(Body("hmi-prisons", "criminal-justice"), IsLead: true, null),
                new Participant(Body("hmi-probation", "criminal-justice"), IsLead: false, null),
                new Participant(Body("cqc", "partner"), IsLead: false, null),
                new Participant(Body("ofsted", "partner"), IsLead: false, null),
            ],
            [],
            []);

        Assert.Equal(Collaboration.Bilateral, workstream.Collaboration);
        Assert.Equal(["hmi-probation"], workstream.SupportingInspectorates.Select(p => p.Inspectorate.Code));
        Assert.Equal(["cqc", "ofsted"], workstream.PartnerBodies.Select(p => p.Inspectorate.Code));
    }
}
