using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Submissions.Status;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// Asking for a correction or an erasure from a submission's status link: the words, checked, then the request
/// recorded and acknowledged by email. Each request sends an email, so asking counts against the submission rate limit.
/// </summary>
[EnableRateLimiting(SubmissionsApi.RateLimitPolicy)]
public abstract class DataRequestPageModel(RespondentViews views, DataRequests requests) : PageModel
{
    [BindProperty]
    public string? Details { get; set; }

    public RespondentView View { get; private set; } = null!;

    public string? Error { get; private set; }

    public string Token { get; private set; } = "";

    public string YourDataPath => $"/submissions/{Uri.EscapeDataString(Token)}/your-data";

    /// <summary><see cref="DataRequests.Correction"/> or <see cref="DataRequests.Erasure"/>.</summary>
    protected abstract string Kind { get; }

    /// <summary>What to say when nothing was typed, or null when the words may be left out.</summary>
    protected abstract string? WhenEmpty { get; }

    public IReadOnlyList<ErrorLink> Errors => Error is null ? [] : [new ErrorLink("details", Error, "#details")];

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) =>
        await ReadAsync(token, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        var details = Details?.Trim() ?? "";
        Error = details.Length == 0 && WhenEmpty is { } empty ? empty
            : details.Length > DataRequests.DetailsMax ? $"Your request must be {DataRequests.DetailsMax:N0} characters or fewer"
            : null;
        if (Error is not null)
        {
            return Page();
        }

        await requests.AskAsync(View.Submission.Id, Kind, details, cancellationToken);
        return Redirect($"{YourDataPath}?asked={Kind}");
    }

    private async Task<bool> ReadAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Token = token;
        View = (await views.ByStatusTokenAsync(token, cancellationToken))!;
        return View is not null;
    }
}

public sealed class CorrectionModel(RespondentViews views, DataRequests requests) : DataRequestPageModel(views, requests)
{
    protected override string Kind => DataRequests.Correction;

    protected override string? WhenEmpty => "Enter what needs correcting";
}

public sealed class ErasureModel(RespondentViews views, DataRequests requests) : DataRequestPageModel(views, requests)
{
    protected override string Kind => DataRequests.Erasure;

    protected override string? WhenEmpty => null;
}
