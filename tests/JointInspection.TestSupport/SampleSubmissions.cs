namespace JointInspection.TestSupport;

/// <summary>Valid bodies for POST /api/v1/submissions, with the parts tests vary as parameters.</summary>
public static class SampleSubmissions
{
    private static readonly string[] BringingOffendersToJustice = ["bringing-offenders-to-justice"];
    private static readonly string[] VictimWitnessExperience = ["victim-witness-experience"];
    private static readonly string[] ProsecutionPoliceAndCqc = ["hmcpsi", "hmicfrs", "cqc"];

    /// <summary>A response for an organisation, to the whole programme or, given a slug, one workstream.</summary>
    public static object Response(string text = "I support the focus on victims.", string email = "sam@example.org", string? workstream = null) => new
    {
        kind = "response",
        responseTo = workstream is null ? "programme" : "workstream",
        workstream,
        stance = "support-with-changes",
        text,
        name = "Sam Patel",
        email,
        respondentType = "organisation",
        organisationName = "Victim Support Cymru",
        organisationType = "voluntary-community",
        publicationConsent = "anonymous",
    };

    /// <summary>A suggested topic from an individual, led by HMCPSI with HMICFRS and CQC.</summary>
    public static object Suggestion(string title = "Court backlogs and victims") => new
    {
        kind = "suggestion",
        title,
        text = "How delays affect victims' willingness to give evidence.",
        reason = "Victims withdraw when trials are delayed, and offenders go unpunished.",
        areasOfFocus = BringingOffendersToJustice,
        crossCuttingIssues = VictimWitnessExperience,
        inspectorates = ProsecutionPoliceAndCqc,
        lead = "hmcpsi",
        timing = "2022-23",
        evidenceLinks = "https://example.org/report\nhttps://example.org/data",
        name = "Alex Jones",
        email = "alex@example.org",
        respondentType = "individual",
        publicationConsent = "named",
    };
}
