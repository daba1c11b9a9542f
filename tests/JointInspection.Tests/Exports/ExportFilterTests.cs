using JointInspection.Web.Features.Exports;
using JointInspection.Web.Features.Triage;

namespace JointInspection.Tests.Exports;

/// <summary>An export keeps the queue's filters and only them: sort and paging say how the queue shows submissions, not which.</summary>
public sealed class ExportFilterTests
{
    [Fact]
    public void The_queues_filters_are_kept_and_its_sort_and_paging_left_out()
    {
        var request = new TriageRequest(
            Status: "assessed", Kind: "suggestion", AreaOfFocus: "custodial-conditions", Inspectorate: "hmcpsi", RespondentType: "organisation",
            Confirmed: "true", Q: "girls & custody", Sort: "risk", After: "16-42", Before: null, Limit: "20", Round: "2021-23");

        var query = ExportFilter.QueryOf(request);

        Assert.Equal(
            "status=assessed&kind=suggestion&areaOfFocus=custodial-conditions&inspectorate=hmcpsi&respondentType=organisation&confirmed=true&q=girls%20%26%20custody&round=2021-23",
            query);
        Assert.Equal(request with { Sort = null, After = null, Limit = null }, ExportFilter.RequestOf(query));
    }

    [Fact]
    public void No_filter_is_every_submission()
    {
        Assert.Equal("", ExportFilter.QueryOf(new TriageRequest(Sort: "oldest")));
        Assert.Equal(new TriageRequest(), ExportFilter.RequestOf(""));
    }
}
