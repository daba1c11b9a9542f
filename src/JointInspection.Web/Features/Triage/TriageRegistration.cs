using System.Security.Claims;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Triage.Decisions;
using JointInspection.Web.Features.Triage.Recommendations;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage;

/// <summary>A page of the queue as the API returns it; next and previous are the after and before cursors.</summary>
public sealed record TriageQueueDocument(IReadOnlyList<TriageItem> Items, string? Next, string? Previous, IReadOnlyDictionary<string, long> Counts);

/// <summary>
/// Triage: every page under /Triage and every endpoint under /api/v1/triage needs a staff role; assessing needs the
/// secretariat's, recommending the secretariat role alone, and deciding or rejecting a recommendation a chief
/// inspector's (the endpoints declare theirs in DecisionsApi, BulkDecisionsApi and RecommendationsApi).
/// </summary>
public static class TriageRegistration
{
    public static WebApplicationBuilder AddTriage(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TriageQueueReader>();
        builder.Services.AddSingleton<Assessment.AssessmentStore>();
        builder.Services.AddSingleton<Decisions.DecisionStore>();
        builder.Services.AddSingleton<Decisions.BulkDecisions>();
        builder.Services.AddSingleton<RecommendationStore>();
        builder.Services.AddSingleton<Decisions.ProposalMover>();
        builder.Services.AddSingleton<Overview.RiskResourcesReader>();
        builder.Services.AddSingleton<Notes.SubmissionNotes>();
        builder.Services.AddSingleton<Assignment.SubmissionAssignments>();
        builder.Services.AddSingleton<Tags.TagStore>();
        // Assessing is for the secretariat and chief inspectors; it sits inside /Triage, so it needs both policies.
        builder.Services.Configure<RazorPagesOptions>(options => options.Conventions
            .AuthorizeFolder("/Triage", PortalPolicies.Staff)
            .AuthorizeFolder("/Triage/Assessment", PortalPolicies.Secretariat)
            // Case work is shared out by and to those who do it: the secretariat and chief inspectors.
            .AuthorizeFolder("/Triage/Assignment", PortalPolicies.Secretariat)
            .AuthorizeFolder("/Triage/Tags", PortalPolicies.Secretariat)
            .AuthorizeFolder("/Triage/Decisions", PortalPolicies.ChiefInspector)
            // Chief inspectors decide, so they do not recommend to themselves; they take a recommendation or reject it.
            .AuthorizePage("/Triage/Recommendations/Recommend", PortalPolicies.Recommend)
            .AuthorizePage("/Triage/Recommendations/Reject", PortalPolicies.ChiefInspector));
        return builder;
    }

    public static RouteGroupBuilder MapTriageApi(this RouteGroupBuilder api)
    {
        var triage = api.MapGroup("/triage").RequireAuthorization(PortalPolicies.Staff).WithTags("Triage");
        triage.MapGet("/submissions", ListSubmissions)
            .WithName("ListSubmissionsForTriage")
            .WithSummary("The triage queue: submissions filtered, searched and paged by cursor, with counts by status.")
            .WithDescription(
                "Filters: round (a programme round's id from /api/v1/programmes; every round when left out), status, kind (response, suggestion), areaOfFocus and inspectorate (codes from /api/v1/programme), "
                + "respondentType (individual, organisation), confirmed (true, false), assigned (me, nobody, or a member of staff's email address), "
                + "tag (a tag's id), assessed (true; false is the suggestions not yet assessed), decided (true: an outcome stands; false: not decided, or awaiting agreement), moderation (to-moderate, published, withheld, not-for-publication), q (words in the title, text or reason, or the start of each word of the respondent's name, email address or organisation; "
                + "a reference such as JI-000123, any case, hyphen and leading zeros optional, returns that one submission whatever the other filters). "
                + "sort: newest (default), oldest or risk (highest risk score first, unassessed last). Pass a page's next as after (or its previous as before) for the next "
                + "(or previous) page; limit 1 to 200, default 50.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapDecisionsApi();
        api.MapBulkDecisionsApi();
        api.MapRecommendationsApi();
        return api;
    }

    private static async Task<Results<Ok<TriageQueueDocument>, ValidationProblem>> ListSubmissions(
        [AsParameters] TriageRequest request, ClaimsPrincipal user, ProgrammeReader programmes, TriageQueueReader queue, CancellationToken cancellationToken)
    {
        var (filter, errors) = TriageFilter.Parse(
            request, await programmes.ReadAsync(cancellationToken), [.. (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round)], user.Email());
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The query has mistakes");
        }

        var page = await queue.ReadAsync(filter, cancellationToken);
        return TypedResults.Ok(new TriageQueueDocument(page.Items, page.Next?.Format(filter.Sort), page.Previous?.Format(filter.Sort), page.Counts));
    }

}
