using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Retention;

/// <summary>
/// The audit entries of redactions quote the passage redacted, a piece of the respondent's text: an erasure replaces
/// it there as in the text, keeping who redacted it, when and why. The JSON is rewritten here rather than in SQL, as
/// SQLite and PostgreSQL edit JSON differently.
/// </summary>
internal static class RedactionAudit
{
    public static async Task EraseAsync(DbConnection connection, DbTransaction transaction, long[] submissionIds, string erased, CancellationToken cancellationToken)
    {
        var subjects = submissionIds.Select(id => $"submission:{SubmissionReference.Format(id)}").ToArray();
        var entries = await connection.QueryAsync<Entry>(new CommandDefinition(
            $"""
            SELECT id AS Id, before AS Before, after AS After FROM audit_log
             WHERE subject {connection.InList("subjects")} AND action {connection.InList("actions")}
            """,
            new { subjects, actions = new[] { ModerationStore.RedactAction, ModerationStore.UnredactAction } },
            transaction,
            cancellationToken: cancellationToken));
        foreach (var entry in entries)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE audit_log SET before = @before, after = @after WHERE id = @id",
                new { id = entry.Id, before = Erase(entry.Before, erased), after = Erase(entry.After, erased) },
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    private static string? Erase(string? json, string erased)
    {
        if (json is null || JsonNode.Parse(json) is not JsonObject copy)
        {
            return json;
        }

        // The redact entry says "passage", the unredact entry "Passage" (each as its writer named it).
        foreach (var name in copy.Select(p => p.Key).Where(k => k.Equals("passage", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            copy[name] = erased;
        }

        return copy.ToJsonString();
    }

    private sealed class Entry
    {
        public long Id { get; init; }

        public string? Before { get; init; }

        public string? After { get; init; }
    }
}
