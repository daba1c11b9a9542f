using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Triage.Recommendations;

/// <summary>
/// The secretariat's recommendation as the API sends it: the same fields a decision takes (workstream for accept, mergeInto
/// a workstream id for merge, deferTo for defer), so a chief inspector can send them on to POST …/decision as they stand
/// or changed, naming this version as its recommendation. Version is what a change, or a rejection, must send.
/// </summary>
public sealed record RecommendationDocument(
    string Reference, long Version, string Outcome, string InPlainWords, string Rationale, ProposedWorkstream? Workstream, string? MergeInto,
    string? DeferTo, string? OverCapacityReason, string RecommendedBy, DateTimeOffset RecommendedAt, string Status, string? ClosedBy,
    DateTimeOffset? ClosedAt, string? RejectionReason, long? TakenInDecision)
{
    public static RecommendationDocument From(string reference, RecommendationRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(
            reference, r.Version, r.Outcome, RecommendationWords.InFull(r), r.Rationale,
            r.Workstream is { } w ? new ProposedWorkstream(w.Title, w.Summary, w.Lead, w.Supporting, w.Partners, w.AreasOfFocus, w.ProgrammeYear, w.Kind) : null,
            r.MergeIntoSlug, r.DeferTo, r.OverCapacityReason, r.RecommendedBy, r.RecommendedAt, r.Status, r.ClosedBy, r.ClosedAt, r.RejectionReason,
            r.TakenInDecision);
    }
}

/// <summary>
/// A recommendation as the secretariat sends it: a decision's fields, under the decision's rules. Version is the version of
/// the recommendation it replaces (0 when there is none yet).
/// </summary>
public sealed record RecommendationRequest(
    long? Version = null,
    string? Outcome = null,
    string? Rationale = null,
    ProposedWorkstream? Workstream = null,
    string? MergeInto = null,
    string? DeferTo = null,
    string? OverCapacityReason = null)
{
    public DecisionRequest AsDecision() => new(Version, Outcome, Rationale, Workstream, MergeInto, DeferTo, OverCapacityReason);
}

/// <summary>A chief inspector's rejection of the open recommendation: its version, and the reason the secretariat will read.</summary>
public sealed record RejectionRequest(long? Version = null, string? Reason = null);

/// <summary>
/// Recommendations through the API: reading one is for staff, saving one for the secretariat alone, rejecting one for
/// chief inspectors, each declared once on its endpoint. Taking one is recording a decision that names it (POST
/// …/decision with recommendation). Nothing here reaches a respondent.
/// </summary>
public static class RecommendationsApi
{
    private const string Path = "/submissions/{reference}/recommendation";

    public static RouteGroupBuilder MapRecommendationsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet(Path, Read)
            .RequireAuthorization(PortalPolicies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("ReadRecommendation")
            .WithTags("Triage")
            .WithSummary("The secretariat's recommendation in force on a submission, whatever its status (open, taken or rejected).")
            .WithDescription("404 when the submission has no recommendation. A respondent never sees a recommendation: only staff may read it.");

        api.MapPost(Path, Recommend)
            .RequireAuthorization(PortalPolicies.Recommend)
            .Accepts<RecommendationRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RecommendDecision")
            .WithTags("Triage")
            .WithSummary("The secretariat drafts a recommendation on a submission for the chief inspectors, or changes it. No email is sent.")
            .WithDescription(
                "The fields and rules of POST …/decision (outcome, rationale, workstream for accept, mergeInto for merge, deferTo for defer, "
                + "overCapacityReason), without the meeting. version is the version of the recommendation in force (0 when there is none): a stale one "
                + "gets 409 with the current recommendation. A new version is open, whatever became of the one it replaces; the chief inspectors see it "
                + "in the triage queue (recommended) and take it by recording a decision that names it (POST …/decision with recommendation: its version), "
                + "or reject it (POST …/recommendation/rejection). Secretariat role only: a chief inspector gets 403.");

        api.MapPost(Path + "/rejection", Reject)
            .RequireAuthorization(PortalPolicies.ChiefInspector)
            .Accepts<RejectionRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RejectRecommendation")
            .WithTags("Triage")
            .WithSummary("A chief inspector rejects the secretariat's open recommendation, with a reason the secretariat reads.")
            .WithDescription(
                "{ version, reason } — version is the open recommendation's, from GET …/recommendation; reason is required (up to 2,000 characters). "
                + "409 with the current recommendation when it has changed since that version, or is no longer open.");
        return api;
    }

    private static async Task<Results<Ok<RecommendationDocument>, ProblemHttpResult>> Read(
        string reference, SubmissionReader submissions, RecommendationStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, submissions, cancellationToken) is not { } submission)
        {
            return NotFound(reference);
        }

        return await store.CurrentAsync(submission.Id, cancellationToken) is { } current
            ? TypedResults.Ok(RecommendationDocument.From(submission.Reference, current))
            : TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No recommendation yet",
                detail: $"The secretariat has not recommended a decision on {submission.Reference}.");
    }

    private static async Task<Results<Ok<RecommendationDocument>, ValidationProblem, ProblemHttpResult>> Recommend(
        string reference, HttpRequest request, SubmissionReader submissions, ProgrammeReader programmes, RecommendationStore store,
        CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, submissions, cancellationToken) is not { } submission)
        {
            return NotFound(reference);
        }

        var (body, unreadable) = await JsonBody.ReadAsync<RecommendationRequest>(request, "recommendation", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        // The decision's own rules: a recommendation the chief inspectors take must be one they could record.
        var (recommendation, errors) = DecisionRules.Check(
            body.AsDecision(), submission.Answers.Kind ?? "", DecisionChoices.From(await programmes.ReadAsync(submission.RoundId, cancellationToken)));
        if (recommendation is null)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }), title: "The recommendation has mistakes");
        }

        return await store.SaveAsync(submission.Id, recommendation, request.HttpContext.User.Email()!, cancellationToken) switch
        {
            RecommendationResult.Done done => TypedResults.Ok(RecommendationDocument.From(submission.Reference, done.Recommendation)),
            RecommendationResult.Conflict conflict => Conflict(
                submission.Reference, conflict.Current, "Someone else saved a recommendation first",
                $"The recommendation on {submission.Reference} has changed since version {recommendation.Version}. Read the current one and send yours against its version."),
            _ => throw new InvalidOperationException("Every recommendation result is done or a conflict."),
        };
    }

    private static async Task<Results<Ok<RecommendationDocument>, ValidationProblem, ProblemHttpResult>> Reject(
        string reference, HttpRequest request, SubmissionReader submissions, RecommendationStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, submissions, cancellationToken) is not { } submission)
        {
            return NotFound(reference);
        }

        var (body, unreadable) = await JsonBody.ReadAsync<RejectionRequest>(request, "rejection", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Version is null)
        {
            errors["version"] = ["Send the version of the recommendation you are rejecting, as GET …/recommendation gives it"];
        }

        var (reason, reasonError) = RejectionRules.Check(body.Reason);
        if (reasonError is not null)
        {
            errors["reason"] = [reasonError];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The rejection has mistakes");
        }

        return await store.RejectAsync(submission.Id, body.Version!.Value, reason!, request.HttpContext.User.Email()!, cancellationToken) switch
        {
            RecommendationResult.Done done => TypedResults.Ok(RecommendationDocument.From(submission.Reference, done.Recommendation)),
            RecommendationResult.Conflict conflict => Conflict(
                submission.Reference, conflict.Current, "The recommendation has changed",
                conflict.Current is { IsOpen: true } open
                    ? $"The recommendation on {submission.Reference} is now version {open.Version}: read it, then reject that version if you still mean to."
                    : $"There is no open recommendation on {submission.Reference} to reject."),
            _ => throw new InvalidOperationException("Every recommendation result is done or a conflict."),
        };
    }

    private static async Task<SubmissionRecord?> FindAsync(string reference, SubmissionReader submissions, CancellationToken cancellationToken) =>
        SubmissionReference.TryParse(reference, out var id) ? await submissions.ByIdAsync(id, cancellationToken) : null;

    private static ProblemHttpResult NotFound(string reference) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "Submission not found",
        detail: $"There is no submission '{reference}'. GET /api/v1/triage/submissions lists them with their references.");

    private static ProblemHttpResult Conflict(string reference, RecommendationRecord? current, string title, string detail) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: title,
        detail: detail,
        extensions: new Dictionary<string, object?> { ["current"] = current is null ? null : RecommendationDocument.From(reference, current) });
}
