using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace JointInspection.Web.Features.Submissions;

/// <summary>The human reference shown to a respondent and in every email: JI- and the submission's id.</summary>
public static class SubmissionReference
{
    public static string Format(long id) => $"JI-{id.ToString("D6", CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? reference, out long id)
    {
        id = 0;
        return reference is not null
            && reference.StartsWith("JI-", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(reference.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && id > 0;
    }
}

/// <summary>
/// Unguessable tokens for links in emails. Only a token's SHA-256 is stored, so a copy of the database
/// does not hand out working links.
/// </summary>
public static class LinkToken
{
    public static string New() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
