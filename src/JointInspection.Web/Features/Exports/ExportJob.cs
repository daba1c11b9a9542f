namespace JointInspection.Web.Features.Exports;

/// <summary>The file formats an export is written in.</summary>
public static class ExportFormats
{
    public const string Csv = "csv";
    public const string Xlsx = "xlsx";

    public static readonly IReadOnlyList<string> All = [Csv, Xlsx];

    public static string Label(string format) => format == Xlsx ? "Excel workbook (XLSX)" : "CSV (comma-separated values)";

    public static string ContentType(string format) => format == Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";
}

/// <summary>Where an export has got to: queued, then running, then done or failed.</summary>
public static class ExportStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Failed = "failed";

    public static bool IsActive(string state) => state is Queued or Running;
}

/// <summary>
/// One export asked for by a member of staff. Filter is the queue's query string it was asked with. FilePath is set
/// only when the whole file was written, and cleared once the file has been removed (FileRemovedAt).
/// </summary>
public sealed record ExportJob(
    long Id, string RequestedBy, string Filter, string Format, string State, long RowsDone, long? RowsTotal, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? FilePath, DateTimeOffset? FileRemovedAt, string? Error)
{
    /// <summary>How long a finished file is kept before it is removed.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>
    /// How long a node's claim on the export it is writing lasts without a renewal. Progress renews it at least every
    /// few seconds while rows are written, so this only needs to outlast the quiet steps (counting the rows, finishing
    /// a workbook); it is also how long an owner waits to hear that a node stopped mid-export.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public bool IsActive => ExportStates.IsActive(State);

    /// <summary>Whether <paramref name="email"/> asked for it: only they may follow it and download its file.</summary>
    public bool IsFor(string? email) => string.Equals(email, RequestedBy, StringComparison.OrdinalIgnoreCase);

    /// <summary>Ready to download: written in full and not yet removed.</summary>
    public bool CanDownload => State == ExportStates.Done && FilePath is not null;

    /// <summary>Whole percent written, for the progress bar's text; 0 until the rows are counted.</summary>
    public int Percent => RowsTotal is > 0 and var total ? (int)Math.Min(100, RowsDone * 100 / total) : State == ExportStates.Done ? 100 : 0;

    /// <summary>What the download is called: the format's extension, with the export's id and when it was asked for.</summary>
    public string FileName => $"submissions-export-{Id}-{Infrastructure.UkTime.ToUk(CreatedAt):yyyyMMdd-HHmm}.{Format}";

    /// <summary>When the finished file is removed, or null while it is being written.</summary>
    public DateTimeOffset? RemovedAfter => FinishedAt + KeptFor;
}
