using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// An Excel workbook of one sheet, "Submissions", written with the Open XML SDK's OpenXmlWriter: each row goes to the
/// file as it comes, and no document of all the rows is ever built. Text is an inline string, never a formula, so
/// nothing a respondent wrote can run; numeric columns are numbers so they sort and sum. The heading row is frozen.
/// </summary>
public sealed class XlsxExportWriter : ExportFileWriter
{
    private const string SheetName = "Submissions";

    private static readonly OpenXmlAttribute[] InlineString = [new("t", "", "inlineStr")];
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private readonly ZipArchive zip;
    private readonly Stream sheetStream;
    private readonly OpenXmlWriter writer;
    private readonly IReadOnlyList<ExportColumn> columns;
    private readonly string[] letters;
    private readonly OpenXmlAttribute[] cellAttributes = new OpenXmlAttribute[2];
    private readonly OpenXmlAttribute[] numberAttributes = new OpenXmlAttribute[1];
    private readonly List<OpenXmlAttribute> rowAttributes = [default];
    private long row;

    // OpenXmlWriter takes only an element's name from these, so one of each serves every row and cell.
    private readonly Row rowElement = new();
    private readonly Cell cellElement = new();
    private readonly CellValue valueElement = new();
    private readonly InlineString inlineElement = new();
    private readonly Text textElement = new();

    public XlsxExportWriter(Stream destination, IReadOnlyList<ExportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = columns;
        letters = [.. Enumerable.Range(0, columns.Count).Select(ColumnLetters)];

        // The SDK makes the workbook with an empty sheet; its parts are copied into the file as they are, and the sheet's
        // entry is then written row by row. The SDK's own package cannot stream: on .NET it holds every part it writes in
        // memory until it is closed (dotnet/Open-XML-SDK#807), which for the sheet is hundreds of megabytes.
        using var workbookOnly = new MemoryStream();
        string sheetEntry;
        using (var document = SpreadsheetDocument.Create(workbookOnly, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName }));
            sheetEntry = sheet.Uri.OriginalString.TrimStart('/');
        }

        zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        workbookOnly.Position = 0;
        using (var parts = new ZipArchive(workbookOnly, ZipArchiveMode.Read))
        {
            foreach (var part in parts.Entries.Where(e => e.FullName != sheetEntry))
            {
                using var from = part.Open();
                using var to = zip.CreateEntry(part.FullName, CompressionLevel.Optimal).Open();
                from.CopyTo(to);
            }
        }

        sheetStream = zip.CreateEntry(sheetEntry, CompressionLevel.Fastest).Open();
        writer = OpenXmlWriter.Create(sheetStream);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
        { WorkbookViewId = 0 }));
        writer.WriteStartElement(new SheetData());
        WriteRow([.. columns.Select(c => c.Heading)], headings: true);
    }

    public override void WriteRow(IReadOnlyList<string> cells) => WriteRow(cells, headings: false);

    public override void Finish()
    {
        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
        writer.Close();
        sheetStream.Dispose();
        zip.Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            writer.Dispose();
            sheetStream.Dispose();
            zip.Dispose();
        }
    }

    private void WriteRow(IReadOnlyList<string> cells, bool headings)
    {
        ArgumentNullException.ThrowIfNull(cells);
        row++;
        var number = row.ToString(CultureInfo.InvariantCulture);
        rowAttributes[0] = new OpenXmlAttribute("r", "", number);
        writer.WriteStartElement(rowElement, rowAttributes);
        for (var i = 0; i < cells.Count; i++)
        {
            var value = cells[i];
            if (value.Length == 0)
            {
                // An empty cell is left out; the references of the others keep each in its column.
                continue;
            }

            var reference = new OpenXmlAttribute("r", "", string.Concat(letters[i], number));
            if (!headings && columns[i].Numeric)
            {
                numberAttributes[0] = reference;
                writer.WriteStartElement(cellElement, numberAttributes);
                writer.WriteStartElement(valueElement);
                writer.WriteString(value);
                writer.WriteEndElement();
                writer.WriteEndElement();
                continue;
            }

            cellAttributes[0] = reference;
            cellAttributes[1] = InlineString[0];
            writer.WriteStartElement(cellElement, cellAttributes);
            writer.WriteStartElement(inlineElement);
            writer.WriteStartElement(textElement, PreserveSpace);
            writer.WriteString(XmlSafe(value));
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>XML cannot hold most control characters; a stray one in pasted text is dropped rather than failing the export.</summary>
    private static string XmlSafe(string value)
    {
        foreach (var c in value)
        {
            if (!XmlConvert.IsXmlChar(c) && !char.IsSurrogate(c))
            {
                var kept = new StringBuilder(value.Length);
                foreach (var k in value)
                {
                    if (XmlConvert.IsXmlChar(k) || char.IsSurrogate(k))
                    {
                        kept.Append(k);
                    }
                }

                return kept.ToString();
            }
        }

        return value;
    }

    /// <summary>A, B, … Z, AA, AB, … for the column at <paramref name="index"/> (from 0).</summary>
    private static string ColumnLetters(int index)
    {
        var letters = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
