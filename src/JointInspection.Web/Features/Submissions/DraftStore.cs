using System.Text.Json;
using Dapper;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.DataProtection;

namespace JointInspection.Web.Features.Submissions;

/// <summary>What a sent draft made, shown again to the browser that sent it; <see cref="StatusToken"/> is that person's secret.</summary>
public sealed record SentDraft(string Reference, string StatusToken, string? Email)
{
    public string StatusPath => Infrastructure.PortalPaths.Status(StatusToken);
}

/// <summary>
/// A journey's answers between pages, kept in the database under a random id held in a cookie, so
/// that going back, making a mistake or moving between portal nodes loses nothing a person typed. Once sent, a draft
/// is kept, marked with what it made, so that Back and refresh show the reference and it cannot be sent twice. A draft
/// saved to come back to later (<see cref="SavedDrafts"/>) outlives the two days, until its consultation closes.
/// </summary>
public sealed class DraftStore(
    Database database, TimeProvider clock, PortalCookies cookies, IConfiguration configuration, IDataProtectionProvider protection)
{
    /// <summary>
    /// The client of a draft's claim in idempotency_key. An address never reads "draft", so a draft's key cannot answer
    /// for an API client's.
    /// </summary>
    private const string ClaimClient = "draft";

    private readonly IDataProtector statusTokens = protection.CreateProtector("JointInspection.Submissions.Draft.StatusToken");

    /// <summary>Live drafts one client address keeps; saving one more lets its oldest go.</summary>
    private readonly int maxPerClient = configuration.GetValue("Submissions:Drafts:MaxPerClient", 20);

    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(2);

    public async Task<SubmissionAnswers> LoadAsync(HttpContext http, string kind)
    {
        var id = http.Request.Cookies[cookies.Draft];
        if (id is not null)
        {
            await using var connection = await database.OpenAsync(http.RequestAborted);
            var json = await connection.QuerySingleOrDefaultAsync<string>(
                """
                SELECT answers FROM submission_draft
                 WHERE id = @id AND kind = @kind AND (updated_at > @oldest OR saved_email IS NOT NULL) AND sent_submission_id IS NULL
                """,
                new { id, kind, oldest = clock.GetUtcNow() - Lifetime });
            if (json is not null)
            {
                return JsonSerializer.Deserialize<SubmissionAnswers>(json) ?? new SubmissionAnswers { Kind = kind };
            }
        }

        return new SubmissionAnswers { Kind = kind };
    }

    /// <summary>Saves the answers under this browser's draft, starting one if need be; returns the draft's id.</summary>
    public async Task<string> SaveAsync(HttpContext http, SubmissionAnswers answers)
    {
        var id = http.Request.Cookies[cookies.Draft] ?? LinkToken.New();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "";
        var now = clock.GetUtcNow();
        var json = JsonSerializer.Serialize(answers);
        await using var connection = await database.OpenForWriteAsync(http.RequestAborted);
        await using var transaction = await connection.BeginWriteAsync(http.RequestAborted);
        const string upsert =
            """
            INSERT INTO submission_draft (id, kind, answers, updated_at, client_address) VALUES (@id, @Kind, @json, @now, @client)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, answers = excluded.answers, updated_at = excluded.updated_at,
                client_address = excluded.client_address
            WHERE submission_draft.sent_submission_id IS NULL
            """;
        if (await connection.ExecuteAsync(upsert, new { id, answers.Kind, json, now, client }, transaction) == 0)
        {
            // The cookie names a draft already sent (the person started the other journey): it keeps its reference.
            id = LinkToken.New();
            await connection.ExecuteAsync(upsert, new { id, answers.Kind, json, now, client }, transaction);
        }

        // Anyone may start drafts without signing in; one address keeps only so many, so it cannot fill the disk. A saved
        // draft is not counted: people behind one office address must not push out each other's saved work, and saving
        // one sends an email, which the submission rate limit bounds.
        await connection.ExecuteAsync(
            """
            DELETE FROM submission_draft WHERE client_address = @client AND saved_email IS NULL AND id NOT IN (
                SELECT id FROM submission_draft WHERE client_address = @client AND saved_email IS NULL
                 ORDER BY updated_at DESC, id LIMIT @maxPerClient)
            """,
            new { client, maxPerClient },
            transaction);
        // Old drafts go as new ones are written; nobody needs a journey abandoned days ago unless they saved it.
        await connection.ExecuteAsync(
            "DELETE FROM submission_draft WHERE updated_at < @oldest AND saved_email IS NULL", new { oldest = now - Lifetime }, transaction);
        await transaction.CommitAsync(http.RequestAborted);
        http.Response.Cookies.Append(cookies.Draft, id, cookies.Options(http, Lifetime));
        return id;
    }

    /// <summary>The id of this browser's draft, if it has one.</summary>
    public string? IdOf(HttpContext http) => http.Request.Cookies[cookies.Draft];

    /// <summary>Whether this browser holds unsent answers other than the draft <paramref name="id"/>.</summary>
    public async Task<bool> HoldsOtherThanAsync(HttpContext http, string id)
    {
        if (IdOf(http) is not { } current || current == id)
        {
            return false;
        }

        await using var connection = await database.OpenAsync(http.RequestAborted);
        return await connection.ExecuteScalarAsync<long?>(
            "SELECT 1 FROM submission_draft WHERE id = @current AND sent_submission_id IS NULL AND (updated_at > @oldest OR saved_email IS NOT NULL)",
            new { current, oldest = clock.GetUtcNow() - Lifetime }) is not null;
    }

    /// <summary>Makes <paramref name="id"/> this browser's draft: a saved draft, come back to on any device.</summary>
    public void Adopt(HttpContext http, string id) => http.Response.Cookies.Append(cookies.Draft, id, cookies.Options(http, Lifetime));

    /// <summary>
    /// The claim that makes sending this browser's draft idempotent: two Sends of one draft at once store one
    /// submission, as <see cref="SubmissionStore"/> checks it inside the write. Null when there is no draft.
    /// </summary>
    public IdempotencyClaim? SendClaim(HttpContext http) =>
        http.Request.Cookies[cookies.Draft] is { } id ? new IdempotencyClaim(ClaimClient, id, ClaimClient) : null;

    /// <summary>
    /// Marks this browser's draft as sent, keeping what it made for the rest of the draft's lifetime. A sent draft is no
    /// longer a saved one: it goes with the others after two days, keeping no email address until then.
    /// </summary>
    public async Task MarkSentAsync(HttpContext http, SavedSubmission saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        if (http.Request.Cookies[cookies.Draft] is not { } id)
        {
            return;
        }

        var token = statusTokens.Protect(saved.StatusToken);
        await using var connection = await database.OpenForWriteAsync(http.RequestAborted);
        await using var transaction = await connection.BeginWriteAsync(http.RequestAborted);
        await connection.ExecuteAsync(
            """
            UPDATE submission_draft SET sent_submission_id = @Id, protected_status_token = @token, updated_at = @now, saved_email = NULL
            WHERE id = @draft AND sent_submission_id IS NULL
            """,
            new { saved.Id, token, now = clock.GetUtcNow(), draft = id },
            transaction);
        await transaction.CommitAsync(http.RequestAborted);
    }

    /// <summary>What this browser's draft of <paramref name="kind"/> made, if it has been sent; null otherwise.</summary>
    public async Task<SentDraft?> FindSentAsync(HttpContext http, string kind)
    {
        if (http.Request.Cookies[cookies.Draft] is not { } id)
        {
            return null;
        }

        await using var connection = await database.OpenAsync(http.RequestAborted);
        var found = await connection.QuerySingleOrDefaultAsync<SentRow>(
            """
            SELECT sent_submission_id AS SubmissionId, protected_status_token AS ProtectedStatusToken, answers AS Answers
            FROM submission_draft
            WHERE id = @id AND kind = @kind AND updated_at > @oldest AND sent_submission_id IS NOT NULL
            """,
            new { id, kind, oldest = clock.GetUtcNow() - Lifetime });
        if (found is null)
        {
            return null;
        }

        var email = JsonSerializer.Deserialize<SubmissionAnswers>(found.Answers)?.Email?.Trim();
        return new SentDraft(SubmissionReference.Format(found.SubmissionId), statusTokens.Unprotect(found.ProtectedStatusToken), email);
    }

    public async Task DiscardAsync(HttpContext http)
    {
        if (http.Request.Cookies[cookies.Draft] is { } id)
        {
            await using var connection = await database.OpenAsync(http.RequestAborted);
            await connection.ExecuteAsync("DELETE FROM submission_draft WHERE id = @id", new { id });
            http.Response.Cookies.Delete(cookies.Draft, cookies.Options(http));
        }
    }

    private sealed record SentRow(long SubmissionId, string ProtectedStatusToken, string Answers);
}
