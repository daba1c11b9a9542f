using System.Runtime.CompilerServices;
using Dapper;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Moderation;

/// <summary>
/// One submission as the public may read it. Name is set only when the respondent agreed to be named: the
/// organisation's name for an organisation, the person's otherwise. The texts are the published copies, with every
/// redaction in force replaced. It never carries an email address.
/// </summary>
public sealed record PublishedSubmission(
    long Id, string Reference, string Kind, string RespondentType, string? OrganisationType, string? Name,
    string? ResponseTo, string? AreaOfFocusCode, long? WorkstreamId, string? Stance, string? Title,
    string BodyText, string BodyHtml, string? ReasonText, string? ReasonHtml, string? EvidenceLinks,
    DateTimeOffset ReceivedAt, bool HasRedactions);

public sealed record PublishedPage(IReadOnlyList<PublishedSubmission> Items, int Total, int PageNumber, int PageCount);

/// <summary>
/// The submissions a round publishes: only once the round is concluded, only those whose respondent agreed to
/// publication, and only those a member of staff moderated as published. Every public output reads them here, so the
/// rule is in one query; searches look at the published copies alone, so a redacted word finds nothing.
/// </summary>
public sealed class PublishedSubmissions(Database database)
{
    public const int PageSize = 20;

    private const string From = """
          FROM submission s
          JOIN moderation m ON m.submission_id = s.id AND m.state = 'published'
          JOIN programme_round r ON r.id = s.round_id AND r.concluded_at IS NOT NULL
         WHERE s.round_id = @roundId
           AND s.publication_consent IN ('named', 'anonymous')
           AND (@like IS NULL
                OR lower(m.published_title) LIKE lower(@like) ESCAPE '\' OR lower(m.published_body_text) LIKE lower(@like) ESCAPE '\'
                OR lower(m.published_reason_text) LIKE lower(@like) ESCAPE '\'
                OR (s.publication_consent = 'named' AND s.personal_data_removed_at IS NULL AND lower(coalesce(s.organisation_name, s.respondent_name)) LIKE lower(@like) ESCAPE '\'))
        """;

    private const string Select = $"""
        SELECT s.id AS Id, s.kind AS Kind, s.respondent_type AS RespondentType, s.organisation_type AS OrganisationType,
               CASE WHEN s.publication_consent = 'named' AND s.personal_data_removed_at IS NULL THEN coalesce(s.organisation_name, s.respondent_name) END AS Name,
               s.response_to AS ResponseTo, s.area_of_focus_code AS AreaOfFocusCode, s.workstream_id AS WorkstreamId,
               s.stance AS Stance, m.published_title AS Title, m.published_body_text AS BodyText,
               m.published_body_html AS BodyHtml, m.published_reason_text AS ReasonText,
               m.published_reason_html AS ReasonHtml, m.published_evidence_links AS EvidenceLinks,
               s.received_at AS ReceivedAt,
               EXISTS (SELECT 1 FROM redaction x WHERE x.submission_id = s.id AND x.removed_at IS NULL) AS HasRedactions
        {From}
        """;

    public async Task<PublishedPage> ReadPageAsync(long roundId, string? search, int pageNumber, CancellationToken cancellationToken = default)
    {
        var like = Like(search);
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) {From}", new { roundId, like }, cancellationToken: cancellationToken));
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        pageNumber = Math.Clamp(pageNumber, 1, pageCount);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"{Select} ORDER BY s.id LIMIT @take OFFSET @skip",
            new { roundId, like, take = PageSize, skip = (pageNumber - 1) * PageSize },
            cancellationToken: cancellationToken));
        return new PublishedPage([.. rows.Select(r => r.ToPublished())], total, pageNumber, pageCount);
    }

    /// <summary>Every published submission of the round, in reference order, read as it goes rather than all at once.</summary>
    public async IAsyncEnumerable<PublishedSubmission> ReadAllAsync(long roundId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"{Select} ORDER BY s.id", new { roundId, like = (string?)null }, cancellationToken: cancellationToken));
        var parse = reader.GetRowParser<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return parse(reader).ToPublished();
        }
    }

    private static string? Like(string? search) =>
        string.IsNullOrWhiteSpace(search) ? null
        : "%" + search.Trim().Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal)
            .Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private sealed class Row
    {
        public long Id { get; init; }

        public string Kind { get; init; } = "";

        public string RespondentType { get; init; } = "";

        public string? OrganisationType { get; init; }

        public string? Name { get; init; }

        public string? ResponseTo { get; init; }

        public string? AreaOfFocusCode { get; init; }

        public long? WorkstreamId { get; init; }

        public string? Stance { get; init; }

        public string? Title { get; init; }

        public string BodyText { get; init; } = "";

        public string BodyHtml { get; init; } = "";

        public string? ReasonText { get; init; }

        public string? ReasonHtml { get; init; }

        public string? EvidenceLinks { get; init; }

        public DateTimeOffset ReceivedAt { get; init; }

        public bool HasRedactions { get; init; }

        public PublishedSubmission ToPublished() => new(
            Id, SubmissionReference.Format(Id), Kind, RespondentType, OrganisationType, Name, ResponseTo, AreaOfFocusCode,
            WorkstreamId, Stance, Title, BodyText, BodyHtml, ReasonText, ReasonHtml, EvidenceLinks, ReceivedAt, HasRedactions);
    }
}
