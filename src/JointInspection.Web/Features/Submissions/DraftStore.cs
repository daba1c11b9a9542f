using System.Text.Json;
using Dapper;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// A journey's answers between pages, kept in the database under a random id held in a cookie, so
/// that going back, making a mistake or moving between portal nodes loses nothing a person typed.
/// </summary>
public sealed class DraftStore(Database database, TimeProvider clock, PortalCookies cookies, IConfiguration configuration)
{
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
                "SELECT answers FROM submission_draft WHERE id = @id AND kind = @kind AND updated_at > @oldest",
                new { id, kind, oldest = clock.GetUtcNow() - Lifetime });
            if (json is not null)
            {
                return JsonSerializer.Deserialize<SubmissionAnswers>(json) ?? new SubmissionAnswers { Kind = kind };
            }
        }

        return new SubmissionAnswers { Kind = kind };
    }

    public async Task SaveAsync(HttpContext http, SubmissionAnswers answers)
    {
        var id = http.Request.Cookies[cookies.Draft] ?? LinkToken.New();
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "";
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenForWriteAsync(http.RequestAborted);
        await using var transaction = connection.BeginWrite();
        await connection.ExecuteAsync(
            """
            INSERT INTO submission_draft (id, kind, answers, updated_at, client_address) VALUES (@id, @Kind, @answers, @now, @client)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, answers = excluded.answers, updated_at = excluded.updated_at,
                client_address = excluded.client_address
            """,
            new { id, answers.Kind, answers = JsonSerializer.Serialize(answers), now, client },
            transaction);
        // Anyone may start drafts without signing in; one address keeps only so many, so it cannot fill the disk.
        await connection.ExecuteAsync(
            """
            DELETE FROM submission_draft WHERE client_address = @client AND id NOT IN (
                SELECT id FROM submission_draft WHERE client_address = @client ORDER BY updated_at DESC, id LIMIT @maxPerClient)
            """,
            new { client, maxPerClient },
            transaction);
        // Old drafts go as new ones are written; nobody needs a journey abandoned days ago.
        await connection.ExecuteAsync("DELETE FROM submission_draft WHERE updated_at < @oldest", new { oldest = now - Lifetime }, transaction);
        await transaction.CommitAsync(http.RequestAborted);
        http.Response.Cookies.Append(cookies.Draft, id, cookies.Options(http, Lifetime));
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
}
