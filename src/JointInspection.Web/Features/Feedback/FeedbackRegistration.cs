using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Feedback;

/// <summary>Feedback on the service: the public's form at /feedback, and its store (staff read it at /staff/feedback).</summary>
public static class FeedbackRegistration
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("Feedback:RateLimit");
        var permits = limits.GetValue("PermitLimit", 5);
        var windowSeconds = limits.GetValue("WindowSeconds", 600);
        if (permits < 1 || windowSeconds < 1)
        {
            builder.Refuse(
                $"Feedback:RateLimit:PermitLimit and :WindowSeconds must be whole numbers of at least 1; they are {permits} and {windowSeconds}.");
            permits = Math.Max(permits, 1);
            windowSeconds = Math.Max(windowSeconds, 1);
        }

        // Made by the container, not handed to it, so that it is disposed with the app.
        builder.Services.AddSingleton(_ => new FeedbackLimit(permits, TimeSpan.FromSeconds(windowSeconds)));
        builder.Services.AddSingleton<FeedbackStore>();
        return builder;
    }
}
