using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Asking for an export of the queue's view: the page shows the filter it will export and how many submissions that is,
/// and asks for CSV or XLSX. The filter travels in the address (GET) and in a hidden field (POST), as the queue's query
/// string, so the export is of what the queue showed.
/// </summary>
public sealed class NewModel(ProgrammeReader programmes, ExportRows rows, ExportJobStore jobs, ExportSignal signal) : PageModel
{
    public const string FormatField = "format";

    public string FilterQuery { get; private set; } = "";

    public IReadOnlyList<(string Name, string Value)> FilterWords { get; private set; } = [];

    public long? Count { get; private set; }

    public string? Format { get; private set; }

    /// <summary>The person's export still being written, which a new one must wait for.</summary>
    public ExportJob? Running { get; private set; }

    public Dictionary<string, string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReadAsync(TriageRequest.From(Request.Query), cancellationToken) ? Page() : FilterRefused();

    public async Task<IActionResult> OnPostAsync(string? filter, string? format, CancellationToken cancellationToken)
    {
        Format = format;
        if (!await ReadAsync(ExportFilter.RequestOf(filter ?? ""), cancellationToken))
        {
            return FilterRefused();
        }

        if (format is null || !ExportFormats.All.Contains(format))
        {
            Errors[FormatField] = "Select CSV or XLSX";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        switch (await jobs.RequestAsync(User.Email()!, FilterQuery, format, cancellationToken))
        {
            case ExportRequestResult.Queued(var job):
                signal.Wake();
                return Redirect(PortalPaths.Export(job.Id));
            case ExportRequestResult.AlreadyActive(var running):
                Running = running;
                Errors[FormatField] = "You already have an export being written. Wait for it to finish before asking for another";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                throw new InvalidOperationException("Unknown export request result.");
        }
    }

    private async Task<bool> ReadAsync(TriageRequest request, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(cancellationToken);
        var rounds = (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round).ToList();
        request = request.For(User.Email());
        var (filter, errors) = TriageFilter.Parse(request, programme, rounds);
        if (filter is null)
        {
            foreach (var (name, messages) in errors)
            {
                Errors[name] = string.Join(" ", messages);
            }

            return false;
        }

        FilterQuery = ExportFilter.QueryOf(request);
        FilterWords = ExportFilter.Describe(request, programme, rounds);
        Count = await rows.CountAsync(filter, cancellationToken);
        Running ??= await jobs.ActiveAsync(User.Email()!, cancellationToken);
        return true;
    }

    private PageResult FilterRefused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
