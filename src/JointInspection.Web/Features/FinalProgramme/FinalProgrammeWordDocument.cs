using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using JointInspection.Web.Infrastructure;
using static JointInspection.Web.Features.FinalProgramme.FinalProgrammeWordStyles;
using TableGrid = DocumentFormat.OpenXml.Wordprocessing.TableGrid;

namespace JointInspection.Web.Features.FinalProgramme;

/// <summary>
/// The final programme as a Word document for the inspectorates' publishing teams: the page's content in the same
/// order, with real headings, lists and tables (each workstream table's first row a header row that repeats on every
/// page), the title and language in its properties and no text in images, so it stays accessible once published.
/// </summary>
public static class FinalProgrammeWordDocument
{
    /// <summary>The columns of each Section B table, with their widths in twentieths of a point (A4 less 2 cm margins).</summary>
    private static readonly (string Heading, int Width)[] Columns =
    [
        ("Workstream", 2600), ("Lead inspectorate", 1400), ("Supporting inspectorates", 1700),
        ("Partner bodies", 1400), ("Programme year", 1100), ("Expected publication", 1438),
    ];

    public static byte[] Build(FinalProgramme final)
    {
        ArgumentNullException.ThrowIfNull(final);
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = final.Title;
            document.PackageProperties.Language = Language;
            document.PackageProperties.Creator = "Criminal Justice Joint Inspection";
            // The same programme makes the same document: dated by its finalisation, not by the request.
            document.PackageProperties.Created = final.FinalisedAt.UtcDateTime;
            document.PackageProperties.Modified = final.FinalisedAt.UtcDateTime;

            var main = document.AddMainDocumentPart();
            AddTo(main);
            var body = new Body();
            Write(body, final);
            body.Append(new SectionProperties(
                new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1134U, Right = 1134U, Header = 567U, Footer = 567U, Gutter = 0U }));
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static void Write(Body body, FinalProgramme final)
    {
        body.Append(Styled(Title, final.Title));
        body.Append(Text($"Finalised by the chief inspectors on {UkTime.Date(final.FinalisedAt)}."));

        body.Append(Styled(Heading1, "Introduction"));
        body.Append(final.Introduction.Select(Text));
        body.Append(final.Signatories.Select(Text));

        body.Append(Styled(Heading1, "A. The context to our programme", pageBreakBefore: true));
        foreach (var part in final.Context)
        {
            body.Append(Styled(Heading2, part.Heading));
            body.Append(part.Paragraphs.Select(Text));
            body.Append(part.Items.Select(item => ListItem(BulletedList, new Run(Plain(item)))));
        }

        body.Append(Styled(Heading1, final.SectionBHeading, pageBreakBefore: true));
        body.Append(Text("The programme includes:"));
        body.Append(ListItem(BulletedList, new Run(Plain("continuing commitments: ongoing work from previously published programmes"))));
        body.Append(ListItem(BulletedList, new Run(Plain("new work: inspections arising from business planning and the consultation"))));
        foreach (var group in final.Groups)
        {
            body.Append(Styled(Heading2, group.Heading));
            body.Append(Text(group.Introduction));
            body.Append(WorkstreamTable(group));
            foreach (var workstream in group.Workstreams)
            {
                body.Append(Styled(Heading3, workstream.Title));
                body.Append(Lines(workstream.Summary).Select(Text));
                if (FinalWorkstreamText.Origin(workstream) is { } origin)
                {
                    body.Append(Text(origin));
                }
            }
        }

        body.Append(Styled(Heading1, "Annex A: the ten principles of inspection", pageBreakBefore: true));
        body.Append(Text("The principles of inspection place the following expectations on inspection providers and on the departments sponsoring them."));
        foreach (var principle in final.Principles)
        {
            body.Append(ListItem(NumberedList, new Run(new RunProperties(new Bold()), Plain(principle.Title + ". ")), new Run(Plain(principle.Text))));
        }
    }

    private static Table WorkstreamTable(WorkstreamGroup group)
    {
        var table = new Table(
            new TableProperties(
                new TableStyle { Val = FinalProgrammeWordStyles.TableGrid },
                new TableWidth { Width = Columns.Sum(c => c.Width).ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
                new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true },
                new TableCaption { Val = group.Heading }),
            new TableGrid(Columns.Select(c => new GridColumn { Width = c.Width.ToString(System.Globalization.CultureInfo.InvariantCulture) })));

        // Marked as the header row, so that a screen reader announces each cell's column and the row repeats on every page.
        table.Append(new TableRow(
            [new TableRowProperties(new CantSplit(), new TableHeader()), .. Columns.Select(c => Cell(c.Width, new Run(new RunProperties(new Bold()), Plain(c.Heading))))]));
        foreach (var workstream in group.Workstreams)
        {
            string[] values =
            [
                workstream.Title, FinalWorkstreamText.Lead(workstream), FinalWorkstreamText.Supporting(workstream),
                FinalWorkstreamText.Partners(workstream), workstream.When, FinalWorkstreamText.Publication(workstream),
            ];
            table.Append(new TableRow(
                [new TableRowProperties(new CantSplit()), .. values.Select((value, i) => Cell(Columns[i].Width, new Run(Plain(value))))]));
        }

        return table;
    }

    private static TableCell Cell(int width, Run run) =>
        new(
            new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa }),
            new Paragraph(run));

    private static Paragraph Styled(string style, string text, bool pageBreakBefore = false)
    {
        var properties = new ParagraphProperties(new ParagraphStyleId { Val = style });
        if (pageBreakBefore)
        {
            properties.Append(new PageBreakBefore());
        }

        return new Paragraph(properties, new Run(Plain(text)));
    }

    private static Paragraph Text(string text) => new(new Run(Plain(text)));

    private static Paragraph ListItem(int list, params OpenXmlElement[] runs) =>
        new(new OpenXmlElement[]
        {
            new ParagraphProperties(
                new ParagraphStyleId { Val = ListParagraph },
                new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = list })),
        }.Concat(runs));

    /// <summary>A typed summary's lines, each a paragraph of its own.</summary>
    private static string[] Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Text as Word keeps it: spaces as typed, and no control characters, which XML cannot carry.</summary>
    private static Text Plain(string text) =>
        new(new string([.. text.Where(c => c == '\t' || !char.IsControl(c))])) { Space = SpaceProcessingModeValues.Preserve };
}
