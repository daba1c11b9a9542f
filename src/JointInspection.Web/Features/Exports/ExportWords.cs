namespace JointInspection.Web.Features.Exports;

/// <summary>What the pages and the API say when an export cannot be seen or downloaded, in the same words.</summary>
public static class ExportWords
{
    public const string NotYours =
        "This export was asked for by another member of staff. Only the person who asked for an export can follow it and download its file. Ask for your own from the triage queue.";

    public static string NoFile(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return job.State switch
        {
            ExportStates.Failed => Failed(job),
            ExportStates.Done => "The file was removed a day after it was written. Ask for a new export from the triage queue.",
            _ => "The export is still being written. Wait for it to finish, then download it.",
        };
    }

    public static string Failed(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return $"The export could not be written: {job.Error} Try again.";
    }

    /// <summary>"12,000 of 100,000 submissions".</summary>
    public static string Progress(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var culture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");
        return job.RowsTotal is { } total
            ? $"{job.RowsDone.ToString("N0", culture)} of {total.ToString("N0", culture)} {(total == 1 ? "submission" : "submissions")}"
            : "Counting the submissions";
    }
}
