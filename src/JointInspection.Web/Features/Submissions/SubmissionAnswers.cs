using System.Diagnostics.CodeAnalysis;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// Everything a respondent tells us, as they typed it: the body of POST /api/v1/submissions and the
/// saved state of a journey in progress. Codes are the domain's (area of focus, inspectorate, …);
/// a workstream is named by its slug.
/// </summary>
public sealed class SubmissionAnswers
{
    /// <summary>"response" or "suggestion".</summary>
    public string? Kind { get; set; }

    /// <summary>Response: "programme", "area-of-focus" or "workstream".</summary>
    public string? ResponseTo { get; set; }

    public string? AreaOfFocus { get; set; }

    public string? Workstream { get; set; }

    /// <summary>Response: "support", "support-with-changes", "do-not-support" or "no-view".</summary>
    public string? Stance { get; set; }

    /// <summary>The response, or for a suggestion what the inspection should look at. Markdown-style text.</summary>
    public string? Text { get; set; }

    public string? Title { get; set; }

    /// <summary>Suggestion: why it matters for public safety or the public's confidence.</summary>
    public string? Reason { get; set; }

    // A list sent as JSON null is an empty one, so the rules name it as missing rather than fail on it.
    /// <summary>Suggestion: area of focus codes, or ["dont-know"] alone.</summary>
    [AllowNull]
    public List<string> AreasOfFocus { get; set => field = value ?? []; } = [];

    [AllowNull]
    public List<string> CrossCuttingIssues { get; set => field = value ?? []; } = [];

    /// <summary>Suggestion: inspectorates that should take part, or ["dont-know"] alone. A named lead must be among them.</summary>
    [AllowNull]
    public List<string> Inspectorates { get; set => field = value ?? []; } = [];

    /// <summary>Suggestion: the inspectorate that should lead, or "dont-know".</summary>
    public string? Lead { get; set; }

    /// <summary>Suggestion: one of the round's programme years ("yyyy-yy"), "later" or "dont-know".</summary>
    public string? Timing { get; set; }

    /// <summary>Suggestion: links to supporting evidence, one a line, each starting https:// or http://; an error names the line.</summary>
    public string? EvidenceLinks { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    /// <summary>"individual" or "organisation".</summary>
    public string? RespondentType { get; set; }

    public string? OrganisationName { get; set; }

    public string? OrganisationType { get; set; }

    /// <summary>"named", "anonymous" or "none".</summary>
    public string? PublicationConsent { get; set; }

    public IEnumerable<string> EvidenceLinkList() =>
        (EvidenceLinks ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
