using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Manage.DraftProgramme;

/// <summary>How the confirm-then-change pages (withdraw, move) show an edit the programme editor refused.</summary>
internal static class EditOutcome
{
    /// <summary>
    /// Puts the errors of the page's own fields into <paramref name="errors"/>, and returns the refusal of the change as a
    /// whole (a concluded round, a stale copy), which the page answers with 409; null when there is none.
    /// </summary>
    public static string? Refusal(ProgrammeEdit result, Dictionary<string, string> errors, HttpResponse response)
    {
        foreach (var (field, message) in result.Errors.Where(e => e.Key != ProgrammeEditor.Whole))
        {
            errors[field] = message;
        }

        if (!result.Errors.TryGetValue(ProgrammeEditor.Whole, out var refusal))
        {
            return null;
        }

        response.StatusCode = StatusCodes.Status409Conflict;
        return refusal;
    }
}
