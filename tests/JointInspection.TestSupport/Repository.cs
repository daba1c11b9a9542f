namespace JointInspection.TestSupport;

/// <summary>The repository the tests run from.</summary>
public static class Repository
{
    /// <summary>The nearest folder above the running tests that holds JointInspection.sln.</summary>
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "JointInspection.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No JointInspection.sln above {AppContext.BaseDirectory}.");
    }
}
