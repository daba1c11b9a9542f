using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace JointInspection.Tests.FinalProgramme;

/// <summary>The final programme as a Word document, downloaded as the public would and read back with DocumentFormat.OpenXml.</summary>
public sealed class FinalProgrammeWordTests(FinalisedProgrammePortal portal) : IClassFixture<FinalisedProgrammePortal>, IDisposable
{
    private readonly HttpClient anonymous = new() { BaseAddress = portal.BaseAddress };

    [Fact]
    public async Task The_document_is_an_attachment_named_for_the_round_with_its_title_and_language()
    {
        using var response = await anonymous.GetAsync("/programmes/2021-23/final.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("joint-inspection-programme-2021-23.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var document = await OpenAsync(response);
        Assert.Equal("Joint inspection programme 2021–23", document.PackageProperties.Title);
        Assert.Equal("en-GB", document.PackageProperties.Language);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        Assert.Empty(document.MainDocumentPart!.ImageParts);
    }

    [Fact]
    public async Task The_sections_are_real_headings_defined_in_the_styles_part()
    {
        using var document = await DownloadAsync();
        var body = document.MainDocumentPart!.Document!.Body!;
        var styles = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().ToDictionary(s => s.StyleId!.Value!);

        Assert.Equal(
            ["Introduction", "A. The context to our programme", "B. Joint inspection programme for 2021–23", "Annex A: the ten principles of inspection"],
            StyledTexts(body, "Heading1"));
        Assert.Contains("New work: joint inspections involving three or more criminal justice inspectorates", StyledTexts(body, "Heading2"));
        Assert.Contains("Continuing commitments: core joint inspections", StyledTexts(body, "Heading2"));
        Assert.Contains("Remand of children", StyledTexts(body, "Heading3"));
        foreach (var (id, name, level) in new[] { ("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1), ("Heading3", "heading 3", 2) })
        {
            Assert.Equal(name, styles[id].StyleName!.Val!.Value);
            Assert.Equal(level, styles[id].StyleParagraphProperties!.OutlineLevel!.Val!.Value);
        }
    }

    [Fact]
    public async Task The_tables_hold_every_workstream_not_withdrawn_under_a_header_row()
    {
        var expected = await portal.ExpectedWorkstreamsAsync();
        using var document = await DownloadAsync();
        var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();

        Assert.NotEmpty(tables);
        var rows = new List<string[]>();
        foreach (var table in tables)
        {
            var header = table.Elements<TableRow>().First();
            Assert.NotNull(header.TableRowProperties?.GetFirstChild<TableHeader>());
            Assert.Equal(
                ["Workstream", "Lead inspectorate", "Supporting inspectorates", "Partner bodies", "Programme year", "Expected publication"],
                header.Elements<TableCell>().Select(c => c.InnerText));
            Assert.All(table.Elements<TableRow>().Skip(1), row => Assert.Null(row.TableRowProperties?.GetFirstChild<TableHeader>()));
            rows.AddRange(table.Elements<TableRow>().Skip(1).Select(row => row.Elements<TableCell>().Select(c => c.InnerText).ToArray()));
        }

        Assert.Equal(expected.Select(w => w.Title).Order(), rows.Select(r => r[0]).Order());
        foreach (var workstream in expected)
        {
            var row = rows.Single(r => r[0] == workstream.Title);
            Assert.Equal((workstream.Lead, workstream.Supporting), (row[1], row[2]));
        }

        Assert.DoesNotContain(rows, r => r[0] == FinalisedProgrammePortal.WithdrawnTitle);
        Assert.Equal(("CQC", "2022–23"), (rows.Single(r => r[0] == "Court interpreters")[3], rows.Single(r => r[0] == "Court interpreters")[4]));
    }

    [Fact]
    public async Task The_ten_principles_are_a_numbered_list()
    {
        using var document = await DownloadAsync();
        var main = document.MainDocumentPart!;
        var numbering = main.NumberingDefinitionsPart!.Numbering!;
        var decimalLists = numbering.Elements<AbstractNum>()
            .Where(a => a.Elements<Level>().Single(l => l.LevelIndex! == 0).NumberingFormat!.Val! == NumberFormatValues.Decimal)
            .Select(a => a.AbstractNumberId!.Value)
            .ToHashSet();
        var numbered = numbering.Elements<NumberingInstance>()
            .Where(n => decimalLists.Contains(n.AbstractNumId!.Val!.Value))
            .Select(n => n.NumberID!.Value)
            .ToHashSet();

        var items = main.Document!.Body!.Elements<Paragraph>()
            .Where(p => p.ParagraphProperties?.NumberingProperties?.NumberingId?.Val?.Value is { } id && numbered.Contains(id))
            .Select(p => p.InnerText)
            .ToList();

        Assert.Equal(10, items.Count);
        Assert.StartsWith("The purpose of improvement. There should be an explicit concern", items[0], StringComparison.Ordinal);
        Assert.StartsWith("Continually learn from experience.", items[9], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_respondent_is_named_only_when_they_agreed_to_be()
    {
        using var document = await DownloadAsync();
        var text = string.Join('\n', document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText));

        Assert.Contains($"From suggestion {portal.JointReference}, suggested by {FinalisedProgrammePortal.NamedRespondent}", text, StringComparison.Ordinal);
        Assert.DoesNotContain(FinalisedProgrammePortal.AnonymousRespondent, document.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal);
        Assert.DoesNotContain("respondent@example.org", document.MainDocumentPart.Document.Body.InnerText, StringComparison.Ordinal);
    }

    public void Dispose() => anonymous.Dispose();

    private static List<string> StyledTexts(Body body, string style) =>
        [.. body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];

    private async Task<WordprocessingDocument> DownloadAsync()
    {
        using var response = await anonymous.GetAsync("/programmes/2021-23/final.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await OpenAsync(response);
    }

    private static async Task<WordprocessingDocument> OpenAsync(HttpResponseMessage response)
    {
        var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return WordprocessingDocument.Open(stream, isEditable: false);
    }
}
