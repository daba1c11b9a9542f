using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;

namespace JointInspection.Tests.Programme;

/// <summary>The plain words of a change to a published draft programme, as the public reads them, and the copies kept of each version.</summary>
public sealed class WorkstreamChangesTests
{
    private static readonly Web.Features.Programme.Programme Names = new(
        new ProgrammeRound(1, 2027, "Joint inspection programme", null, null, null),
        [
            new Inspectorate("hmicfrs", "HM Inspectorate of Constabulary and Fire & Rescue Services", "HMICFRS", "criminal-justice"),
            new Inspectorate("hmcpsi", "HM Crown Prosecution Service Inspectorate", "HMCPSI", "criminal-justice"),
            new Inspectorate("hmi-probation", "HM Inspectorate of Probation", "HMI Probation", "criminal-justice"),
            new Inspectorate("hmi-prisons", "HM Inspectorate of Prisons", "HMI Prisons", "criminal-justice"),
            new Inspectorate("cqc", "Care Quality Commission", "CQC", "partner"),
            new Inspectorate("ofsted", "Ofsted", "Ofsted", "partner"),
        ],
        [],
        [new AreaOfFocus("community-safety", "Community safety", ""), new AreaOfFocus("custodial-conditions", "Custodial conditions", "")],
        [new CrossCuttingIssue("value-for-money", "Value for money")],
        [],
        [],
        []);

    private static readonly WorkstreamCopy Before = new(
        7, "remand", "Remand in custody", "What remand is like.", WorkstreamSection.New, "inspection", "planned", "2027-28", "Spring",
        "hmi-probation", ["hmi-prisons"], ["cqc"], new Dictionary<string, string> { ["cqc"] = "England" },
        ["custodial-conditions"], [], 8, null, null);

    [Fact]
    public void Nothing_differing_says_nothing() =>
        Assert.Equal("", WorkstreamChanges.DescribeEdited(Before, Before with { SortOrder = 3 }, Names));

    [Fact]
    public void The_lead_and_the_programme_year_are_named_from_and_to()
    {
        var after = Before with { Lead = "hmi-prisons", Supporting = ["hmi-probation"], ProgrammeYear = "2028-29" };

        Assert.Equal(
            "Lead changed from HMI Probation to HMI Prisons; supporting inspectorates: HMI Probation added, HMI Prisons removed; programme year changed from 2027–28 to 2028–29.",
            WorkstreamChanges.DescribeEdited(Before, after, Names));
    }

    [Fact]
    public void Lists_say_what_was_added_and_removed_and_joint_or_bilateral_follows()
    {
        var after = Before with
        {
            Supporting = ["hmi-prisons", "hmicfrs"],
            Partners = ["ofsted"],
            AreasOfFocus = ["community-safety"],
            CrossCuttingIssues = ["value-for-money"],
        };

        Assert.Equal(
            "Supporting inspectorates: HMICFRS added; partner bodies: Ofsted added, CQC removed; now joint rather than bilateral; "
            + "areas of focus: Community safety added, Custodial conditions removed; cross-cutting issues: Value for money added.",
            WorkstreamChanges.DescribeEdited(Before, after, Names));
    }

    [Fact]
    public void Texts_sections_kinds_and_statuses_are_said_in_words()
    {
        var after = Before with
        {
            Title = "Remand",
            Summary = "Shorter.",
            Section = WorkstreamSection.ThematicContinuing,
            Kind = "review",
            Status = "fieldwork",
            ExpectedPublication = null,
            ProgrammeYear = null,
        };

        Assert.Equal(
            "Title changed from “Remand in custody” to “Remand”; summary changed; section changed from new work to continuing joint thematic inspections; "
            + "programme year changed from 2027–28 to throughout the round; kind of work changed from inspection to review; expected publication removed; "
            + "status changed from planned to fieldwork under way.",
            WorkstreamChanges.DescribeEdited(Before, after, Names));
    }

    [Fact]
    public void A_lead_set_for_the_first_time_and_a_publication_set_are_said_as_set()
    {
        var before = Before with { Lead = null, ExpectedPublication = null };

        Assert.Equal(
            "Lead set to HMI Probation; now bilateral rather than single-inspectorate; expected publication set to “Spring”.",
            WorkstreamChanges.DescribeEdited(before, Before, Names));
    }

    [Fact]
    public void Adding_withdrawing_and_moving_have_words_of_their_own()
    {
        Assert.Equal("Added to the programme as new work, led by HMI Probation, in 2027–28.", WorkstreamChanges.DescribeAdded(Before, Names));
        Assert.Equal("Added to the programme as core joint inspections, led by HMI Probation, throughout the round.",
            WorkstreamChanges.DescribeAdded(Before with { Section = WorkstreamSection.CoreContinuing, ProgrammeYear = null }, Names));
        Assert.Equal("Withdrawn from the programme.", WorkstreamChanges.DescribeWithdrawn());
        Assert.Equal("Moved up, now before “Rape”.", WorkstreamChanges.DescribeMoved(up: true, "Rape"));
        Assert.Equal("Moved down, now after “Rape”.", WorkstreamChanges.DescribeMoved(up: false, "Rape"));
    }

    [Fact]
    public void A_version_tells_copies_apart_by_their_content_not_their_place()
    {
        Assert.Equal(Before.Version(), (Before with { SortOrder = 1 }).Version());
        Assert.NotEqual(Before.Version(), (Before with { Status = "fieldwork" }).Version());
        Assert.NotEqual(Before.Version(), (Before with { Nations = new Dictionary<string, string>() }).Version());
        Assert.Contains("\"Nations\":{\"cqc\":\"England\"}", Before.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("Collaboration", Before.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_audit_log_names_a_workstream_change_by_its_title_and_words()
    {
        var after = System.Text.Json.JsonSerializer.Serialize(new { workstream = Before, what = "Status changed from planned to fieldwork under way.", why = (string?)null });
        var entry = new Web.Features.AuditTrail.AuditEntry(1, DateTimeOffset.UnixEpoch, "someone", null, "workstream.edit", "workstream:2027-29/remand", null, null, after);

        Assert.Equal("“Remand in custody” (2027-29/remand): Status changed from planned to fieldwork under way.", entry.Describe(code => code));
        Assert.Contains(Web.Features.AuditTrail.AuditEntry.Actions, a => a.Action == "workstream.move");
    }
}
