using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace JointInspection.Web.Features.Attachments;

/// <summary>
/// A zip is accepted only as a Word document (DOCX) or an OpenDocument text (ODT). Before anything parses it, every
/// entry is inflated into nothing and counted (<see cref="UnpackBudget"/>): a zip of too many entries, or one that
/// unpacks to too much or far beyond its packed size, is refused whatever sizes it declares. Then macros are refused,
/// and the document must open and give up its words: DOCX through the Open XML SDK, ODT's content.xml through an
/// XmlReader that refuses a DTD (so no entity expansion).
/// </summary>
internal static class ZipInspection
{
    private const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    public static (AttachmentKind Kind, string Text) Read(string name, byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            CheckUnpackedSize(name, zip);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            if (entries.Contains("[Content_Types].xml") && entries.Contains("word/document.xml"))
            {
                return (AttachmentKind.Docx, ReadDocx(name, zip, content));
            }

            if (zip.Entries.Count > 0 && zip.Entries[0] is { FullName: "mimetype", Length: < 100 } && ReadAll(zip.Entries[0]) == AttachmentKind.Odt.ContentType)
            {
                return (AttachmentKind.Odt, ReadOdt(name, zip));
            }
        }
        catch (InvalidDataException)
        {
            // Not a zip after all, or a damaged one: it is not one of the files we take.
        }

        throw new AttachmentRefusedException(AttachmentRules.NotAllowedType(name));
    }

    private static void CheckUnpackedSize(string name, ZipArchive zip)
    {
        if (zip.Entries.Count > AttachmentRules.MaxZipEntries)
        {
            throw new AttachmentRefusedException(AttachmentRules.Bomb(name));
        }

        var budget = new UnpackBudget(name);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            var unpacked = budget.Drain(stream);
            if (unpacked > AttachmentRules.RatioFloorBytes && unpacked > Math.Max(entry.CompressedLength, 1) * AttachmentRules.MaxCompressionRatio)
            {
                throw new AttachmentRefusedException(AttachmentRules.Bomb(name));
            }
        }
    }

    private static string ReadDocx(string name, ZipArchive zip, byte[] content)
    {
        var types = ReadAll(zip.GetEntry("[Content_Types].xml")!);
        if (types.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
            || zip.Entries.Any(e => e.Name.Equals("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            throw new AttachmentRefusedException(AttachmentRules.Macros(name));
        }

        if (!types.Contains(WordMain, StringComparison.Ordinal))
        {
            throw new AttachmentRefusedException(AttachmentRules.NotAllowedType(name));
        }

        try
        {
            using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new AttachmentRefusedException(AttachmentRules.Unreadable(name, AttachmentKind.Docx));
            var text = new StringBuilder();
            foreach (var paragraph in body.Descendants<Paragraph>())
            {
                text.Append(paragraph.InnerText).Append('\n');
                if (text.Length > AttachmentRules.TextMax)
                {
                    break;
                }
            }

            return text.ToString();
        }
        catch (Exception ex) when (ex is not (AttachmentRefusedException or OutOfMemoryException))
        {
            // The SDK throws XmlException (a DTD among them), OpenXmlPackageException and others for a package it cannot read.
            throw new AttachmentRefusedException(AttachmentRules.Unreadable(name, AttachmentKind.Docx));
        }
    }

    private static string ReadOdt(string name, ZipArchive zip)
    {
        // LibreOffice keeps Basic macros under Basic/ and other scripts under Scripts/.
        if (zip.Entries.Any(e => e.FullName.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase) || e.FullName.StartsWith("Scripts/", StringComparison.OrdinalIgnoreCase)))
        {
            throw new AttachmentRefusedException(AttachmentRules.Macros(name));
        }

        try
        {
            var content = zip.GetEntry("content.xml") ?? throw new AttachmentRefusedException(AttachmentRules.Unreadable(name, AttachmentKind.Odt));
            using var stream = content.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var text = new StringBuilder();
            while (reader.Read() && text.Length <= AttachmentRules.TextMax)
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(reader.Value);
                }
                else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName is "p" or "h")
                {
                    text.Append('\n');
                }
                else if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "s" or "tab" or "line-break")
                {
                    text.Append(' ');
                }
            }

            return text.ToString();
        }
        catch (XmlException)
        {
            throw new AttachmentRefusedException(AttachmentRules.Unreadable(name, AttachmentKind.Odt));
        }
    }

    /// <summary>A small entry's text; only called once the budget has checked every entry.</summary>
    private static string ReadAll(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
