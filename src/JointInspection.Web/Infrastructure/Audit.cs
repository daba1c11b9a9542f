using System.Data.Common;
using System.Text.Json;
using Dapper;

namespace JointInspection.Web.Infrastructure;

/// <summary>Writes an audit entry inside the caller's transaction, so the change and its record commit together.</summary>
public static class Audit
{
    public static Task WriteAsync(
        DbConnection connection, DbTransaction transaction, DateTimeOffset at, string actor, string action, string subject, object? before, object? after) =>
        connection.ExecuteAsync(
            "INSERT INTO audit_log (at, actor, action, subject, before, after) VALUES (@at, @actor, @action, @subject, @before, @after)",
            new
            {
                at,
                actor,
                action,
                subject,
                before = before is null ? null : JsonSerializer.Serialize(before),
                after = after is null ? null : JsonSerializer.Serialize(after),
            },
            transaction);
}
