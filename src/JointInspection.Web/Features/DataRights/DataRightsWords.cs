using System.Text.Json;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.DataRights;

/// <summary>What a respondent's request and its answer read as on the submission's timeline and in the audit log.</summary>
public static class DataRightsWords
{
    public const string Correction = $"data-request.{DataRequests.Correction}";
    public const string Erasure = $"data-request.{DataRequests.Erasure}";
    public const string Access = "data-request.access";
    public const string Reply = "data-request.reply";

    public static readonly IReadOnlyList<(string Action, string Label)> Actions =
    [
        (Correction, "Correction of personal data asked for"),
        (Erasure, "Erasure of personal data asked for"),
        (Access, "Everything held listed for a respondent"),
        (Reply, "Correction request answered"),
        (Erasures.EraseAction, "Personal data erased on request"),
    ];

    /// <summary>The entry in words, or null when it is not one of these.</summary>
    public static string? Audited(string action, string? after)
    {
        var due = Property(after, "dueAt") is { ValueKind: JsonValueKind.String } d && d.TryGetDateTimeOffset(out var at) ? $", to answer by {UkTime.Date(at)}" : "";
        return action switch
        {
            Correction => $"The respondent asked for a correction of their personal data{due}",
            Erasure => $"The respondent asked for their personal data to be deleted{due}",
            Access => "The respondent had every submission sent with their email address listed, by email to it",
            Reply => "Correction request answered by email",
            Erasures.EraseAction => Property(after, "textKeptBecause") is { ValueKind: JsonValueKind.String } kept
                ? $"Personal data deleted at the respondent’s request; what they wrote is kept because {kept.GetString()}"
                : "Personal data and what they wrote deleted at the respondent’s request",
            _ => null,
        };
    }

    // Entries are never rewritten: an old or odd one is described with less, never refused.
    private static JsonElement? Property(string? json, string name)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value) ? value.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
