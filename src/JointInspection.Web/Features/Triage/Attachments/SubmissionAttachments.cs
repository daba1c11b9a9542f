using JointInspection.Web.Features.Attachments;

namespace JointInspection.Web.Features.Triage.Attachments;

/// <summary>A submission's files as its staff page lists them.</summary>
public sealed record SubmissionAttachments(string Reference, IReadOnlyList<AttachmentListing> Files)
{
    public const string Partial = "/Features/Triage/Attachments/_Attachments.cshtml";

    public static string DownloadPath(string reference, long id) => $"/triage/{reference}/attachments/{id}";
}
