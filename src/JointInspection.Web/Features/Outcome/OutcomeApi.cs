using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// The outcome as open data: the decision log and the published responses of a concluded round, as JSON and as CSV. Public,
/// like the programme API; before the round concludes each answers 404 with a problem saying the outcome is not published yet.
/// </summary>
public static class OutcomeApi
{
    public static WebApplicationBuilder AddOutcome(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutcomeReader>();
        return builder;
    }

    public static RouteGroupBuilder MapOutcomeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/programmes/{round}/decisions", async Task<Results<Ok<DecisionLogDocument>, ProblemHttpResult>> (
                string round, OutcomeReader outcomes, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (programme, problem) = await ConcludedAsync(round, outcomes, clock, cancellationToken);
                return problem is not null ? problem : TypedResults.Ok(await DecisionLogAsync(programme!, outcomes, clock, cancellationToken));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDecisionLog")
            .WithTags("Programme")
            .WithSummary("A concluded round's decision log: every final, released decision with its reasons, risk score and band, and who agreed it.")
            .WithDescription("Title and respondent are given only for a published submission, and respondent is \"Anonymous\" unless its respondent agreed to be named.");

        api.MapGet("/programmes/{round}/decisions.csv", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
                string round, OutcomeReader outcomes, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (programme, problem) = await ConcludedAsync(round, outcomes, clock, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                var log = await DecisionLogAsync(programme!, outcomes, clock, cancellationToken);
                return TypedResults.Stream(
                    body => OutcomeCsv.WriteAsync(body, OutcomeCsv.Of(log.Decisions.Select(DecisionCsvRow.From)), cancellationToken),
                    OutcomeCsv.ContentType, $"decisions-{round}.csv");
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetDecisionLogCsv")
            .WithTags("Programme")
            .WithSummary("The decision log of a concluded round as a CSV spreadsheet, one decision a row, with the same fields as the JSON.");

        api.MapGet("/programmes/{round}/responses", async Task<Results<Ok<PublishedResponsesDocument>, ProblemHttpResult>> (
                string round, string? q, int? page, OutcomeReader outcomes, PublishedSubmissions published, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var (programme, problem) = await ConcludedAsync(round, outcomes, clock, cancellationToken);
                if (problem is not null)
                {
                    return problem;
                }

                var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
                var found = await published.ReadPageAsync(programme!.Round.Id, search, Math.Max(page ?? 1, 1), cancellationToken);
                return TypedResults.Ok(new PublishedResponsesDocument(
                    RoundDocument.From(programme.Round, clock.GetUtcNow()), search, found.Total, found.PageNumber, found.PageCount,
                    [.. found.Items.Select(s => PublishedResponseDocument.From(s, programme))]));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPublishedResponses")
            .WithTags("Programme")
            .WithSummary($"A concluded round's published responses and suggestions, {PublishedSubmissions.PageSize} a page (page=1, 2, …), as moderated; q searches their published text.");

        api.MapGet("/programmes/{round}/responses.csv", async Task<Results<PushStreamHttpResult, ProblemHttpResult>> (
                string round, OutcomeReader outcomes, PublishedSubmissions published, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var (programme, problem) = await ConcludedAsync(round, outcomes, clock, cancellationToken);
                return problem is not null ? problem : TypedResults.Stream(
                    body => OutcomeCsv.WriteAsync(
                        body,
                        published.ReadAllAsync(programme!.Round.Id, cancellationToken).Select(s => ResponseCsvRow.From(PublishedResponseDocument.From(s, programme))),
                        cancellationToken),
                    OutcomeCsv.ContentType, $"responses-{round}.csv");
            })
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetPublishedResponsesCsv")
            .WithTags("Programme")
            .WithSummary("Every published response and suggestion of a concluded round as a CSV spreadsheet, in reference order, as moderated.");

        return api;
    }

    private static async Task<DecisionLogDocument> DecisionLogAsync(
        Programme.Programme programme, OutcomeReader outcomes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await outcomes.ReadAsync(programme, cancellationToken);
        return new DecisionLogDocument(RoundDocument.From(programme.Round, clock.GetUtcNow()), [.. report.Decisions.Select(DecisionLogEntry.From)]);
    }

    /// <summary>The round's programme when its outcome is published; otherwise the problem that says why there is none.</summary>
    private static async Task<(Programme.Programme? Programme, ProblemHttpResult? Problem)> ConcludedAsync(
        string round, OutcomeReader outcomes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var programme = await outcomes.ProgrammeAsync(round, cancellationToken);
        if (programme is null || !programme.Round.IsPublicAt(clock.GetUtcNow()))
        {
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Programme round not found",
                detail: $"There is no programme round '{round}' the public can read. GET /api/v1/programmes lists them by id."));
        }

        if (programme.Round.ConcludedAt is null)
        {
            var due = programme.Round.ResponseDueAt is { } at ? $" It is due by {UkTime.Date(at)}." : "";
            return (null, TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Outcome not published yet",
                detail: $"The outcome of the {programme.Round.Label} consultation is not published yet.{due}"));
        }

        return (programme, null);
    }
}
