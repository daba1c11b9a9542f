using System.Net;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Exports;

/// <summary>
/// What an export holds, after a real sign-in and the queue's own link: the filter's submissions row for row as the
/// database has them, in CSV and read back from XLSX, with the decision, the recommendation only as a DRAFT, a withheld
/// submission marked and nothing that could run as a formula.
/// </summary>
public sealed class ExportContentsTests(ExportsPortal exports) : IClassFixture<ExportsPortal>
{
    private const string Formula = "=HYPERLINK(\"https://evil.example\",\"Click me\")";

    [Fact]
    public async Task A_csv_export_of_the_queues_view_has_its_submissions_row_for_row_as_the_database_has_them()
    {
        var seeded = await SeedAsync();
        using var secretariat = await exports.Portal.SignedInAsync(Staff.Secretariat, "/triage");

        var id = await ExportsPortal.AskThroughThePagesAsync(secretariat, "kind=suggestion&sort=risk", ExportFormats.Csv);
        var job = await exports.FinishedAsync(id);
        var page = await secretariat.GetAsync($"/triage/exports/{id}");
        var (response, body) = await ExportsPortal.DownloadAsync(secretariat, id);

        Assert.Equal((ExportStates.Done, (string?)null), (job.State, job.Error));
        Assert.Equal("kind=suggestion", job.Filter);
        Assert.Contains($"href=\"/triage/exports/{id}/file\" download data-field=\"download\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("The file is removed a day after it was written", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0xEF, body[0]);

        var (headings, rows) = ReadCsv(body);
        Assert.Equal(ExportColumns.Headings, headings);
        AssertMatchesTheDatabase(rows, escaped: true);
        AssertSeededCells(rows, seeded, Formula.Insert(0, "'"));
        Assert.Equal(1, exports.AuditCount("export.request", id));
        Assert.Equal(1, exports.AuditCount("export.download", id));
    }

    [Fact]
    public async Task An_xlsx_export_read_back_has_the_same_rows_as_inline_strings_and_no_formula()
    {
        var seeded = await SeedAsync();
        using var chiefInspector = await exports.Portal.SignedInAsync(Staff.PrisonsChiefInspector, "/triage");

        var id = await ExportsPortal.AskThroughThePagesAsync(chiefInspector, "kind=suggestion", ExportFormats.Xlsx);
        var job = await exports.FinishedAsync(id);
        Assert.Equal((ExportStates.Done, (string?)null), (job.State, job.Error));
        var (response, body) = await ExportsPortal.DownloadAsync(chiefInspector, id);

        Assert.Equal(ExportFormats.ContentType(ExportFormats.Xlsx), response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(body), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.All(sheet.Descendants<Cell>(), cell => Assert.True(
            cell.DataType?.Value == CellValues.InlineString || (cell.DataType is null && cell.CellValue is not null),
            $"Cell {cell.CellReference} is neither an inline string nor a number."));
        var table = sheet.Descendants<Row>().Select(Cells).ToList();
        Assert.Equal(ExportColumns.Headings, table[0]);
        AssertMatchesTheDatabase(table.Skip(1).ToList(), escaped: false);
        AssertSeededCells(table.Skip(1).ToList(), seeded, Formula);
    }

    private sealed record Seeded(string Decided, string Recommended, string Withheld, string Injected);

    /// <summary>Four suggestions, each showing one thing, and a response the filter leaves out.</summary>
    private async Task<Seeded> SeedAsync()
    {
        var portal = exports.Portal;
        var connectionString = portal.StartedConnectionString();
        var decided = TriageSteps.Suggestion(portal, "Remand of children", "hmi-prisons", "hmi-prisons");
        await TriageSteps.AssessAsync(portal, decided, "2022-23", new() { ["hmi-prisons"] = 40 });
        await TriageSteps.AcceptAsync(portal, decided, "Children on remand", "2022-23", "hmi-prisons", [], rationale: "Children wait too long.");
        var recommended = TriageSteps.Suggestion(portal, "Hostel places", null);
        var withheld = TriageSteps.Suggestion(portal, "Something rude", null);
        var injected = SubmissionRows.Insert(connectionString, new("+SUM(1,2)", Title: Formula, Name: "@admin", Email: "formula@example.org"));
        SubmissionRows.Insert(connectionString, new("A response, not a suggestion."));
        using var connection = exports.OpenDatabase();
        connection.Execute(
            """
            INSERT INTO recommendation (submission_id, version, outcome, rationale, recommended_by, recommended_at)
            VALUES (@recommended, 1, 'decline', 'Covered by existing work.', @by, '2027-02-01T10:00:00.000Z');
            INSERT INTO moderation (submission_id, state, withheld_reason, moderated_by, moderated_at, version)
            VALUES (@withheld, 'withheld', 'abusive', @by, '2027-02-01T10:00:00.000Z', 1);
            INSERT INTO redaction (submission_id, passage, reason, redacted_by, redacted_at)
            VALUES (@withheld, 'rude', 'Abuse', @by, '2027-02-01T10:00:00.000Z');
            INSERT INTO redaction (submission_id, passage, reason, redacted_by, redacted_at, removed_by, removed_at)
            VALUES (@withheld, 'Something', 'Mistake', @by, '2027-02-01T10:00:00.000Z', @by, '2027-02-01T11:00:00.000Z');
            INSERT INTO submission_note (submission_id, author, text, created_at)
            VALUES (@withheld, @by, 'Abusive: withhold it.', '2027-02-01T09:00:00.000Z');
            INSERT INTO submission_note (submission_id, author, text, created_at)
            VALUES (@withheld, 'former-officer@example.org', 'Agreed.', '2027-02-01T09:30:00.000Z');
            INSERT INTO submission_assignment (submission_id, assignee, assigned_by, assigned_at)
            VALUES (@withheld, @by, @by, '2027-02-01T08:00:00.000Z');
            """,
            new { recommended, withheld, by = Staff.Secretariat });
        return new(SubmissionReference.Format(decided), SubmissionReference.Format(recommended), SubmissionReference.Format(withheld), SubmissionReference.Format(injected));
    }

    /// <summary>Every suggestion, in reference order, with the cells that come straight from its row.</summary>
    private void AssertMatchesTheDatabase(IReadOnlyList<IReadOnlyList<string>> rows, bool escaped)
    {
        using var connection = exports.OpenDatabase();
        var expected = connection.Query<(long Id, string Email, string Title, string Body, long Score)>(
            "SELECT id, respondent_email, title, body_text, risk_score FROM submission WHERE kind = 'suggestion' ORDER BY id")
            .Select(s => new[] { SubmissionReference.Format(s.Id), s.Email, Escaped(s.Title, escaped), Escaped(s.Body, escaped), s.Score == 0 ? "" : $"{s.Score}" })
            .ToList();
        string[] columns = ["Reference", "Respondent email", "Suggestion title", "Text", "Risk score (1 to 25)"];
        var indexes = columns.Select(c => ExportColumns.Headings.ToList().IndexOf(c)).ToList();
        Assert.Equal(expected.Select(e => string.Join(" | ", e)), rows.Select(r => string.Join(" | ", indexes.Select(i => r[i]))));
    }

    private static void AssertSeededCells(IReadOnlyList<IReadOnlyList<string>> rows, Seeded seeded, string formulaAsWritten)
    {
        string Cell(string reference, string heading) => rows.Single(r => r[0] == reference)[ExportColumns.Headings.ToList().IndexOf(heading)];

        Assert.Equal("Accept", Cell(seeded.Decided, "Decision outcome"));
        Assert.Equal("Children wait too long.", Cell(seeded.Decided, "Decision rationale"));
        Assert.Equal("Children on remand", Cell(seeded.Decided, "Decision workstream"));
        Assert.Equal("Not needed (one inspectorate)", Cell(seeded.Decided, "Agreement"));
        Assert.Equal("16", Cell(seeded.Decided, "Risk score (1 to 25)"));
        Assert.Equal("High", Cell(seeded.Decided, "Risk band"));
        Assert.Equal("HMI Prisons 40", Cell(seeded.Decided, "Inspector-days by inspectorate"));
        Assert.Equal("", Cell(seeded.Decided, "Recommendation (DRAFT, not a decision)"));

        // A recommendation is a draft: marked so, in its own columns, and never in the decision's.
        Assert.Equal("DRAFT: Decline", Cell(seeded.Recommended, "Recommendation (DRAFT, not a decision)"));
        Assert.Equal("DRAFT: Covered by existing work.", Cell(seeded.Recommended, "Recommendation rationale (DRAFT)"));
        Assert.Equal("", Cell(seeded.Recommended, "Decision outcome"));
        Assert.Equal("", Cell(seeded.Recommended, "Decision rationale"));

        Assert.Equal("Withheld (abusive)", Cell(seeded.Withheld, "Moderation"));
        Assert.Equal("1", Cell(seeded.Withheld, "Redactions in force"));
        Assert.Equal("Not for publication", Cell(seeded.Recommended, "Moderation"));

        // Staff's notes, oldest first, one a line, by name (or address, for someone no longer on the staff list).
        Assert.Equal("Priya Shah: Abusive: withhold it.\nformer-officer@example.org: Agreed.", Cell(seeded.Withheld, "Internal notes (staff only)"));
        Assert.Equal("", Cell(seeded.Decided, "Internal notes (staff only)"));
        Assert.Equal("", Cell(seeded.Decided, "Assigned to"));
        Assert.Equal("Priya Shah", Cell(seeded.Withheld, "Assigned to"));

        Assert.Equal(formulaAsWritten, Cell(seeded.Injected, "Suggestion title"));
        Assert.StartsWith(formulaAsWritten[0] == '\'' ? "'+SUM" : "+SUM", Cell(seeded.Injected, "Text"), StringComparison.Ordinal);
        Assert.Equal(formulaAsWritten[0] == '\'' ? "'@admin" : "@admin", Cell(seeded.Injected, "Respondent name"));
    }

    private static string Escaped(string? text, bool escaped) =>
        text is null ? "" : escaped && text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    private static (IReadOnlyList<string> Headings, IReadOnlyList<IReadOnlyList<string>> Rows) ReadCsv(byte[] body)
    {
        using var reader = CsvHelper.CsvReader.Create(new MemoryStream(body), new CsvHelper.CsvReaderOptions { HasHeader = false });
        var records = new List<IReadOnlyList<string>>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetString)]);
        }

        return (records[0], records.Skip(1).ToList());
    }

    /// <summary>A row's cells by their references, so a cell left out for being empty reads as "".</summary>
    private static IReadOnlyList<string> Cells(Row row)
    {
        var cells = new string[ExportColumns.All.Count];
        Array.Fill(cells, "");
        foreach (var cell in row.Elements<Cell>())
        {
            var letters = new string([.. cell.CellReference!.Value!.TakeWhile(char.IsLetter)]);
            var index = letters.Aggregate(0, (n, c) => (n * 26) + (c - 'A' + 1)) - 1;
            cells[index] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : cell.CellValue!.Text;
        }

        return cells;
    }
}
