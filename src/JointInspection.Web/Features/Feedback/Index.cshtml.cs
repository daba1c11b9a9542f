using System.Globalization;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Feedback;

/// <summary>
/// The GOV.UK feedback form. Anyone may send it without signing in, so it carries an antiforgery token and a honeypot,
/// and sending is limited per client address. Whatever goes wrong, the form comes back with what was typed in it.
/// </summary>
public sealed partial class IndexModel(FeedbackStore store, FeedbackLimit limit, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    public string? Satisfaction { get; set; }

    [BindProperty]
    public string? Improvement { get; set; }

    /// <summary>The page the person came from, kept in the form's address, so it survives an error.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>The honeypot: hidden from people and assistive technology, so only a robot fills it in.</summary>
    [BindProperty]
    public string? Website { get; set; }

    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public string PageTitle(string title) => Errors.Count > 0 ? $"Error: {title}" : title;

    /// <summary>Where the form posts: this page, with the page the person came from if it is one of this site's.</summary>
    public string Action => FeedbackOrigin.Clean(From) is { } from ? $"/feedback?from={Uri.EscapeDataString(from)}" : "/feedback";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(Website))
        {
            var refused = Partial("_NotAccepted");
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }

        var errors = FeedbackRules.Validate(Satisfaction, Improvement);
        if (errors.Count > 0)
        {
            Errors = ErrorLink.OnThisPage(errors);
            return Page();
        }

        // Only feedback that would be stored counts against the allowance: a mistake in the form costs nothing.
        using var lease = limit.Take(HttpContext);
        if (!lease.IsAcquired)
        {
            Response.Headers.RetryAfter = limit.RetryAfter(lease);
            return FormAgain(StatusCodes.Status429TooManyRequests,
                $"You have sent feedback too many times. Wait {limit.WindowInWords}, then send it again");
        }

        try
        {
            await store.AddAsync(new FeedbackEntry(Satisfaction!, FeedbackRules.Normalise(Improvement), FeedbackOrigin.Clean(From)), cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            // There is no draft to keep it in, so the form itself keeps what was typed until the database can take it.
            NotStored(logger, ex);
            Response.Headers.RetryAfter = StorageFaults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return FormAgain(StatusCodes.Status503ServiceUnavailable,
                "The service cannot save feedback just now. Nothing was saved. Try again in a few minutes");
        }

        return Redirect("/feedback/sent");
    }

    /// <summary>The form as it was sent, with a message about the whole form that leads to its first question.</summary>
    private PageResult FormAgain(int status, string message)
    {
        Errors = [new ErrorLink("form", message, "#satisfaction")];
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take feedback; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
