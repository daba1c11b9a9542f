using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.DataRights.Requests;

/// <summary>The secretariat's list of respondents' requests: open ones soonest due first, each with its one-month clock.</summary>
public sealed class IndexModel(DataRequests requests, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DataRequest> Open { get; private set; } = [];

    public IReadOnlyList<DataRequest> Closed { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        Open = await requests.ListAsync(open: true, cancellationToken);
        Closed = await requests.ListAsync(open: false, cancellationToken);
    }
}
