using System.Threading.RateLimiting;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Submissions;

public sealed record SubmissionCreated(string Reference, Uri StatusUrl);

public static class SubmissionsApi
{
    public const string RateLimitPolicy = "submissions";

    /// <summary>Large enough for every field at its longest; a bigger body is refused before it is read.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddSubmissions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserText>();
        builder.Services.AddSingleton<SubmissionStore>();
        builder.Services.AddSingleton<SubmissionIntake>();
        builder.Services.AddSingleton<DraftStore>();
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton<SubmissionReader>();
        builder.Services.AddSingleton<EmailConfirmations>();

        var limits = builder.Configuration.GetSection("Submissions:RateLimit");
        var permits = limits.GetValue("PermitLimit", 10);
        var window = TimeSpan.FromSeconds(limits.GetValue("WindowSeconds", 600));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only sending counts: reading a form or checking answers never uses up a person's allowance.
            options.AddPolicy(RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading"));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                if (http.Request.Path.StartsWithSegments("/api"))
                {
                    await TypedResults.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        title: "Too many submissions",
                        detail: $"This address has sent {permits} submissions in the last {window.TotalMinutes:0} minutes. Wait a few minutes and try again.")
                        .ExecuteAsync(http);
                }
                else
                {
                    // The friendly page; the status code pages middleware renders it for the 429.
                    http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                }
            };
        });
        return builder;
    }

    public static RouteGroupBuilder MapSubmissionsApi(this RouteGroupBuilder api)
    {
        api.MapPost("/submissions", Submit)
            .Accepts<SubmissionAnswers>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("CreateSubmission")
            .WithTags("Submissions")
            .WithSummary("Send a response to the draft programme or suggest a topic; the same rules as the forms.");
        return api;
    }

    private static async Task<Results<Created<SubmissionCreated>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request, SubmissionIntake intake, PublicLinks links, CancellationToken cancellationToken)
    {
        SubmissionAnswers? answers;
        ValidationProblem? unreadable;
        try
        {
            (answers, unreadable) = await JsonBody.ReadAsync<SubmissionAnswers>(request, "submission", cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "The submission is too large",
                detail: $"Send at most {MaxBodyBytes / (1024 * 1024)} MB. Each text can be up to {SubmissionRules.TextMax:N0} characters.");
        }

        if (answers is null)
        {
            return unreadable!;
        }

        var result = await intake.SubmitAsync(answers, request, cancellationToken);
        if (result.ConsultationClosed)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The consultation is closed",
                detail: "The consultation is not open for submissions now. The start page gives its dates.");
        }

        if (result.Saved is not { } saved)
        {
            return TypedResults.ValidationProblem(
                result.Errors.ToDictionary(e => e.Key, e => new[] { e.Value }),
                title: "The submission has mistakes");
        }

        var statusUrl = new Uri(links.BaseFor(request), $"submissions/{saved.StatusToken}");
        return TypedResults.Created(statusUrl, new SubmissionCreated(saved.Reference, statusUrl));
    }
}
