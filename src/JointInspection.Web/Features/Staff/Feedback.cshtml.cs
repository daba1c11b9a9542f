using JointInspection.Web.Features.Feedback;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Staff;

/// <summary>What the public have said about the service, newest first, for every staff role (it sits under /Staff).</summary>
public sealed class FeedbackModel(FeedbackStore store) : PageModel
{
    /// <summary>The keyset cursor: show feedback older than this id.</summary>
    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public FeedbackPage Results { get; private set; } = new([], null, new Dictionary<string, long>());

    public long Total => Results.Counts.Values.Sum();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Results = await store.ReadAsync(Before, cancellationToken);
}
