using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
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

    /// <summary>
    /// The addresses the portal had before rounds: they follow the current round, so links in old emails and
    /// bookmarks still land on a page. A workstream no longer in the current round is found in the latest round that
    /// the public can read and that has it.
    /// </summary>
    public static WebApplication MapProgrammeRedirects(this WebApplication app)
    {
        app.MapGet(PortalPaths.CurrentProgramme, async (ProgrammeReader programmes, CancellationToken cancellationToken) =>
            TypedResults.Redirect(PortalPaths.Programme((await programmes.ReadAsync(cancellationToken)).Round.Code)));
        app.MapGet("/programme/workstreams/{slug}", async Task<Results<RedirectHttpResult, NotFound>> (
            string slug, ProgrammeReader programmes, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var current = await programmes.ReadAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var workstream = current.Workstreams.FirstOrDefault(w => w.Slug == slug)
                ?? (await programmes.ReadAllAsync(cancellationToken))
                    .Where(p => p.Round.IsPublicAt(now)).Reverse()
                    .SelectMany(p => p.Workstreams).FirstOrDefault(w => w.Slug == slug);
            return workstream is null ? TypedResults.NotFound() : TypedResults.Redirect(workstream.Path);
        });
        return app;
    }

    public static RouteGroupBuilder MapProgrammeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/programme", async (ProgrammeReader programmes, TimeProvider clock, CancellationToken cancellationToken) =>
                TypedResults.Ok(ProgrammeDocument.From(await programmes.ReadAsync(cancellationToken), clock.GetUtcNow())))
            .CacheProgramme()
            .WithName("GetProgramme")
            .WithTags("Programme")
            .WithSummary("The current round's whole draft programme: its round, inspectorates, areas of focus, cross-cutting issues, principles and workstreams.");

        api.MapGet("/programmes", async (ProgrammeReader programmes, TimeProvider clock, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow();
                return TypedResults.Ok((await programmes.ReadAllAsync(cancellationToken))
                    .Where(p => RoundVisibility.CanRead(user, p.Round, now))
                    .Select(p => RoundDocument.From(p.Round, now))
                    .ToList());
            })
            .CacheProgramme()
            .WithName("ListProgrammes")
            .WithTags("Programme")
            .WithSummary("Every programme round the public can read, oldest first, with its state, programme years and consultation dates (staff also see drafts).");

        api.MapGet("/programmes/{round}", async Task<Results<Ok<ProgrammeDocument>, ProblemHttpResult>> (
                string round, ProgrammeReader programmes, TimeProvider clock, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
            {
                var programme = await programmes.ReadAsync(round, cancellationToken);
                return programme is null || !RoundVisibility.CanRead(user, programme.Round, clock.GetUtcNow())
                    ? TypedResults.Problem(
                        statusCode: StatusCodes.Status404NotFound,
                        title: "Programme round not found",
                        detail: $"There is no programme round '{round}' the public can read. GET /api/v1/programmes lists them by id.")
                    : TypedResults.Ok(ProgrammeDocument.From(programme, clock.GetUtcNow()));
            })
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheProgramme()
            .WithName("GetProgrammeRound")
            .WithTags("Programme")
            .WithSummary("One round's whole programme, by the round's id (its two years, as in /api/v1/programmes).");

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
            .CacheProgramme()
            .WithName("GetWorkstream")
            .WithTags("Programme")
            .WithSummary("One workstream of the current round by its id (the slug in its page's address).");

        return api;
    }
}

/// <summary>A programme round: its id ("first year-last year"), state, programme years and consultation dates.</summary>
public sealed record RoundDocument(
    string Id, string Title, string State, IReadOnlyList<string> ProgrammeYears, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt,
    DateTimeOffset? ConcludedAt, string Url)
{
    public static RoundDocument From(ProgrammeRound round, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        return new(
            round.Code, round.Title, round.StateAt(now).ToString().ToLowerInvariant(), round.Years.Select(y => y.Code).ToList(),
            round.OpensAt, round.ClosesAt, round.ConcludedAt, PortalPaths.Programme(round.Code));
    }
}

public sealed record ProgrammeDocument(
    RoundDocument Round,
    IReadOnlyList<InspectorateDocument> Inspectorates,
    IReadOnlyList<ChiefInspector> ChiefInspectors,
    IReadOnlyList<AreaOfFocus> AreasOfFocus,
    IReadOnlyList<CrossCuttingIssue> CrossCuttingIssues,
    IReadOnlyList<Principle> Principles,
    IReadOnlyList<WorkstreamDocument> Workstreams)
{
    public static ProgrammeDocument From(Programme programme, DateTimeOffset now) => new(
        RoundDocument.From(programme.Round, now),
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
