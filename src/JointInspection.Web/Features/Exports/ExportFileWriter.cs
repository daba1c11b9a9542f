namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Writes an export's rows to a stream as they are read, one at a time, so a file of any size takes the memory of a row.
/// Every cell is text; a column marked numeric holds whole numbers or nothing. Nothing a respondent wrote can become a
/// formula: CSV escapes it and XLSX holds it as an inline string.
/// </summary>
public abstract class ExportFileWriter : IDisposable
{
    public static ExportFileWriter Create(string format, Stream destination, IReadOnlyList<ExportColumn> columns) => format switch
    {
        ExportFormats.Csv => new CsvExportWriter(destination, columns),
        ExportFormats.Xlsx => new XlsxExportWriter(destination, columns),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Not an export format."),
    };

    /// <summary>Writes one row: one cell for each column, in order.</summary>
    public abstract void WriteRow(IReadOnlyList<string> cells);

    /// <summary>Ends the file; a file not finished is not a whole file.</summary>
    public abstract void Finish();

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}
