using System.Globalization;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// What the portal keeps of a text to find copies of it: the text normalised (lower case, accents, punctuation and
/// spacing gone), a fingerprint of that (the same for texts identical once normalised), and its three-word shingles as
/// sorted 64-bit hashes (near-identical texts share most of them). The shingles' smallest few are its sketch: two texts
/// whose shingles overlap by a fraction J share at least one sketch value with probability about 1 − (1 − J)^SketchSize,
/// so the sketch finds the candidates and the shingles confirm them.
/// </summary>
public sealed record TextPrint(string Normalised, string Fingerprint, ulong[] Shingles)
{
    /// <summary>Words per shingle: three keeps a template's copies close and independent writing far apart (see the README).</summary>
    public const int ShingleWords = 3;

    /// <summary>The sketch's size: a copy sharing a third of its shingles is missed about once in ten thousand.</summary>
    public const int SketchSize = 16;

    /// <summary>Shingles kept of a long text: its first pages are enough to tell a copy.</summary>
    public const int MaxShingles = 2000;

    public IReadOnlyList<ulong> Sketch => Shingles.Length <= SketchSize ? Shingles : Shingles[..SketchSize];

    /// <summary>Whether there is any text to compare at all once punctuation and spacing are gone.</summary>
    public bool IsEmpty => Normalised.Length == 0;

    public static TextPrint Of(string text)
    {
        var normalised = Normalise(text);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
        return new TextPrint(normalised, fingerprint, ShinglesOf(normalised));
    }

    /// <summary>Lower case, accents taken off, anything not a letter or digit a space, and single spaces between words.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(c);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>The fraction of two sorted shingle sets that they share: |A ∩ B| / |A ∪ B|.</summary>
    public static double Overlap(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        if (a.IsEmpty && b.IsEmpty)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)shared / (a.Length + b.Length - shared);
    }

    /// <summary>The shingles as stored: eight bytes each, little-endian.</summary>
    public byte[] ShinglesAsBytes() => MemoryMarshal.AsBytes(Shingles.AsSpan()).ToArray();

    public static ulong[] ShinglesFrom(byte[] stored) => MemoryMarshal.Cast<byte, ulong>(stored).ToArray();

    /// <summary>A sketch value as the database's signed 64-bit integer.</summary>
    public static long Stored(ulong value) => unchecked((long)value);

    private static ulong[] ShinglesOf(string normalised)
    {
        var words = normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return [];
        }

        // A text shorter than a shingle is one shingle of all its words.
        var count = Math.Max(1, words.Length - ShingleWords + 1);
        var hashes = new HashSet<ulong>();
        for (var i = 0; i < count && hashes.Count < MaxShingles; i++)
        {
            var shingle = string.Join(' ', words, i, Math.Min(ShingleWords, words.Length - i));
            hashes.Add(XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(shingle)));
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
