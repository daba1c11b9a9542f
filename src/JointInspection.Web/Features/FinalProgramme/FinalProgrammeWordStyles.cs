using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace JointInspection.Web.Features.FinalProgramme;

/// <summary>
/// The Word document's styles and numbering. Headings are Word's own built-in ones ("heading 1" to "heading 3", with
/// outline levels), so the navigation pane, a screen reader's heading list and an exported PDF's bookmarks all find
/// them; lists are real numbering, not typed numbers or bullets. Arial in black, as GOV.UK publishing guidance asks
/// of documents, and British English as the document's language.
/// </summary>
public static class FinalProgrammeWordStyles
{
    public const string Title = "Title";
    public const string Heading1 = "Heading1";
    public const string Heading2 = "Heading2";
    public const string Heading3 = "Heading3";
    public const string ListParagraph = "ListParagraph";
    public const string TableGrid = "TableGrid";

    /// <summary>The numbering instance of the numbered list (Annex A's principles).</summary>
    public const int NumberedList = 1;

    /// <summary>The numbering instance of bulleted lists.</summary>
    public const int BulletedList = 2;

    public const string Language = "en-GB";

    public static void AddTo(MainDocumentPart main)
    {
        ArgumentNullException.ThrowIfNull(main);
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial", EastAsia = "Arial" },
                    new FontSize { Val = "24" },
                    new FontSizeComplexScript { Val = "24" },
                    new Languages { Val = Language, EastAsia = Language, Bidi = Language })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "160", Line = "288", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle())
            {
                Type = StyleValues.Paragraph,
                StyleId = "Normal",
                Default = true,
            },
            ParagraphStyle(Title, "Title", 0, sizeHalfPoints: 56, before: 0, after: 480, outlineLevel: null),
            ParagraphStyle(Heading1, "heading 1", 9, sizeHalfPoints: 40, before: 480, after: 240, outlineLevel: 0),
            ParagraphStyle(Heading2, "heading 2", 9, sizeHalfPoints: 32, before: 360, after: 160, outlineLevel: 1),
            ParagraphStyle(Heading3, "heading 3", 9, sizeHalfPoints: 26, before: 240, after: 120, outlineLevel: 2),
            new Style(
                new StyleName { Val = "List Paragraph" },
                new BasedOn { Val = "Normal" },
                new UIPriority { Val = 34 },
                new PrimaryStyle(),
                new StyleParagraphProperties(new SpacingBetweenLines { After = "80" }, new Indentation { Left = "720" }))
            {
                Type = StyleValues.Paragraph,
                StyleId = ListParagraph,
            },
            new Style(
                new StyleName { Val = "Table Grid" },
                new UIPriority { Val = 39 },
                new StyleParagraphProperties(new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto }),
                new StyleRunProperties(new FontSize { Val = "20" }, new FontSizeComplexScript { Val = "20" }),
                new StyleTableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "0B0C0C" }),
                    new TableCellMarginDefault(
                        new TopMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                        new TableCellLeftMargin { Width = 100, Type = TableWidthValues.Dxa },
                        new BottomMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                        new TableCellRightMargin { Width = 100, Type = TableWidthValues.Dxa })))
            {
                Type = StyleValues.Table,
                StyleId = TableGrid,
            });

        var numbering = main.AddNewPart<NumberingDefinitionsPart>();
        numbering.Numbering = new Numbering(
            List(NumberedList, NumberFormatValues.Decimal, "%1."),
            List(BulletedList, NumberFormatValues.Bullet, "•"),
            new NumberingInstance(new AbstractNumId { Val = NumberedList }) { NumberID = NumberedList },
            new NumberingInstance(new AbstractNumId { Val = BulletedList }) { NumberID = BulletedList });
    }

    private static Style ParagraphStyle(string id, string name, int priority, int sizeHalfPoints, int before, int after, int? outlineLevel)
    {
        var paragraph = new StyleParagraphProperties(
            new KeepNext(),
            new KeepLines(),
            new SpacingBetweenLines { Before = Number(before), After = Number(after) });
        if (outlineLevel is { } level)
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        return new Style(
            new StyleName { Val = name },
            new BasedOn { Val = "Normal" },
            new NextParagraphStyle { Val = "Normal" },
            new UIPriority { Val = priority },
            new PrimaryStyle(),
            paragraph,
            new StyleRunProperties(
                new Bold(),
                new BoldComplexScript(),
                new Color { Val = "0B0C0C" },
                new FontSize { Val = Number(sizeHalfPoints) },
                new FontSizeComplexScript { Val = Number(sizeHalfPoints) }))
        {
            Type = StyleValues.Paragraph,
            StyleId = id,
        };
    }

    private static AbstractNum List(int id, NumberFormatValues format, string text) =>
        new(
            new MultiLevelType { Val = MultiLevelValues.SingleLevel },
            new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = format },
                new LevelText { Val = text },
                new LevelJustification { Val = LevelJustificationValues.Left },
                new PreviousParagraphProperties(new Indentation { Left = "720", Hanging = "360" }))
            { LevelIndex = 0 })
        { AbstractNumberId = id };

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
