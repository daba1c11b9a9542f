using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.DataRights.Requests;

/// <summary>One request: what the respondent asked, its clock, and the one action that answers it.</summary>
public sealed class RequestModel(DataRequests requests, TimeProvider clock) : PageModel
{
    public DataRequest DataRequest { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public string? Reply { get; set; }

    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await ReadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var reply = Reply?.Trim() ?? "";
        var error = reply.Length == 0 ? "Enter your reply to the respondent"
            : reply.Length > DataRequests.DetailsMax ? $"The reply must be {DataRequests.DetailsMax:N0} characters or fewer"
            : null;
        if (error is not null)
        {
            Errors = [new ErrorLink("reply", error, "#reply")];
            return Page();
        }

        // Already answered in another tab: the page shows who answered it, and nothing is sent twice.
        await requests.ReplyAsync(id, User.Email()!, reply, cancellationToken);
        return Redirect($"/manage/data-requests/{id}");
    }

    private async Task<bool> ReadAsync(long id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        DataRequest = (await requests.ReadAsync(id, cancellationToken))!;
        return DataRequest is not null;
    }
}
