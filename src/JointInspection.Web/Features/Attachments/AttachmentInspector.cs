using System.Text;

namespace JointInspection.Web.Features.Attachments;

/// <summary>A file that passed every check: what it is and the words in it (at most <see cref="AttachmentRules.TextMax"/>).</summary>
public sealed record InspectedFile(string Name, AttachmentKind Kind, string Text);

/// <summary>The outcome of checking a file: accepted, or refused with a message that names the file and the rule.</summary>
public sealed record Inspection(InspectedFile? Accepted, string? Refusal);

/// <summary>Thrown inside the checks to refuse a file; <see cref="AttachmentInspector"/> turns it into a refusal.</summary>
internal sealed class AttachmentRefusedException(string message) : Exception(message);

/// <summary>
/// Decides whether a file may be attached, by its content alone: its first bytes say what it claims to be (PDF, or a
/// zip that is a DOCX or an ODT), then it must open and give up its words within bounded work. Pure: nothing is stored.
/// </summary>
public static class AttachmentInspector
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    public static Inspection Inspect(string? fileName, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = AttachmentRules.SafeName(fileName);
        if (content.Length == 0)
        {
            return new(null, AttachmentRules.Empty(name));
        }

        if (content.Length > AttachmentRules.MaxFileBytes)
        {
            return new(null, AttachmentRules.TooLarge(name));
        }

        try
        {
            var (kind, text) = content.AsSpan().StartsWith(PdfMagic) ? (AttachmentKind.Pdf, PdfInspection.Read(name, content))
                : content.AsSpan().StartsWith(ZipMagic) ? ZipInspection.Read(name, content)
                : throw new AttachmentRefusedException(AttachmentRules.NotAllowedType(name));
            return new(new InspectedFile(name, kind, Capped(text)), null);
        }
        catch (AttachmentRefusedException refused)
        {
            return new(null, refused.Message);
        }
    }

    /// <summary>Words as the search reads them: runs of white space made one, at most <paramref name="max"/> characters.</summary>
    internal static string Capped(string text, int max = AttachmentRules.TextMax)
    {
        var result = new StringBuilder(Math.Min(text.Length, max));
        char? gap = null;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                // A run of space is one space, or one line break if it holds one: paragraphs stay apart.
                gap = result.Length == 0 ? null : c == '\n' || gap == '\n' ? '\n' : ' ';
                continue;
            }

            if (result.Length + (gap is null ? 0 : 1) >= max)
            {
                break;
            }

            if (gap is { } separator)
            {
                result.Append(separator);
                gap = null;
            }

            result.Append(c);
        }

        return result.ToString();
    }
}

/// <summary>Counts what unpacking a file has produced, against <see cref="AttachmentRules.MaxUnpackedBytes"/>.</summary>
internal sealed class UnpackBudget(string name)
{
    private long remaining = AttachmentRules.MaxUnpackedBytes;

    public long Remaining => remaining;

    public void Spend(long bytes)
    {
        remaining -= bytes;
        if (remaining < 0)
        {
            throw new AttachmentRefusedException(AttachmentRules.Bomb(name));
        }
    }

    /// <summary>Reads <paramref name="stream"/> to its end, spending what it yields; returns how much that was.</summary>
    public long Drain(Stream stream)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            Spend(read);
            total += read;
        }

        return total;
    }
}
