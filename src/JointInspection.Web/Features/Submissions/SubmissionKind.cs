namespace JointInspection.Web.Features.Submissions;

/// <summary>The two kinds of submission, as stored, in the API and in every rule that tells them apart.</summary>
public static class SubmissionKind
{
    /// <summary>A response to the draft programme: to the whole of it, an area of focus or a workstream.</summary>
    public const string Response = "response";

    /// <summary>A suggested new topic for joint inspection.</summary>
    public const string Suggestion = "suggestion";

    public static readonly IReadOnlyList<string> All = [Response, Suggestion];

    /// <summary>"response" or "suggestion", as a sentence names it ("your suggestion").</summary>
    public static string Noun(string? kind) => kind == Suggestion ? "suggestion" : "response";
}
