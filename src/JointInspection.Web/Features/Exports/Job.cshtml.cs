using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// One export: its progress while it is written (a progress element and "12,000 of 100,000 submissions", with a Refresh
/// link, so it works without JavaScript; export-progress.mjs updates it in place), then the download link, or why it
/// failed. Only the person who asked for it sees it.
/// </summary>
public sealed class JobModel(ExportJobStore jobs, ProgrammeReader programmes) : PageModel
{
    public ExportJob? Job { get; private set; }

    /// <summary>Why the page shows no export: it does not exist, or it is someone else's.</summary>
    public string? Refusal { get; private set; }

    public IReadOnlyList<(string Name, string Value)> FilterWords { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var job = await jobs.ReadAsync(id, cancellationToken);
        if (job is null)
        {
            Refusal = $"There is no export {id}. Ask for an export from the triage queue.";
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!job.IsFor(User.Email()))
        {
            Refusal = ExportWords.NotYours;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Job = job;
        var programme = await programmes.ReadAsync(cancellationToken);
        var rounds = (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round).ToList();
        FilterWords = ExportFilter.Describe(ExportFilter.RequestOf(job.Filter), programme, rounds);
        return Page();
    }
}
