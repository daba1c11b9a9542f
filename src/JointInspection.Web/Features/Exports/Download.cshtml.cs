using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// An export's file, for the person who asked for it alone; each download is audited. Anyone else, or a file that is not
/// there (still being written, failed, or removed after a day), gets a page that says so.
/// </summary>
public sealed class DownloadModel(ExportJobStore jobs) : PageModel
{
    public string Refusal { get; private set; } = "";

    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        var job = await jobs.ReadAsync(id, cancellationToken);
        if (job is null || !job.IsFor(User.Email()))
        {
            Refusal = job is null ? $"There is no export {id}. Ask for an export from the triage queue." : ExportWords.NotYours;
            Response.StatusCode = job is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            return Page();
        }

        if (!job.CanDownload || !System.IO.File.Exists(job.FilePath))
        {
            Refusal = ExportWords.NoFile(job);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        await jobs.RecordDownloadAsync(job, cancellationToken);
        return PhysicalFile(job.FilePath!, ExportFormats.ContentType(job.Format), job.FileName);
    }
}
