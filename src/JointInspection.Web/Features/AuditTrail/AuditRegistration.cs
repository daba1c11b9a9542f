namespace JointInspection.Web.Features.AuditTrail;

/// <summary>
/// Reading the audit trail. It has no pages of its own: a submission's history is a partial the triage pages show
/// (and so is authorised as they are), and the whole log is the admin's page under /Admin.
/// </summary>
public static class AuditRegistration
{
    /// <summary>Where pages render a submission's history from; its model is the SubmissionRecord.</summary>
    public const string HistoryPartial = "/Features/AuditTrail/_SubmissionHistory.cshtml";

    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AuditReader>();
        return builder;
    }
}
