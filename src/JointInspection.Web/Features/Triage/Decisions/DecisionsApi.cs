using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>A decision as the API returns it. Version is what the next revision must send.</summary>
public sealed record DecisionDocument(
    string Reference, long Version, string Status, string Outcome, string InPlainWords, string Rationale, string? Workstream,
    string? WorkstreamUrl, string? DeferredTo, string DecidedBy, DateTimeOffset DecidedAt)
{
    public static DecisionDocument From(string reference, DecisionRecord d) => new(
        reference, d.Version, DecisionOutcome.Status(d.Outcome), d.Outcome, DecisionEmails.InPlainWords(d), d.Rationale, d.WorkstreamSlug,
        d.WorkstreamPath, d.DeferredTo, d.DecidedBy, d.DecidedAt);
}

/// <summary>Recording a decision on a submission: chief inspectors only, declared once on the endpoint.</summary>
public static class DecisionsApi
{
    public static RouteGroupBuilder MapDecisionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/submissions/{reference}/decision", Decide)
            .RequireAuthorization(PortalPolicies.ChiefInspector)
            .Accepts<DecisionRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("DecideSubmission")
            .WithTags("Triage")
            .WithSummary("Record the chief inspectors' decision on a submission, or revise it.")
            .WithDescription(
                "outcome: accept, merge, defer or decline for a suggestion; noted or programme-changed for a response. "
                + "rationale is required and the respondent reads it. accept needs workstream {title, summary, lead, supporting, "
                + "partners, areasOfFocus, programmeYear, kind (inspection or scoping-study)} and an assessment; merge needs "
                + "mergeInto (a workstream id of the submission's round, from /api/v1/programmes/{round}); defer needs deferTo (the second "
                + "of the round's programmeYears, from /api/v1/programmes, or next-programme). programmeYear is one of the round's programmeYears. "
                + "version is the current decision's version (0 when there is none): a stale one gets 409 with the current decision. "
                + "overCapacityReason is required when accepting would take an inspectorate over its capacity.");
        return api;
    }

    private static async Task<Results<Ok<DecisionDocument>, ValidationProblem, ProblemHttpResult>> Decide(
        string reference, HttpRequest request, SubmissionReader submissions, ProgrammeReader programmes, DecisionStore store,
        PublicLinks links, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Submission not found",
                detail: $"There is no submission '{reference}'. GET /api/v1/triage/submissions lists them with their references.");
        }

        var (body, unreadable) = await JsonBody.ReadAsync<DecisionRequest>(request, "decision", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var (decision, errors) = DecisionRules.Check(body, submission.Answers.Kind ?? "", DecisionChoices.From(await programmes.ReadAsync(submission.RoundId, cancellationToken)));
        if (decision is null)
        {
            return Invalid(errors);
        }

        return await store.DecideAsync(id, decision, request.HttpContext.User.Email()!, links.BaseFor(request), cancellationToken) switch
        {
            DecisionResult.Saved saved => TypedResults.Ok(DecisionDocument.From(submission.Reference, saved.Decision)),
            DecisionResult.Conflict conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Someone else decided first",
                detail: $"The decision on {submission.Reference} has changed since version {decision.Version}. Read the current decision and send your revision against its version.",
                extensions: new Dictionary<string, object?> { ["current"] = conflict.Current is { } current ? DecisionDocument.From(submission.Reference, current) : null }),
            DecisionResult.Invalid invalid => Invalid(invalid.Errors),
            _ => throw new InvalidOperationException("Every decision result is saved, a conflict or invalid."),
        };
    }

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The decision has mistakes");
}
