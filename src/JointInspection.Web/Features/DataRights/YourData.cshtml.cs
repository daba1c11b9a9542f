using System.Text.Json;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Submissions.Status;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.DataRights;

/// <summary>
/// Everything held with one submission, reached from its status link, as a page and as JSON and HTML downloads; and
/// the way to have everything sent with the same email address listed, by email to that address only.
/// </summary>
[EnableRateLimiting(SubmissionsApi.RateLimitPolicy)]
public sealed class YourDataModel(RespondentViews views, HeldDataReader held, EverythingHeld everything, PublicLinks links) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public HeldData Data { get; private set; } = null!;

    public string Token { get; private set; } = "";

    /// <summary>The page is being downloaded as a file: a document of its own, with no site navigation.</summary>
    public bool AsDocument { get; private set; }

    public bool EverythingSent { get; private set; }

    /// <summary>"correction" or "erasure" just after asking for one, for the banner.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Asked { get; set; }

    public Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken) => ShowAsync(token, cancellationToken);

    public async Task<IActionResult> OnGetJsonAsync(string token, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        return File(JsonSerializer.SerializeToUtf8Bytes(Data, Json), "application/json", $"{Data.Reference}-your-data.json");
    }

    public async Task<IActionResult> OnGetHtmlAsync(string token, CancellationToken cancellationToken)
    {
        AsDocument = true;
        var page = await ShowAsync(token, cancellationToken);
        Response.Headers.ContentDisposition = $"attachment; filename=\"{Data?.Reference}-your-data.html\"";
        return page;
    }

    public async Task<IActionResult> OnPostEverythingAsync(string token, CancellationToken cancellationToken)
    {
        if (!await ReadAsync(token, cancellationToken))
        {
            return NotFound();
        }

        EverythingSent = SubmissionReference.TryParse(Data.Reference, out var id) && await everything.SendAsync(id, links.BaseFor(Request), cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ShowAsync(string token, CancellationToken cancellationToken) =>
        await ReadAsync(token, cancellationToken) ? Page() : NotFound();

    private async Task<bool> ReadAsync(string token, CancellationToken cancellationToken)
    {
        // The address holds the secret: keep it out of other sites' logs and out of caches.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        if (await views.ByStatusTokenAsync(token, cancellationToken) is not { } view)
        {
            return false;
        }

        Token = token;
        Data = await held.ReadAsync(view, cancellationToken);
        return true;
    }
}
