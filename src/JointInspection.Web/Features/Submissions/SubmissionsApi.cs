using System.ComponentModel;
using System.Threading.RateLimiting;
using JointInspection.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Submissions;

public sealed record SubmissionCreated(string Reference, Uri StatusUrl);

/// <summary>How many submissions one client address may send per window (Submissions:RateLimit:*), for pages that say so.</summary>
public sealed record SubmissionRateLimit(int PermitLimit, TimeSpan Window);

public static class SubmissionsApi
{
    public const string RateLimitPolicy = "submissions";

    /// <summary>Large enough for every field at its longest; a bigger body is refused before it is read.</summary>
    public const long MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddSubmissions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<UserText>();
        builder.Services.AddSingleton<SubmissionIdempotency>();
        builder.Services.AddSingleton<SubmissionStore>();
        builder.Services.AddSingleton<SubmissionIntake>();
        builder.Services.AddSingleton<DraftStore>();
        builder.Services.AddSingleton<Attachments.AttachmentStore>();
        builder.Services.AddSingleton<SavedDrafts>();
        builder.Services.AddHostedService<SavedDraftRunner>();
        builder.Services.AddSingleton<PublicLinks>();
        builder.Services.AddSingleton<SubmissionReader>();
        builder.Services.AddSingleton<Status.RespondentViews>();
        builder.Services.AddSingleton<StatusLinks>();
        builder.Services.AddSingleton<EmailConfirmations>();

        var limits = builder.Configuration.GetSection("Submissions:RateLimit");
        var permits = limits.GetValue("PermitLimit", 10);
        var windowSeconds = limits.GetValue("WindowSeconds", 600);
        if (permits < 1 || windowSeconds < 1)
        {
            builder.Refuse(
                $"Submissions:RateLimit:PermitLimit and :WindowSeconds must be whole numbers of at least 1; they are {permits} and {windowSeconds}.");
            permits = Math.Max(permits, 1);
            windowSeconds = Math.Max(windowSeconds, 1);
        }

        var window = TimeSpan.FromSeconds(windowSeconds);
        builder.Services.AddSingleton(new SubmissionRateLimit(permits, window));
        builder.Services.AddSingleton<SubmissionRateCount>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only sending counts: reading a form or checking answers never uses up a person's allowance. The count is
            // kept in the database, so that every node shares it.
            options.AddPolicy(RateLimitPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.Get(
                    SubmissionRateCount.ClientKey(http),
                    client => new DatabaseCountedLimiter(http.RequestServices.GetRequiredService<SubmissionRateCount>(), client))
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
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .WithName("CreateSubmission")
            .WithTags("Submissions")
            .WithSummary("Send a response to the draft programme or suggest a topic; the same rules as the forms.");
        return api;
    }

    private const string IdempotencyKeyDescription =
        "Optional. A key of your own (1 to 255 visible ASCII characters, such as a new UUID) for this submission. " +
        "Sending the same key again from the same address within 24 hours returns the first answer (201, the same " +
        "reference) and stores nothing new, so a submission whose answer was lost can be sent again safely. The same " +
        "key with a different submission is refused with 422.";

    private static async Task<Results<Created<SubmissionCreated>, ValidationProblem, ProblemHttpResult>> Submit(
        HttpRequest request,
        // Bound only so that the OpenAPI document describes it; SubmissionIdempotency reads the header itself.
        [FromHeader(Name = SubmissionIdempotency.Header), Description(IdempotencyKeyDescription)] string? idempotencyKey,
        SubmissionIntake intake,
        SubmissionIdempotency idempotency,
        PublicLinks links,
        CancellationToken cancellationToken)
    {
        _ = idempotencyKey;
        if (!SubmissionIdempotency.TryRead(request, out var key))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [SubmissionIdempotency.Header] = [SubmissionIdempotency.KeyRule] },
                title: "The Idempotency-Key header is malformed");
        }

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

        var claim = key is null ? null : SubmissionIdempotency.Claim(request, key, answers);
        IntakeResult result;
        try
        {
            // A retry is given the first answer even if the consultation has closed since.
            if (claim is not null && await idempotency.FindAsync(claim, cancellationToken) is { } earlier)
            {
                return Created(request, links, earlier);
            }

            result = await intake.SubmitAsync(answers, request, claim, cancellationToken);
        }
        catch (IdempotencyKeyReusedException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The Idempotency-Key was used for a different submission",
                detail: "This Idempotency-Key was sent with a different submission in the last 24 hours. Send a new key for a new submission, or send the first submission again unchanged to get its answer.");
        }

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

        return Created(request, links, saved);
    }

    private static Created<SubmissionCreated> Created(HttpRequest request, PublicLinks links, SavedSubmission saved)
    {
        var statusUrl = new Uri(links.BaseFor(request), $"submissions/{saved.StatusToken}");
        return TypedResults.Created(statusUrl, new SubmissionCreated(saved.Reference, statusUrl));
    }
}
