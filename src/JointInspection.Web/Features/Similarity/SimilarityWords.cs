using System.Globalization;

namespace JointInspection.Web.Features.Similarity;

/// <summary>How the group pages say how a member was matched and where it stands.</summary>
public static class SimilarityWords
{
    public static string Match(GroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var like = member.MatchedTo is { } other ? $" {other}" : " another";
        return member.Tier switch
        {
            SimilarityTiers.Identical => $"The same text as{like}",
            SimilarityTiers.Template => $"{Percent(member.Score)} of its wording shared with{like}",
            _ => $"The same idea as{like} ({Percent(member.Score)} alike)",
        };
    }

    public static string State(string state) => state switch
    {
        GroupStates.In => "Confirmed",
        GroupStates.Split => "Split off",
        _ => "Proposed by the portal",
    };

    /// <summary>
    /// A group entry of the audit log in words, from the copy it keeps: "Confirmed in group G-12 (campaign)". Null for
    /// any other entry.
    /// </summary>
    public static string? Audited(string action, string? after)
    {
        if (after is null || action is not (SimilarityGroups.ConfirmAction or SimilarityGroups.SplitAction or SimilarityGroups.DissolveAction or SimilarityGroups.RestoreAction))
        {
            return null;
        }

        using var json = System.Text.Json.JsonDocument.Parse(after);
        var root = json.RootElement;
        var group = root.TryGetProperty("group", out var g) ? $"G-{g}" : "a group";
        var kind = root.TryGetProperty("kind", out var k) && k.GetString() == SimilarityTiers.Paraphrase ? "same idea" : "campaign";
        var state = root.TryGetProperty("state", out var m) ? m.GetString() : null;
        return action switch
        {
            SimilarityGroups.ConfirmAction => $"Confirmed in group {group} ({kind})",
            SimilarityGroups.SplitAction => $"Split off group {group} ({kind})",
            SimilarityGroups.DissolveAction => $"Group {group} ({kind}) dissolved",
            _ => state == GroupStates.Proposed && root.TryGetProperty("groupState", out var gs) && gs.GetString() != GroupStates.Proposed
                ? $"Put back in group {group} ({kind})"
                : $"Group {group} ({kind}) restored",
        };
    }

    private static string Percent(double score) => score.ToString("P0", CultureInfo.GetCultureInfo("en-GB"));
}
