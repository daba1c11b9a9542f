using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// What one submission's decision came to. Result is saved, conflict or invalid. Saved: version is the new one and decision
/// the one recorded. Conflict (someone decided it first): version is the current one, to send next, and decision the
/// current one (null when there is none). Invalid: errors by field, from rules only the stored data can answer.
/// </summary>
public sealed record BulkDecisionItemDocument(
    string Reference, string Result, long? Version, DecisionDocument? Decision, IReadOnlyDictionary<string, string[]>? Errors)
{
    public const string SavedResult = "saved";

    public const string ConflictResult = "conflict";

    public const string InvalidResult = "invalid";

    public static BulkDecisionItemDocument From(BulkOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var reference = outcome.Submission.Reference;
        return outcome.Result switch
        {
            DecisionResult.Saved saved => new(reference, SavedResult, saved.Decision.Version, DecisionDocument.From(reference, saved.Decision), null),
            DecisionResult.Conflict conflict => new(
                reference, ConflictResult, conflict.Current?.Version ?? 0, conflict.Current is { } current ? DecisionDocument.From(reference, current) : null, null),
            DecisionResult.Invalid invalid => new(reference, InvalidResult, null, null, invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
            _ => throw new InvalidOperationException("Every decision result is saved, a conflict or invalid."),
        };
    }
}

/// <summary>A bulk decision's results: how many were saved and how many not, and each submission's result in the order sent.</summary>
public sealed record BulkDecisionDocument(string Outcome, int Saved, int NotSaved, IReadOnlyList<BulkDecisionItemDocument> Submissions);

/// <summary>One decision for several submissions: chief inspectors only, declared once on the endpoint.</summary>
public static class BulkDecisionsApi
{
    public static RouteGroupBuilder MapBulkDecisionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/decisions", DecideSeveral)
            .RequireAuthorization(PortalPolicies.ChiefInspector)
            .Accepts<BulkDecisionRequest>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("DecideSeveralSubmissions")
            .WithTags("Triage")
            .WithSummary("One decision for several submissions: each gets its own decision, version check, audit entry and email.")
            .WithDescription(
                "{ outcome, rationale, deferTo, mergeInto, meetingOn, meetingAttendees, submissions: [{ reference, version }] } — outcome is merge, "
                + "defer or decline for suggestions, noted or programme-changed for responses (accept needs a workstream of its own: use "
                + "POST /api/v1/submissions/{reference}/decision). Each version is that of the submission's current decision, as the queue "
                + "(GET /api/v1/triage/submissions) gives it: 0 when there is none. The other fields are as for a single decision. At most "
                + $"{BulkDecisionRules.MaxSubmissions} submissions. A 400 refuses the whole request and records nothing: an outcome some "
                + "submission cannot have (the error names which), an unknown or repeated reference, a missing version or reasons. Otherwise "
                + "200, each submission recorded in a transaction of its own: its result is saved (with the new version), conflict (someone "
                + "decided it first: the current version and decision, and the others stay saved) or invalid (with errors).");
        return api;
    }

    private static async Task<Results<Ok<BulkDecisionDocument>, ValidationProblem>> DecideSeveral(
        HttpRequest request, BulkDecisions bulk, PublicLinks links, CancellationToken cancellationToken)
    {
        var (body, unreadable) = await JsonBody.ReadAsync<BulkDecisionRequest>(request, "bulk decision", cancellationToken);
        if (body is null)
        {
            return unreadable!;
        }

        var user = request.HttpContext.User;
        return await bulk.DecideAsync(body, user.Email()!, user.Inspectorate(), links.BaseFor(request), cancellationToken) switch
        {
            BulkDecisionResult.Tried tried => TypedResults.Ok(new BulkDecisionDocument(
                body.Outcome!.Trim(), tried.Saved.Count, tried.NotSaved.Count, tried.Outcomes.Select(BulkDecisionItemDocument.From).ToList())),
            BulkDecisionResult.Refused refused => TypedResults.ValidationProblem(
                refused.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "Nothing was recorded: the bulk decision has mistakes"),
            _ => throw new InvalidOperationException("Every bulk decision is tried or refused."),
        };
    }
}
