using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace JointInspection.TestSupport;

/// <summary>
/// Files for the attachment tests, built here in code: good PDF, DOCX and ODT files carrying given words, and a corpus
/// of files made to harm or tire whoever opens them (bombs, encryption, scripts, disguises). Nothing binary is kept in
/// the repository.
/// </summary>
public static class SampleFiles
{
    public const string OdtType = "application/vnd.oasis.opendocument.text";

    /// <summary>A one-page PDF whose text is <paramref name="words"/>, made by PdfPig's document builder.</summary>
    public static byte[] Pdf(string words)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.AddText(words, 12, new UglyToad.PdfPig.Core.PdfPoint(50, 700), font);
        return builder.Build();
    }

    /// <summary>A Word document of one paragraph, made by the Open XML SDK.</summary>
    public static byte[] Docx(string words)
    {
        using var output = new MemoryStream();
        using (var document = WordprocessingDocument.Create(output, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(words)))));
        }

        return output.ToArray();
    }

    /// <summary>An OpenDocument text of one paragraph: the mimetype entry first and stored, as the format requires.</summary>
    public static byte[] Odt(string words, string mimetype = OdtType, params (string Name, string Content)[] extra) =>
        Zip(
        [
            ("mimetype", mimetype),
            ("META-INF/manifest.xml", """<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""),
            ("content.xml", $"""<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>{System.Security.SecurityElement.Escape(words)}</text:p></office:text></office:body></office:document-content>"""),
            .. extra,
        ]);

    /// <summary>A good DOCX with a VBA project added, as a macro-enabled document carries one.</summary>
    public static byte[] MacroDocx() => AddEntries(Docx("Harmless looking words"), ("word/vbaProject.bin", "Attribute VB_Name = \"ThisDocument\""));

    /// <summary>An ODT with a Basic macro library.</summary>
    public static byte[] MacroOdt() => Odt("Harmless looking words", OdtType, ("Basic/Standard/Module1.xml", "<script/>"));

    /// <summary>A DOCX whose document.xml inflates to more than the 100 MB any file may unpack to.</summary>
    public static byte[] DocxBomb() => ZipWithHugeEntry("word/document.xml", 110, DocxContentTypes());

    /// <summary>A DOCX whose document.xml is 20 MB of one letter: under the total, but far more than its packed size allows.</summary>
    public static byte[] DocxRatioBomb() => ZipWithHugeEntry("word/document.xml", 20, DocxContentTypes());

    /// <summary>A zip of thousands of empty entries around a DOCX's two required parts.</summary>
    public static byte[] ZipOfManyEntries() =>
        Zip([("[Content_Types].xml", DocxContentTypes()), ("word/document.xml", "<w:document/>"), .. Enumerable.Range(0, 5_000).Select(i => ($"word/media/part{i}.xml", ""))]);

    /// <summary>A DOCX whose document.xml declares a DTD of entities that double ten times over (billion laughs).</summary>
    public static byte[] DocxWithDtd()
    {
        var dtd = new StringBuilder("<!DOCTYPE w:document [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 10; i++)
        {
            dtd.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};&lol{i - 1};\">");
        }

        dtd.Append("]>");
        var document = $"""<?xml version="1.0" encoding="UTF-8"?>{dtd}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol10;</w:t></w:r></w:p></w:body></w:document>""";
        return Replace(Docx("placeholder"), "word/document.xml", document);
    }

    /// <summary>A PDF whose page content is a Flate stream that inflates to 120 MB of nothing.</summary>
    public static byte[] PdfFlateBomb()
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 120; i++)
            {
                zlib.Write(zeros);
            }
        }

        return HandBuiltPdf(packed.ToArray(), "/Filter /FlateDecode");
    }

    /// <summary>A PDF whose trailer names an encryption dictionary (the standard security handler, revision 2).</summary>
    public static byte[] EncryptedPdf() =>
        HandBuiltPdf(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (secret) Tj ET"), "",
            extraObject: $"<< /Filter /Standard /V 1 /R 2 /O <{new string('A', 64)}> /U <{new string('B', 64)}> /P -44 >>",
            trailer: $"/Encrypt 6 0 R /ID [<{new string('C', 32)}> <{new string('C', 32)}>]");

    /// <summary>A PDF that runs JavaScript when opened.</summary>
    public static byte[] PdfWithJavaScript() =>
        HandBuiltPdf(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (hello) Tj ET"), "", catalog: "/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>");

    /// <summary>A PDF that launches a program from a link on its page.</summary>
    public static byte[] PdfWithLaunchAction() =>
        HandBuiltPdf(Encoding.ASCII.GetBytes("BT /F1 12 Tf 72 700 Td (hello) Tj ET"), "", catalog: "/OpenAction << /S /Launch /F (calc.exe) >>");

    /// <summary>A PDF whose text is <paramref name="words"/>, written by hand rather than by a library.</summary>
    public static byte[] PlainPdf(string words) =>
        HandBuiltPdf(Encoding.ASCII.GetBytes($"BT /F1 12 Tf 72 700 Td ({words}) Tj ET"), "");

    /// <summary>A good PDF cut off part way.</summary>
    public static byte[] TruncatedPdf()
    {
        var whole = PlainPdf("cut short");
        return whole[..(whole.Length / 2)];
    }

    /// <summary>A Windows program's first bytes.</summary>
    public static byte[] Exe() => [.. "MZ"u8, .. new byte[62], .. "This program cannot be run in DOS mode."u8];

    public static byte[] Html() => "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray();

    /// <summary>A PNG's signature and header chunk.</summary>
    public static byte[] Png() => [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89];

    private static string DocxContentTypes() =>
        """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""";

    private static byte[] Zip(IEnumerable<(string Name, string Content)> entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                // ODT's mimetype must be stored, not compressed, so that its first bytes can be read as they are.
                var entry = zip.CreateEntry(name, name == "mimetype" ? CompressionLevel.NoCompression : CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return output.ToArray();
    }

    private static byte[] ZipWithHugeEntry(string name, int megabytes, string contentTypes)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = zip.CreateEntry("[Content_Types].xml").Open())
            {
                types.Write(Encoding.UTF8.GetBytes(contentTypes));
            }

            using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            var letters = Encoding.ASCII.GetBytes(new string('a', 1024 * 1024));
            for (var i = 0; i < megabytes; i++)
            {
                stream.Write(letters);
            }
        }

        return output.ToArray();
    }

    private static byte[] AddEntries(byte[] zipFile, params (string Name, string Content)[] entries)
    {
        using var output = new MemoryStream();
        output.Write(zipFile);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(content));
            }
        }

        return output.ToArray();
    }

    private static byte[] Replace(byte[] zipFile, string name, string content)
    {
        using var output = new MemoryStream();
        output.Write(zipFile);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)!.Delete();
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(content));
        }

        return output.ToArray();
    }

    /// <summary>
    /// A one-page PDF written object by object with a correct cross-reference table: the page's content stream (with
    /// its filter), and optionally more in the catalog, a sixth object and more in the trailer.
    /// </summary>
    private static byte[] HandBuiltPdf(byte[] content, string filter, string catalog = "", string? extraObject = null, string trailer = "")
    {
        List<byte[]> objects =
        [
            Encoding.ASCII.GetBytes($"<< /Type /Catalog /Pages 2 0 R {catalog} >>"),
            Encoding.ASCII.GetBytes("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Encoding.ASCII.GetBytes("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            [.. Encoding.ASCII.GetBytes($"<< /Length {content.Length} {filter} >>\nstream\n"), .. content, .. Encoding.ASCII.GetBytes("\nendstream")],
            Encoding.ASCII.GetBytes("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        ];
        if (extraObject is not null)
        {
            objects.Add(Encoding.ASCII.GetBytes(extraObject));
        }

        using var output = new MemoryStream();
        void Write(string text) => output.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write($"{i + 1} 0 obj\n");
            output.Write(objects[i]);
            Write("\nendobj\n");
        }

        var xref = output.Position;
        Write($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            Write($"{offset:D10} 00000 n \n");
        }

        Write($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n");
        return output.ToArray();
    }
}
