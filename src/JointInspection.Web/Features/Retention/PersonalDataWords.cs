using System.Text.Json;

namespace JointInspection.Web.Features.Retention;

/// <summary>A removal's audit entry in words, for a submission's timeline and the audit log page.</summary>
public static class PersonalDataWords
{
    /// <summary>"Personal data removed (name, email address, organisation name)".</summary>
    public static string Removed(string? after)
    {
        var fields = new List<string>();
        try
        {
            if (after is not null && JsonDocument.Parse(after).RootElement is { ValueKind: JsonValueKind.Object } entry
                && entry.TryGetProperty("removed", out var removed) && removed.ValueKind == JsonValueKind.Array)
            {
                fields.AddRange(removed.EnumerateArray().Select(f => Field(f.GetString())));
                if (entry.TryGetProperty("attachments", out var files) && files.TryGetInt32(out var count) && count > 0)
                {
                    fields.Add(count == 1 ? "1 document" : $"{count} documents");
                }
            }
        }
        catch (JsonException)
        {
            // An entry the portal did not write in this shape still reads as a removal.
        }

        return fields.Count == 0 ? "Personal data removed" : $"Personal data removed ({string.Join(", ", fields)})";
    }

    private static string Field(string? column) => column switch
    {
        "respondent_name" => "name",
        "respondent_email" => "email address",
        "organisation_name" => "organisation name",
        _ => column ?? "",
    };
}
