using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// An export as the API shows it. Filter is the queue's query string it selects by; File is where to download it once
/// done, until RemovedAfter; Error says why a failed export could not be written.
/// </summary>
public sealed record ExportDocument(
    long Id, string State, string Format, string Filter, long RowsDone, long? RowsTotal, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    string? Error, string? File, DateTimeOffset? RemovedAfter, string Page)
{
    public static ExportDocument From(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(
            job.Id, job.State, job.Format, job.Filter, job.RowsDone, job.RowsTotal, job.CreatedAt, job.FinishedAt, job.Error,
            job.CanDownload ? $"/api/v1/exports/{job.Id}/file" : null, job.CanDownload ? job.RemovedAfter : null, PortalPaths.Export(job.Id));
    }
}

/// <summary>An export as asked for through the API: the format (csv or xlsx) and the queue's filters, as GET /api/v1/triage/submissions takes them.</summary>
public sealed record ExportApiRequest(
    string? Format = null, string? Round = null, string? Status = null, string? Kind = null, string? AreaOfFocus = null, string? Inspectorate = null,
    string? RespondentType = null, string? Confirmed = null, string? Q = null, string? Moderation = null, string? Assigned = null,
    string? Assessed = null, string? Decided = null)
{
    public TriageRequest Filter() => new(
        Status, Kind, AreaOfFocus, Inspectorate, RespondentType, Confirmed, Q, Round: Round, Moderation: Moderation, Assigned: Assigned,
        Assessed: Assessed, Decided: Decided);
}

/// <summary>Exports through the API: the same store, runner and rules as the pages.</summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExportsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var exports = api.MapGroup("/exports").RequireAuthorization(PortalPolicies.Secretariat).WithTags("Exports");
        exports.MapPost("", Request)
            .Accepts<ExportApiRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RequestExport")
            .WithSummary("Asks for every submission the queue's filters select, with its assessment, decision, agreement and moderation, as CSV or XLSX.")
            .WithDescription(
                "The export is written in the background: follow it with GET /api/v1/exports/{id} and download it from its file link once done. "
                + "The filters are the triage queue's (round, status, kind, areaOfFocus, inspectorate, respondentType, confirmed, moderation, q). "
                + "409 while another export of yours is queued or running. The file is removed a day after it is written; only you may download it.");
        exports.MapGet("/{id:long}", Read)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ReadExport")
            .WithSummary("Where one of your exports has got to: queued, running (rows done of total), done (with its file link) or failed (with why).");
        exports.MapGet("/{id:long}/file", Download)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .Produces(StatusCodes.Status200OK, contentType: ExportFormats.ContentType(ExportFormats.Xlsx))
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("DownloadExport")
            .WithSummary("The file of one of your exports, once done; each download is audited.");
        return api;
    }

    private static async Task<Results<Accepted<ExportDocument>, ValidationProblem, ProblemHttpResult>> Request(
        ExportApiRequest body, HttpContext context, ProgrammeReader programmes, ExportJobStore jobs, ExportSignal signal, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(cancellationToken);
        var rounds = (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round).ToList();
        var request = body.Filter().For(context.User.Email());
        var (filter, errors) = TriageFilter.Parse(request, programme, rounds);
        if (!ExportFormats.All.Contains(body.Format ?? ""))
        {
            errors["format"] = ["Give format as csv or xlsx."];
        }

        if (filter is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The export request has mistakes");
        }

        switch (await jobs.RequestAsync(context.User.Email()!, ExportFilter.QueryOf(request), body.Format!, cancellationToken))
        {
            case ExportRequestResult.Queued(var job):
                signal.Wake();
                return TypedResults.Accepted($"/api/v1/exports/{job.Id}", ExportDocument.From(job));
            case ExportRequestResult.AlreadyActive(var running):
                return TypedResults.Problem(
                    $"Your export {running.Id} is still {running.State}: wait for it to finish (GET /api/v1/exports/{running.Id}), then ask again.",
                    statusCode: StatusCodes.Status409Conflict, title: "You already have an export being written",
                    extensions: new Dictionary<string, object?> { ["running"] = ExportDocument.From(running) });
            default:
                throw new InvalidOperationException("Unknown export request result.");
        }
    }

    private static async Task<Results<Ok<ExportDocument>, ProblemHttpResult>> Read(long id, HttpContext context, ExportJobStore jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.ReadAsync(id, cancellationToken);
        return job is not null && job.IsFor(context.User.Email()) ? TypedResults.Ok(ExportDocument.From(job)) : Refusal(job, id);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> Download(
        long id, HttpContext context, ExportJobStore jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.ReadAsync(id, cancellationToken);
        if (job is null || !job.IsFor(context.User.Email()))
        {
            return Refusal(job, id);
        }

        if (!job.CanDownload || !File.Exists(job.FilePath))
        {
            return TypedResults.Problem(ExportWords.NoFile(job), statusCode: StatusCodes.Status404NotFound, title: "There is no file to download");
        }

        await jobs.RecordDownloadAsync(job, cancellationToken);
        return TypedResults.PhysicalFile(job.FilePath!, ExportFormats.ContentType(job.Format), job.FileName);
    }

    private static ProblemHttpResult Refusal(ExportJob? job, long id) => job is null
        ? TypedResults.Problem($"There is no export {id}.", statusCode: StatusCodes.Status404NotFound, title: "Export not found")
        : TypedResults.Problem(ExportWords.NotYours, statusCode: StatusCodes.Status403Forbidden, title: "This export is someone else's");
}
