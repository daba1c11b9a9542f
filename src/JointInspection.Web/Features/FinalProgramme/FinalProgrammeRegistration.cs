using Dapper;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JointInspection.Web.Features.FinalProgramme;

public static class FinalProgrammeRegistration
{
    public const string WordContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static WebApplicationBuilder AddFinalProgramme(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<FinalProgrammeReader>();
        return builder;
    }

    /// <summary>
    /// The Word document of a finalised programme, made on request from the same <see cref="FinalProgramme"/> as the
    /// page. It is a download, not part of the API, so it is left out of the OpenAPI document. Output-cached on the
    /// programme's revision like the page, so it is rebuilt only when the programme changes.
    /// </summary>
    public static WebApplication MapFinalProgramme(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/programmes/{round}/final.docx", async Task<Results<FileContentHttpResult, NotFound>> (
                string round, HttpContext context, FinalProgrammeReader finals, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var final = await finals.ReadAsync(round, context.User, clock.GetUtcNow(), cancellationToken);
                return final is null
                    ? TypedResults.NotFound()
                    : TypedResults.File(FinalProgrammeWordDocument.Build(final), WordContentType, final.FileName);
            })
            .CacheProgramme()
            .ExcludeFromDescription();
        return app;
    }
}

/// <summary>What a round's final programme page and document read, and whether there is one to read.</summary>
public sealed record FinalProgrammeLookup(Programme.Programme? Programme, FinalProgramme? Final);

/// <summary>
/// Reads a round's final programme: the programme from <see cref="ProgrammeReader"/> (cached by its revision) and the
/// consultation's turnout, the one thing the programme does not carry, counted here.
/// </summary>
public sealed class FinalProgrammeReader(ProgrammeReader programmes, Database database)
{
    private const string TurnoutSql = """
        SELECT count(*) FILTER (WHERE kind = 'response') AS Responses, count(*) FILTER (WHERE kind = 'suggestion') AS Suggestions
          FROM submission WHERE round_id = @roundId
        """;

    /// <summary>The round's programme as this person may read it (null when there is no such round for them), and its final form once finalised.</summary>
    public async Task<FinalProgrammeLookup> LookUpAsync(
        string roundCode, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var programme = await programmes.ReadAsync(roundCode, cancellationToken);
        if (programme is null || !RoundVisibility.CanRead(user, programme.Round, now))
        {
            return new(null, null);
        }

        if (!programme.Round.IsFinalised)
        {
            return new(programme, null);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var turnout = await connection.QuerySingleAsync<TurnoutRow>(new CommandDefinition(
            TurnoutSql, new { roundId = programme.Round.Id }, cancellationToken: cancellationToken));
        return new(programme, new FinalProgramme(programme, new ConsultationTurnout((int)turnout.Responses, (int)turnout.Suggestions)));
    }

    /// <summary>The final programme, or null when the round does not exist for this person or is not final yet.</summary>
    public async Task<FinalProgramme?> ReadAsync(
        string roundCode, System.Security.Claims.ClaimsPrincipal user, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await LookUpAsync(roundCode, user, now, cancellationToken)).Final;

    private sealed record TurnoutRow(long Responses, long Suggestions);
}
