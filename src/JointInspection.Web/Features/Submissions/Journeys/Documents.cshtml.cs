using JointInspection.Web.Features.Attachments;
using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// "Supporting documents", the optional step before "About you" in both journeys: upload a file (checked by
/// <see cref="AttachmentInspector"/>, stored with the draft only if it passes), remove one, or go on. Uploading counts
/// as saving the draft; its request may be as large as one file (<see cref="AttachmentRules.MaxUploadRequestBytes"/>).
/// </summary>
[EnableRateLimiting(JourneyLimits.DraftSavesPolicy)]
[RequestSizeLimit(AttachmentRules.MaxUploadRequestBytes)]
[RefuseOversizedUpload]
public sealed class DocumentsModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes, AttachmentStore attachments)
    : JourneyPageModel(drafts, intake, programmes)
{
    public const string Field = "file";

    public IReadOnlyList<AttachmentListing> Documents { get; private set; } = [];

    public string BackHref => ReturningToCheck ? Journey.CheckPath : Journey.PreviousPath(SubmissionStep.SupportingDocuments) ?? "/";

    /// <summary>The page's own address, keeping the way back to the check page.</summary>
    public string Here => Journey.PathOf(SubmissionStep.SupportingDocuments) + (ReturningToCheck ? "?returnTo=check" : "");

    public async Task<IActionResult> OnGetAsync(bool tooLarge, CancellationToken cancellationToken)
    {
        if (tooLarge)
        {
            ShowErrors(new Dictionary<string, string> { [Field] = AttachmentRules.RequestTooLarge });
        }

        Documents = await attachments.OfDraftAsync(Drafts.IdOf(HttpContext), cancellationToken);
        return Page();
    }

    /// <summary>Continue: on to "About you", or back to the check page.</summary>
    public IActionResult OnPost() => Redirect(ReturningToCheck ? Journey.CheckPath : Journey.NextPath(SubmissionStep.SupportingDocuments));

    /// <summary>"Save and come back later": the files are stored already; only where to send the link is left to ask.</summary>
    public IActionResult OnPostSaveForLater() => Redirect(Journey.SavePath(SubmissionStep.SupportingDocuments));

    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Documents = await attachments.OfDraftAsync(Drafts.IdOf(HttpContext), cancellationToken);
        var refusal = await UploadAsync(file, cancellationToken);
        if (refusal is null)
        {
            return Redirect(Here);
        }

        ShowErrors(new Dictionary<string, string> { [Field] = refusal });
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        await attachments.RemoveFromDraftAsync(Drafts.IdOf(HttpContext), id, cancellationToken);
        return Redirect(Here);
    }

    /// <summary>Stores the file with the draft, or says why not; a file refused stores nothing.</summary>
    private async Task<string?> UploadAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return AttachmentRules.ChooseFile;
        }

        var name = AttachmentRules.SafeName(file.FileName);
        if (file.Length > AttachmentRules.MaxFileBytes)
        {
            return AttachmentRules.TooLarge(name);
        }

        if (Documents.Count >= AttachmentRules.MaxFiles)
        {
            return AttachmentRules.TooMany;
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        var inspection = AttachmentInspector.Inspect(file.FileName, content);
        if (inspection.Accepted is not { } inspected)
        {
            return inspection.Refusal;
        }

        // The draft is saved as it stands first, so that there is one to hold the file even if this is its first save.
        var draftId = await Drafts.SaveAsync(HttpContext, Answers);
        return await attachments.AddToDraftAsync(draftId, inspected, content, cancellationToken);
    }
}

/// <summary>
/// Answers an upload declared bigger than the page takes with the page again and its error, before the antiforgery
/// check reads the body (which would fail with a bare 400 once the size limit stopped it). The body is read into
/// nothing first, up to <see cref="MaxDrainedBytes"/>, because a browser shows no answer given while it is still
/// sending; anything larger is cut off when it passes that.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RefuseOversizedUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (1000) and the request size limit (900).</summary>
    public int Order => 0;

    /// <summary>Kestrel's own default limit: a file somewhat too large is answered with the page, a huge one is cut off.</summary>
    public const long MaxDrainedBytes = 30_000_000;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (http.Request.ContentLength is not > AttachmentRules.MaxUploadRequestBytes)
        {
            return;
        }

        // Routing has set the page's own limit, which this body passes: allow it to be read to its end, up to the bound.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxDrainedBytes;
        }

        try
        {
            await http.Request.Body.CopyToAsync(Stream.Null, http.RequestAborted);
        }
        catch (BadHttpRequestException)
        {
            // Over the bound: the connection closes whatever is answered.
        }

        var returnTo = http.Request.Query["returnTo"] == "check" ? "&returnTo=check" : "";
        context.Result = new RedirectResult($"{http.Request.Path}?tooLarge=true{returnTo}");
    }
}
