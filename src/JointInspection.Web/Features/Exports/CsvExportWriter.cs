using CsvHelper;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// CSV by CsvHelper: RFC 4180, UTF-8 with a byte order mark so that Excel reads accents and curly quotes as they were
/// written. A cell starting with = + - @, a tab or a carriage return gets an apostrophe in front (CsvHelper's injection
/// escape), so a spreadsheet shows it as text instead of running it as a formula.
/// </summary>
public sealed class CsvExportWriter : ExportFileWriter
{
    private readonly CsvWriter csv;

    public CsvExportWriter(Stream destination, IReadOnlyList<ExportColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        csv = CsvWriter.Create(destination, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        WriteRow([.. columns.Select(c => c.Heading)]);
    }

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        for (var i = 0; i < cells.Count; i++)
        {
            csv.WriteField(cells[i]);
        }

        csv.EndRecord();
    }

    public override void Finish() => csv.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            csv.Dispose();
        }
    }
}
