using System.IO.Compression;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace JointInspection.Web.Features.Attachments;

/// <summary>
/// A PDF must open with PdfPig (strictly, so a truncated or mangled file is refused), must not be encrypted, must carry
/// nothing that acts when staff open it (JavaScript, launch or submit actions, embedded files, rich media), must have at
/// most <see cref="AttachmentRules.MaxPdfPages"/> pages, and gives up its words. Every stream PdfPig decodes goes through
/// <see cref="BoundedFilters"/>, so a compression bomb is stopped while it inflates rather than after.
/// </summary>
internal static class PdfInspection
{
    /// <summary>Names that make a PDF do something: as a dictionary key or as a name value (an action's /S, a /Type).</summary>
    private static readonly HashSet<string> ActiveNames =
        ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "SubmitForm", "ImportData", "GoToE", "XFA"];

    public static string Read(string name, byte[] content)
    {
        var budget = new UnpackBudget(name);
        var options = new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true, FilterProvider = new BoundedFilters(budget) };
        try
        {
            using var document = PdfDocument.Open(content, options);
            if (document.IsEncrypted)
            {
                throw new AttachmentRefusedException(AttachmentRules.Encrypted(name));
            }

            RefuseActiveContent(name, document);
            if (document.NumberOfPages > AttachmentRules.MaxPdfPages)
            {
                throw new AttachmentRefusedException(AttachmentRules.TooManyPages(name));
            }

            var words = new System.Text.StringBuilder();
            foreach (var page in document.GetPages())
            {
                words.AppendJoin(' ', page.GetWords().Select(w => w.Text)).Append('\n');
                if (words.Length > AttachmentRules.TextMax)
                {
                    break;
                }
            }

            return words.ToString();
        }
        catch (AttachmentRefusedException)
        {
            throw;
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new AttachmentRefusedException(AttachmentRules.Encrypted(name));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // PdfPig throws many kinds for a file it cannot read; for the person uploading, each means the same thing.
            throw new AttachmentRefusedException(AttachmentRules.Unreadable(name, AttachmentKind.Pdf));
        }
    }

    /// <summary>Looks at every object the cross-reference table lists, so an action hidden anywhere is found.</summary>
    private static void RefuseActiveContent(string name, PdfDocument document)
    {
        if (document.Structure.Trailer.EncryptionToken is not null)
        {
            throw new AttachmentRefusedException(AttachmentRules.Encrypted(name));
        }

        foreach (var reference in document.Structure.CrossReferenceTable.ObjectOffsets.Keys)
        {
            var token = document.Structure.GetObject(reference).Data;
            if (IsActive(token is StreamToken stream ? stream.StreamDictionary : token, depth: 0))
            {
                throw new AttachmentRefusedException(AttachmentRules.ActiveContent(name));
            }
        }
    }

    private static bool IsActive(IToken token, int depth) => depth <= 64 && token switch
    {
        NameToken n => ActiveNames.Contains(n.Data),
        DictionaryToken d => d.Data.Any(entry => ActiveNames.Contains(entry.Key) || IsActive(entry.Value, depth + 1)),
        ArrayToken a => a.Data.Any(item => IsActive(item, depth + 1)),
        _ => false,
    };

    /// <summary>
    /// PdfPig's own filters, each made to account for what it produces: Flate (nearly every stream) is first inflated
    /// into nothing, counting, and refused once it passes the budget; the others are refused before decoding when the
    /// most they could produce from their input would pass it (LZW's worst is about 2,731 times its input, run-length's
    /// 128), then charged what they did produce.
    /// </summary>
    private sealed class BoundedFilters(UnpackBudget budget) : BaseFilterProvider(Filters(budget))
    {
        private static Dictionary<string, IFilter> Filters(UnpackBudget budget)
        {
            var flate = new BoundedFlate(new FlateFilter(), budget);
            var lzw = new Guarded(new LzwFilter(), budget, 2_731);
            var runLength = new Guarded(new RunLengthFilter(), budget, 128);
            var hex = new Guarded(new AsciiHexDecodeFilter(), budget, 1);
            var ascii85 = new Guarded(new Ascii85Filter(), budget, 1);
            // Image filters: finding words never decodes an image, so these are here only so that a PDF with images opens.
            var ccitt = new Guarded(new CcittFaxDecodeFilter(), budget, 2_731);
            var dct = new Guarded(new DctDecodeFilter(), budget, 1);
            var jbig2 = new Guarded(new Jbig2DecodeFilter(), budget, 2_731);
            var jpx = new Guarded(new JpxDecodeFilter(), budget, 1);
            return new()
            {
                ["FlateDecode"] = flate,
                ["Fl"] = flate,
                ["LZWDecode"] = lzw,
                ["LZW"] = lzw,
                ["RunLengthDecode"] = runLength,
                ["RL"] = runLength,
                ["ASCIIHexDecode"] = hex,
                ["AHx"] = hex,
                ["ASCII85Decode"] = ascii85,
                ["A85"] = ascii85,
                ["CCITTFaxDecode"] = ccitt,
                ["CCF"] = ccitt,
                ["DCTDecode"] = dct,
                ["DCT"] = dct,
                ["JBIG2Decode"] = jbig2,
                ["JPXDecode"] = jpx,
            };
        }
    }

    private sealed class BoundedFlate(IFilter inner, UnpackBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            // A zlib stream: two header bytes, then deflate. Inflating into nothing costs time, not memory.
            if (input.Length > 2)
            {
                using var packed = new MemoryStream(input[2..].ToArray(), writable: false);
                using var inflating = new DeflateStream(packed, CompressionMode.Decompress);
                try
                {
                    budget.Drain(inflating);
                }
                catch (InvalidDataException)
                {
                    // Damaged data: what inflated before the damage has been counted; PdfPig decides what to make of it.
                }
            }

            return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        }
    }

    private sealed class Guarded(IFilter inner, UnpackBudget budget, long worstExpansion) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (input.Length * worstExpansion > budget.Remaining)
            {
                budget.Spend(input.Length * worstExpansion);
            }

            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length);
            return output;
        }
    }
}
