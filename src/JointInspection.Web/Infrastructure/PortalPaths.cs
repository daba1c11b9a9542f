namespace JointInspection.Web.Infrastructure;

/// <summary>
/// The portal's own addresses, from the site's root, written once: pages, emails and the API link with these, so an
/// address changes in one place. Emails make them absolute with <see cref="PublicLinks"/>.
/// </summary>
public static class PortalPaths
{
    /// <summary>The current round's programme: redirects to the round's own address, so links to it never go stale.</summary>
    public const string CurrentProgramme = "/programme";

    public static string Programme(string roundCode) => $"/programmes/{roundCode}";

    public static string Workstream(string roundCode, string slug) => $"/programmes/{roundCode}/workstreams/{Uri.EscapeDataString(slug)}";

    /// <summary>A submission's status page, reached with the unguessable token from the receipt.</summary>
    public static string Status(string token) => $"/submissions/{Uri.EscapeDataString(token)}";

    public static string ConfirmEmail(string token) => $"/submissions/confirm/{Uri.EscapeDataString(token)}";

    /// <summary>The single-use link back to answers saved to finish later.</summary>
    public static string SavedAnswers(string token) => $"/saved-answers/{Uri.EscapeDataString(token)}";

    public const string Triage = "/triage";

    /// <summary>A submission as staff read it.</summary>
    public static string Submission(string reference) => $"/triage/{reference}";

    public static string Assess(string reference) => $"/triage/{reference}/assess";

    public static string Decide(string reference) => $"/triage/{reference}/decide";

    /// <summary>One decision for the submissions selected in the queue, each named as ?selected=JI-000123:0 (its reference and decision version).</summary>
    public const string DecideSeveral = "/triage/decide-several";

    /// <summary>Where the secretariat drafts a recommendation for the chief inspectors' decision.</summary>
    public static string Recommend(string reference) => $"/triage/{reference}/recommend";

    /// <summary>Where any member of staff adds an internal note to the submission.</summary>
    public static string AddNote(string reference) => $"/triage/{reference}/notes/new";

    /// <summary>The page that assigns the submissions it is given as "selected" values.</summary>
    public const string Assign = "/triage/assign";

    public static string AssignOne(string reference, string returnTo) =>
        $"{Assign}?selected={Uri.EscapeDataString(reference)}&returnTo={Uri.EscapeDataString(returnTo)}";

    public const string Tags = "/triage/tags";

    public static string Tag(long id) => $"/triage/tags/{id}";

    /// <summary>Every submission with the tag, in the queue, whoever it is assigned to.</summary>
    public static string TaggedSubmissions(long id) => $"/triage?assigned=&tag={id}";

    public static string Groups(string state) => $"/triage/groups?state={state}";

    public static string Group(long id) => $"/triage/groups/{id}";

    /// <summary>Candidate themes among the current round's responses, or (given its slug) those to one workstream.</summary>
    public static string Themes(string? workstreamSlug) =>
        workstreamSlug is null ? "/triage/themes" : $"/triage/themes?workstream={Uri.EscapeDataString(workstreamSlug)}";

    public static string Theme(long id) => $"/triage/themes/{id}";

    /// <summary>The page that tags the submissions it is given as "selected" values.</summary>
    public const string ApplyTags = "/triage/tag";

    public static string TagOne(string reference, string returnTo) =>
        $"{ApplyTags}?selected={Uri.EscapeDataString(reference)}&returnTo={Uri.EscapeDataString(returnTo)}";

    /// <summary>Where a chief inspector rejects the secretariat's open recommendation, with reasons.</summary>
    public static string RejectRecommendation(string reference) => $"/triage/{reference}/recommendation/reject";

    /// <summary>The risk and resources overview of one round, with its capacity and "what if" scenarios.</summary>
    public static string Overview(string roundCode) => $"/triage/overview?round={Uri.EscapeDataString(roundCode)}";

    public const string Manage = "/manage";

    public static string ManageRound(string roundCode) => $"/manage/rounds/{roundCode}";

    /// <summary>Where the secretariat enters each inspectorate's available inspector-days for the round's years.</summary>
    public static string ManageCapacity(string roundCode) => $"/manage/rounds/{roundCode}/capacity";

    public static string ManageOutcomes(string roundCode) => $"/manage/rounds/{roundCode}/outcomes";

    /// <summary>What is left before a round concludes, step by step.</summary>
    public static string ConcludeRound(string roundCode) => $"/manage/rounds/{roundCode}/conclude";

    public static string FinaliseProgramme(string roundCode) => $"/manage/rounds/{roundCode}/finalise";

    public static string PublishOutcome(string roundCode) => $"/manage/rounds/{roundCode}/publish-outcome";

    /// <summary>Where the secretariat adds a workstream to a round's draft programme.</summary>
    public static string AddWorkstream(string roundCode) => $"/manage/rounds/{roundCode}/workstreams/new";

    /// <summary>Where the secretariat changes one workstream of a round's draft programme.</summary>
    public static string ManageWorkstream(string roundCode, string slug) => $"/manage/rounds/{roundCode}/workstreams/{Uri.EscapeDataString(slug)}";

    public static string WithdrawWorkstream(string roundCode, string slug) => $"{ManageWorkstream(roundCode, slug)}/withdraw";

    public static string MoveWorkstream(string roundCode, string slug) => $"{ManageWorkstream(roundCode, slug)}/move";

    /// <summary>Where the secretariat moves work that needs no one else's agreement to the round's other programme year.</summary>
    public static string MoveWorkstreamToYear(string roundCode, string slug) => $"{ManageWorkstream(roundCode, slug)}/programme-year";

    /// <summary>Where the lead's chief inspector moves a joint proposal to the other programme year, revising its decision.</summary>
    public static string MoveProposal(string reference) => $"/triage/{reference}/move";

    /// <summary>A concluded round's outcome: what respondents said and what the chief inspectors did.</summary>
    public static string Outcome(string roundCode) => $"/programmes/{roundCode}/outcome";

    /// <summary>The published responses of a concluded round, searchable and paged.</summary>
    public static string OutcomeResponses(string roundCode) => $"/programmes/{roundCode}/outcome/responses";

    /// <summary>Staff moderate a submission: publish it as agreed, withhold it, or redact passages.</summary>
    public static string Moderate(string reference) => $"/triage/{reference}/moderate";

    /// <summary>Where staff ask for an export of the queue's view given by <paramref name="filterQuery"/> (a query string without "?").</summary>
    public static string NewExport(string filterQuery) => string.IsNullOrEmpty(filterQuery) ? "/triage/exports/new" : $"/triage/exports/new?{filterQuery}";

    /// <summary>An export's progress, and its download link once written.</summary>
    public static string Export(long id) => $"/triage/exports/{id}";

    public static string ExportFile(long id) => $"/triage/exports/{id}/file";

    /// <summary>For an email: the path made absolute under the portal's public address.</summary>
    public static Uri Absolute(Uri publicBase, string path) => new(publicBase, path.TrimStart('/'));
}
