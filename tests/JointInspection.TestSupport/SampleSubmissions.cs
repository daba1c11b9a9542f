using System.Net;
using System.Net.Http.Json;
using JointInspection.Web.Features.Submissions;

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

    /// <summary>
    /// A suggested topic, led by HMCPSI; by default from an individual, with HMICFRS and CQC, and from an
    /// organisation when <paramref name="organisation"/> is given.
    /// </summary>
    public static object Suggestion(
        string title = "Court backlogs and victims",
        string text = "How delays affect victims' willingness to give evidence.",
        string reason = "Victims withdraw when trials are delayed, and offenders go unpunished.",
        string[]? areasOfFocus = null,
        string[]? inspectorates = null,
        string? evidenceLinks = "https://example.org/report\nhttps://example.org/data",
        string name = "Alex Jones",
        string email = "alex@example.org",
        string? organisation = null,
        string publicationConsent = "named") => new
        {
            kind = "suggestion",
            title,
            text,
            reason,
            areasOfFocus = areasOfFocus ?? BringingOffendersToJustice,
            crossCuttingIssues = VictimWitnessExperience,
            inspectorates = inspectorates ?? ProsecutionPoliceAndCqc,
            lead = "hmcpsi",
            timing = "2022-23",
            evidenceLinks,
            name,
            email,
            respondentType = organisation is null ? "individual" : "organisation",
            organisationName = organisation,
            organisationType = organisation is null ? null : "voluntary-community",
            publicationConsent,
        };

    /// <summary>Sends <paramref name="body"/> to POST /api/v1/submissions, failing unless the portal answers 201 Created.</summary>
    public static async Task<CreatedSubmission> SendAsync(HttpClient client, object body)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/v1/submissions", body);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"The submission was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<CreatedSubmission>())!;
    }
}

/// <summary>The body of a 201 from POST /api/v1/submissions: the submission's reference and the link to its status page.</summary>
public sealed record CreatedSubmission(string Reference, Uri StatusUrl)
{
    /// <summary>The submission's id, which its reference carries.</summary>
    public long Id => SubmissionReference.TryParse(Reference, out var id) ? id : throw new InvalidOperationException($"{Reference} is not a submission reference.");
}
