using System.Security.Cryptography;
using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Triage;

/// <summary>A submission as the queue sees it; a suggestion when Title is set, otherwise a response.</summary>
public sealed record SubmissionRow(
    string Body = "Some text.",
    string? Title = null,
    string Reason = "A reason.",
    string RespondentType = "individual",
    bool Confirmed = false,
    string Status = "received",
    string? AreaOfFocus = null,
    long? WorkstreamId = null,
    string? Lead = null,
    string[]? Areas = null,
    string[]? Inspectorates = null,
    string Name = "Pat Doe",
    string Email = "pat@example.org",
    string Organisation = "Victim Support Cymru",
    string ReceivedAt = "2027-01-10T09:00:00.000Z");

/// <summary>Writes submissions straight into the portal's database, many at once when a test needs volume.</summary>
public static class SubmissionRows
{
    /// <summary>The portal's database once the portal has started, and so once its migrations have run.</summary>
    public static string StartedConnectionString(this PortalFactory portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        portal.CreateClient().Dispose();
        return portal.ConnectionString;
    }

    public static long Insert(string connectionString, SubmissionRow row) => InsertMany(connectionString, [row])[0];

    public static IReadOnlyList<long> InsertMany(string connectionString, IEnumerable<SubmissionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var connection = TestDatabase.Open(connectionString);
        using var transaction = connection.BeginTransaction();
        var ids = new List<long>();
        foreach (var row in rows)
        {
            var suggestion = row.Title is not null;
            var organisation = row.RespondentType == "organisation";
            var id = connection.ExecuteScalar<long>(
                """
                INSERT INTO submission (
                    round_id, kind, status, response_to, area_of_focus_code, workstream_id, stance,
                    title, reason_text, reason_html, lead_inspectorate_code, timing, body_text, body_html,
                    respondent_name, respondent_email, respondent_type, organisation_name, organisation_type,
                    publication_consent, status_token_hash, email_confirmed_at, received_at)
                VALUES (
                    (SELECT min(id) FROM programme_round), @kind, @Status, @responseTo, @AreaOfFocus, @WorkstreamId, @stance,
                    @Title, @reason, @reason, @Lead, @timing, @Body, @Body,
                    @Name, @Email, @RespondentType, @organisationName, @organisationType,
                    'none', @tokenHash, @confirmedAt, @ReceivedAt)
                RETURNING id
                """,
                new
                {
                    kind = suggestion ? "suggestion" : "response",
                    row.Status,
                    responseTo = suggestion ? null : row.WorkstreamId is not null ? "workstream" : row.AreaOfFocus is not null ? "area-of-focus" : "programme",
                    row.AreaOfFocus,
                    row.WorkstreamId,
                    stance = suggestion ? null : "support",
                    row.Title,
                    reason = suggestion ? row.Reason : null,
                    row.Lead,
                    timing = suggestion ? "later" : null,
                    row.Body,
                    row.Name,
                    row.Email,
                    row.RespondentType,
                    organisationName = organisation ? row.Organisation : null,
                    organisationType = organisation ? "voluntary-community" : null,
                    tokenHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                    confirmedAt = row.Confirmed ? row.ReceivedAt : null,
                    row.ReceivedAt,
                },
                transaction);
            connection.Execute(
                "INSERT INTO submission_area_of_focus (submission_id, area_of_focus_code) VALUES (@id, @code)",
                (row.Areas ?? []).Select(code => new { id, code }), transaction);
            connection.Execute(
                "INSERT INTO submission_inspectorate (submission_id, inspectorate_code) VALUES (@id, @code)",
                (row.Inspectorates ?? []).Select(code => new { id, code }), transaction);
            ids.Add(id);
        }

        transaction.Commit();
        return ids;
    }
}
