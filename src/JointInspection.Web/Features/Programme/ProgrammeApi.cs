using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.Programme;

public static class ProgrammeApi
{
    public static WebApplicationBuilder AddProgramme(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgrammeReader>();
        builder.Services.AddProgrammeOutputCache();
        return builder;
    }

    public static RouteGroupBuilder MapProgrammeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/programme", async (ProgrammeReader programmes, CancellationToken cancellationToken) =>
                TypedResults.Ok(ProgrammeDocument.From(await programmes.ReadAsync(cancellationToken))))
            .CacheOutput(ProgrammeOutputCache.Programme)
            .WithName("GetProgramme")
            .WithTags("Programme")
            .WithSummary("The whole draft programme: inspectorates, areas of focus, cross-cutting issues, principles and workstreams.");

        api.MapGet("/workstreams/{id}", async Task<Results<Ok<WorkstreamDocument>, ProblemHttpResult>> (
                string id, ProgrammeReader programmes, CancellationToken cancellationToken) =>
            {
                var programme = await programmes.ReadAsync(cancellationToken);
                var workstream = programme.Workstreams.FirstOrDefault(w => w.Slug == id);
                return workstream is null
                    ? TypedResults.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "Workstream not found",
                        detail: $"There is no workstream with id '{id}'. GET /api/v1/programme lists every workstream and its id.")
                    : TypedResults.Ok(WorkstreamDocument.From(workstream));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(ProgrammeOutputCache.Programme)
            .WithName("GetWorkstream")
            .WithTags("Programme")
            .WithSummary("One workstream by its id (the slug in its page's address).");

        return api;
    }
}

public sealed record ProgrammeDocument(
    IReadOnlyList<InspectorateDocument> Inspectorates,
    IReadOnlyList<ChiefInspector> ChiefInspectors,
    IReadOnlyList<AreaOfFocus> AreasOfFocus,
    IReadOnlyList<CrossCuttingIssue> CrossCuttingIssues,
    IReadOnlyList<Principle> Principles,
    IReadOnlyList<WorkstreamDocument> Workstreams)
{
    public static ProgrammeDocument From(Programme programme) => new(
        programme.Inspectorates.Select(i => new InspectorateDocument(i.Code, i.Name, i.ShortName, i.Kind)).ToList(),
        programme.ChiefInspectors,
        programme.AreasOfFocus,
        programme.CrossCuttingIssues,
        programme.Principles,
        programme.Workstreams.Select(WorkstreamDocument.From).ToList());
}

public sealed record InspectorateDocument(string Code, string Name, string ShortName, string Kind);

public sealed record ParticipantDocument(string Code, string Name, string? Nation);

/// <summary>
/// The accepted suggestion a proposed workstream came from; null for the plan's own work. SuggestedBy is null
/// unless the respondent agreed to be named.
/// </summary>
public sealed record OriginDocument(string Reference, string? SuggestedBy);

/// <summary>A workstream as the API shows it; collaboration is derived from who takes part.</summary>
public sealed record WorkstreamDocument(
    string Id,
    string Title,
    string Summary,
    string Section,
    string Kind,
    string Status,
    string Collaboration,
    string? ProgrammeYear,
    string? ExpectedPublication,
    ParticipantDocument? Lead,
    IReadOnlyList<ParticipantDocument> SupportingInspectorates,
    IReadOnlyList<ParticipantDocument> PartnerBodies,
    IReadOnlyList<string> AreasOfFocus,
    IReadOnlyList<string> CrossCuttingIssues,
    string Url,
    OriginDocument? Origin)
{
    public static WorkstreamDocument From(Workstream w) => new(
        w.Slug,
        w.Title,
        w.Summary,
        w.Section,
        w.Kind,
        w.Status,
        w.Collaboration.ToString().ToLowerInvariant(),
        w.ProgrammeYear,
        w.ExpectedPublication,
        w.Lead is { } lead ? ToDocument(lead) : null,
        w.SupportingInspectorates.Select(ToDocument).ToList(),
        w.PartnerBodies.Select(ToDocument).ToList(),
        w.AreasOfFocus.Select(a => a.Code).ToList(),
        w.CrossCuttingIssues.Select(i => i.Code).ToList(),
        w.Path,
        w.Origin is { } origin ? new OriginDocument(origin.Reference, origin.SuggestedBy) : null);

    private static ParticipantDocument ToDocument(Participant p) =>
        new(p.Inspectorate.Code, p.Inspectorate.Name, p.Nation);
}
