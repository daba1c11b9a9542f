using System.Net.Mime;
using JointInspection.Web.Features.Attachments;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace JointInspection.Web.Features.Triage.Attachments;

/// <summary>
/// A submission's attached file, for staff (the /Triage folder's policy) and nobody else. It is always a download,
/// never shown in the portal's own origin: Content-Disposition attachment, the content type its checks verified,
/// nosniff, and a sandbox policy in case a browser renders it anyway. Each download is in the audit log.
/// </summary>
public sealed class DownloadModel(AttachmentStore attachments) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string reference, long id, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var submissionId)
            || await attachments.ReadAsync(submissionId, id, User.Email()!, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        var disposition = new ContentDispositionHeaderValue(DispositionTypeNames.Attachment)
        {
            // The plain name for old clients, with anything outside printable ASCII (and quotes) replaced; the exact name in filename*.
            FileName = $"\"{new string(file.FileName.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_').ToArray())}\"",
            FileNameStar = file.FileName,
        };
        Response.Headers.ContentDisposition = disposition.ToString();
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        return File(file.Content, file.ContentType);
    }
}
