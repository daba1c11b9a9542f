namespace JointInspection.Web.Features.Exports;

/// <summary>
/// Where export files are written: Exports:Path, or App_Data/exports under the content root; never under the web root,
/// so a file is reached only through the download that checks who is asking. Made when the first export is written.
/// </summary>
public sealed class ExportFolder(string path)
{
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public static ExportFolder From(IConfiguration configuration, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["Exports:Path"];
        return new ExportFolder(string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.Combine(environment.ContentRootPath, "App_Data", "exports")
            : System.IO.Path.Combine(environment.ContentRootPath, configured));
    }

    /// <summary>Where the finished file of <paramref name="job"/> goes.</summary>
    public string FileFor(ExportJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return System.IO.Path.Combine(Path, $"export-{job.Id}.{job.Format}");
    }

    /// <summary>Where it is written first: it is moved to <see cref="FileFor"/> only when whole, so a part is never downloaded.</summary>
    public string PartFor(ExportJob job) => FileFor(job) + ".part";

    public void Create() => Directory.CreateDirectory(Path);
}

/// <summary>Wakes the export runner when an export is asked for, and tells anyone waiting when one finishes.</summary>
public sealed class ExportSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);
    private TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => wake.WaitAsync(timeout, cancellationToken);

    /// <summary>Completes when the next export finishes, done or failed.</summary>
    public Task NextFinish => Volatile.Read(ref finished).Task;

    public void Finished() =>
        Interlocked.Exchange(ref finished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose() => wake.Dispose();
}
