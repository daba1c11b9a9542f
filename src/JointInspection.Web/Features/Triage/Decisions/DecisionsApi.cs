using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Recommendations;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// A decision as the API returns it. Version is what the next revision (or an agreement) must send. Agreement is null for a
/// decision that involves one inspectorate, else awaiting, agreed or objected; ReleasedAt is when it reached the
/// respondent (null while it is held).
/// </summary>
public sealed record DecisionDocument(
    string Reference, long Version, string Status, string Outcome, string InPlainWords, string Rationale, string? Workstream,
    string? WorkstreamUrl, string? DeferredTo, string DecidedBy, DateTimeOffset DecidedAt, string? Agreement, DateTimeOffset? ReleasedAt,
    string? MeetingOn, string? MeetingAttendees)
{
    public static DecisionDocument From(string reference, DecisionRecord d) => new(
        reference, d.Version, DecisionOutcome.Status(d.Outcome), d.Outcome, DecisionEmails.InPlainWords(d), d.Rationale, d.WorkstreamSlug,
        d.WorkstreamPath, d.DeferredTo, d.DecidedBy, d.DecidedAt, d.Agreement, d.ReleasedAt, d.MeetingOn, d.MeetingAttendees);
}

/// <summary>Which round's held outcomes to release.</summary>
public sealed record ReleaseRequest(string? Round = null);

/// <summary>A release: its round, its number, and how many outcomes it sent.</summary>
public sealed record ReleaseDocument(string Round, long Release, int Outcomes);

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
                + "overCapacityReason is required when accepting would take an inspectorate over its capacity. "
                + "meetingOn (yyyy-MM-dd) and meetingAttendees record the meeting it was taken at, for staff. "
                + "recommendation is the version of the secretariat's open recommendation the decision starts from (GET …/recommendation), as it stands "
                + "or changed: it is marked taken with the decision, unless it has changed since. "
                + "Accepting, merging and changing the programme need the agreement of every criminal justice inspectorate taking part: "
                + "the decision's agreement is then awaiting until each one's chief inspector agrees (POST …/agreement); the proposer's own inspectorate agrees by proposing.");

        api.MapPost("/submissions/{reference}/agreement", Agree)
            .RequireAuthorization(PortalPolicies.ChiefInspector)
            .Accepts<AgreementRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("AgreeDecision")
            .WithTags("Triage")
            .WithSummary("A chief inspector's answer, for the inspectorate they lead, to a joint decision awaiting agreement.")
            .WithDescription(
                "{ version, response: agree or object, reasons } — reasons are required to object, and go back to the lead and the secretariat. "
                + "version is the decision's current version: a stale one gets 409 with the current decision. Answering for an inspectorate "
                + "that does not take part, answering twice, or answering a decision not awaiting agreement is a 400 naming what to fix.");

        api.MapPost("/releases", Release)
            .RequireAuthorization(PortalPolicies.ManageProgramme)
            .Accepts<ReleaseRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ReleaseOutcomes")
            .WithTags("Triage")
            .WithSummary("The secretariat releases a round's held outcomes together: each respondent's outcome email goes out in one batch.")
            .WithDescription(
                "{ round } — a round's id from /api/v1/programmes. 200 with { release, outcomes }; 409 while any of the round's decisions "
                + "awaits agreement, or when there is nothing held to release.");
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

        var user = request.HttpContext.User;
        return await store.DecideAsync(
            id, decision, user.Email()!, user.Inspectorate(), links.BaseFor(request), RecommendationStore.Taking(body.Recommendation, user.Email()!), cancellationToken) switch
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

    private static async Task<Results<Ok<DecisionDocument>, ValidationProblem, ProblemHttpResult>> Agree(
        string reference, HttpRequest request, SubmissionReader submissions, DecisionStore store, PublicLinks links, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Submission not found",
                detail: $"There is no submission '{reference}'. GET /api/v1/triage/submissions lists them with their references.");
        }

        var (body, unreadable) = await JsonBody.ReadAsync<AgreementRequest>(request, "agreement", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var user = request.HttpContext.User;
        return await store.RespondAsync(id, body, user.Email()!, user.Inspectorate(), links.BaseFor(request), cancellationToken) switch
        {
            DecisionResult.Saved saved => TypedResults.Ok(DecisionDocument.From(submission.Reference, saved.Decision)),
            DecisionResult.Conflict conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The decision has changed",
                detail: conflict.Current is null
                    ? $"There is no decision on {submission.Reference} to answer yet."
                    : $"The decision on {submission.Reference} is now version {conflict.Current.Version}: read it, then answer that version.",
                extensions: new Dictionary<string, object?> { ["current"] = conflict.Current is { } current ? DecisionDocument.From(submission.Reference, current) : null }),
            DecisionResult.Invalid invalid => TypedResults.ValidationProblem(
                invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The answer cannot be recorded"),
            _ => throw new InvalidOperationException("Every decision result is saved, a conflict or invalid."),
        };
    }

    private static async Task<Results<Ok<ReleaseDocument>, ValidationProblem, ProblemHttpResult>> Release(
        HttpRequest request, ProgrammeReader programmes, DecisionStore store, PublicLinks links, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<ReleaseRequest>(request, "release", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        if (body.Round is not { } code || await programmes.ReadAsync(code, cancellationToken) is not { } programme)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["round"] = [$"Name a programme round by its id, as GET /api/v1/programmes lists them (got '{body.Round}')"] },
                title: "The release has mistakes");
        }

        return await store.ReleaseRoundAsync(programme.Round, request.HttpContext.User.Email()!, links.BaseFor(request), cancellationToken) switch
        {
            ReleaseResult.Released released => TypedResults.Ok(new ReleaseDocument(programme.Round.Code, released.Release, released.Outcomes)),
            ReleaseResult.Refused refused => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing was released", detail: refused.Message),
            _ => throw new InvalidOperationException("Every release is released or refused."),
        };
    }

    private static ValidationProblem Invalid(IReadOnlyDictionary<string, string> errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The decision has mistakes");
}
