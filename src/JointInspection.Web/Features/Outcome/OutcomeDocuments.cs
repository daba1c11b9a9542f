using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Outcome;

/// <summary>A concluded round's decision log: every final, released decision, in reference order.</summary>
public sealed record DecisionLogDocument(RoundDocument Round, IReadOnlyList<DecisionLogEntry> Decisions);

/// <summary>
/// One decision as open data. Publication is "published", "not-published-at-request" (the respondent asked us not to
/// publish) or "not-published"; Title and Respondent are null unless it is published, and Respondent is "Anonymous" unless
/// the respondent agreed to be named. AgreedBy lists the inspectorates that agreed a joint decision, the lead first;
/// DecidedBy is the inspectorate whose chief inspector made the decision. No one's email address is ever in it.
/// </summary>
public sealed record DecisionLogEntry(
    string Reference,
    string Kind,
    string? RespondsTo,
    string? AreaOfFocus,
    string? RespondsToWorkstream,
    string Publication,
    string? Title,
    string? Respondent,
    string Outcome,
    string Decision,
    string Rationale,
    string? Workstream,
    string? WorkstreamTitle,
    string? DeferredTo,
    int? Likelihood,
    int? Impact,
    int? RiskScore,
    string? RiskBand,
    IReadOnlyList<string> AgreedBy,
    string? DecidedBy,
    DateTimeOffset DecidedAt,
    DateTimeOffset ReleasedAt)
{
    public static DecisionLogEntry From(OutcomeDecision d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Reference, d.Kind, d.ResponseTo, d.AreaOfFocusCode, d.RespondsToSlug,
            d.Published is not null ? "published" : d.ConsentRefused ? "not-published-at-request" : "not-published",
            d.Published?.Title, d.Respondent, d.Outcome, OutcomeWords.Decision(d), d.Rationale, d.WorkstreamSlug, d.WorkstreamTitle, d.DeferredTo,
            d.Likelihood, d.Impact, d.Risk, d.Band is { } band ? Triage.Assessment.RiskScore.BandLabel(band).ToLowerInvariant() : null, d.AgreedBy, d.DecidedBy,
            d.DecidedAt, d.ReleasedAt);
    }
}

/// <summary>One page of a concluded round's published responses and suggestions, with the search that found them.</summary>
public sealed record PublishedResponsesDocument(
    RoundDocument Round, string? Search, int Total, int Page, int PageCount, IReadOnlyList<PublishedResponseDocument> Items);

/// <summary>
/// A response or suggestion as moderated: the published copy, with any redacted passage as "[redacted]". Respondent is the
/// name the respondent agreed to publish (an organisation's, for an organisation), else "Anonymous".
/// </summary>
public sealed record PublishedResponseDocument(
    string Reference,
    string Kind,
    string Respondent,
    string RespondentType,
    string? OrganisationType,
    string? RespondsTo,
    string? AreaOfFocus,
    string? Workstream,
    string? Stance,
    string? Title,
    string Text,
    string? Reason,
    string? EvidenceLinks,
    DateTimeOffset ReceivedAt,
    bool HasRedactions)
{
    public static PublishedResponseDocument From(PublishedSubmission s, Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(programme);
        return new(
            s.Reference, s.Kind, s.Name ?? "Anonymous", s.RespondentType, s.OrganisationType, s.ResponseTo, s.AreaOfFocusCode,
            s.WorkstreamId is { } id ? programme.AllWorkstreams.FirstOrDefault(w => w.Id == id)?.Slug : null,
            s.Stance, s.Title, s.BodyText, s.ReasonText, s.EvidenceLinks, s.ReceivedAt, s.HasRedactions);
    }
}
