using System.Diagnostics;

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

    /// <summary>
    /// dotnet publish of the portal in Release into <paramref name="folder"/>/out, as an operator would publish it (for
    /// <paramref name="runtime"/> when given, and so compiled ahead of time), with artifacts of its own under the
    /// folder, so that the builds the tests and benchmarks run from are neither read nor disturbed. Returns the
    /// published app's dll.
    /// </summary>
    public static async Task<string> PublishPortalAsync(string folder, string? runtime = null)
    {
        var output = Path.Combine(folder, "out");
        List<string> arguments = ["publish", Path.Combine(Root(), "src", "JointInspection.Web", "JointInspection.Web.csproj"), "-c", "Release"];
        if (runtime is not null)
        {
            arguments.AddRange(["-r", runtime, "--self-contained", "false"]);
        }

        arguments.AddRange(["-o", output, "--artifacts-path", Path.Combine(folder, "artifacts"), "--nologo", "-v", "quiet"]);
        var start = new ProcessStartInfo("dotnet", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var publish = Process.Start(start) ?? throw new InvalidOperationException("Could not run dotnet publish.");
        var messages = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        return publish.ExitCode == 0
            ? Path.Combine(output, "JointInspection.Web.dll")
            : throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed:\n{await messages}\n{await errors}");
    }
}
