using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Triage.Notes;

/// <summary>The submission page's internal notes, newest first, with the way to add one.</summary>
public sealed record NotesPanel(string Reference, IReadOnlyList<SubmissionNote> Notes)
{
    public const string Partial = "/Features/Triage/Notes/_Notes.cshtml";

    public string AddPath => PortalPaths.AddNote(Reference);
}
