using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// What one client may store through the journey pages, which anyone may POST to without signing in: a step's
/// size, how often it saves a draft, and how many drafts it keeps.
/// </summary>
public static class JourneyLimits
{
    public const string DraftSavesPolicy = "draft-saves";

    /// <summary>
    /// The largest step is two 20,000-character texts and a title: percent-encoded, a character outside ASCII takes
    /// up to 9 bytes, so about 370 KB. Anything bigger is not a person's answers.
    /// </summary>
    public const long MaxStepBytes = 512 * 1024;

    /// <summary>Longest a choice code or list entry can be; real ones are a few dozen characters.</summary>
    private const int CodeMax = 100;

    /// <summary>More entries than any list on the scope page offers.</summary>
    private const int ListMax = 20;

    public static WebApplicationBuilder AddJourneyLimits(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Submissions:Drafts:RateLimit");
        var permits = limits.GetValue("PermitLimit", 120);
        var window = TimeSpan.FromSeconds(limits.GetValue("WindowSeconds", 600));
        builder.Services.Configure<RateLimiterOptions>(options =>
            // Only saving counts, per client address as for sending; a person filling in the forms never comes near it.
            options.AddPolicy(DraftSavesPolicy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("reading")));
        return builder;
    }

    /// <summary>
    /// True when every answer is within what the rules accept in length, so the draft can be saved as it is. An
    /// answer that is too long always has its own field error from <see cref="SubmissionRules"/>.
    /// </summary>
    public static bool FitsInDraft(SubmissionAnswers a) =>
        Fits(a.Text, SubmissionRules.TextMax)
        && Fits(a.Reason, SubmissionRules.TextMax)
        && Fits(a.Title, SubmissionRules.TitleMax)
        && Fits(a.Name, SubmissionRules.NameMax)
        && Fits(a.OrganisationName, SubmissionRules.NameMax)
        && Fits(a.Email, SubmissionRules.EmailMax)
        && Fits(a.EvidenceLinks, SubmissionRules.EvidenceLinksMax * (SubmissionRules.LinkMax + 2))
        && new[] { a.ResponseTo, a.AreaOfFocus, a.Workstream, a.Stance, a.Lead, a.Timing, a.RespondentType, a.OrganisationType, a.PublicationConsent }
            .All(code => Fits(code, CodeMax))
        && new[] { a.AreasOfFocus, a.CrossCuttingIssues, a.Inspectorates }
            .All(list => list.Count <= ListMax && list.All(code => Fits(code, CodeMax)));

    private static bool Fits(string? value, int max) => (value?.Length ?? 0) <= max;
}

/// <summary>
/// Answers a step POST declared bigger than <see cref="JourneyLimits.MaxStepBytes"/> with the 413 page before anything
/// reads it. It runs ahead of the antiforgery check, which would otherwise read the body, hit the limit and answer a
/// puzzling 400; a body that does not declare its length is still stopped by the request size limit.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RefuseOversizedStepAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    /// <summary>Before the antiforgery filter (1000).</summary>
    public int Order => 0;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Request.ContentLength > JourneyLimits.MaxStepBytes)
        {
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}

