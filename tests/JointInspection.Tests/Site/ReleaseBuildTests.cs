using JointInspection.TestSupport;

namespace JointInspection.Tests.Site;

/// <summary>
/// What is deployed: the portal published in Release, as an operator would publish it. It must carry none of the
/// development stand-ins (the OpenID Connect provider, the SMTP mailbox and the libraries behind them), and a setting
/// that asks for one must stop start-up rather than be ignored.
/// </summary>
public sealed class ReleaseBuildTests(ReleaseBuildTests.ReleasePublish release) : IClassFixture<ReleaseBuildTests.ReleasePublish>
{
    [Fact]
    public void The_release_build_contains_no_development_services_or_the_libraries_behind_them()
    {
        var files = Directory.GetFiles(release.Folder).Select(Path.GetFileName).ToList();
        Assert.Contains("JointInspection.Web.dll", files);
        Assert.DoesNotContain(files, file => file!.StartsWith("JointInspection.DevServices", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("OpenIddict", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(files, file => file!.StartsWith("SmtpServer", StringComparison.Ordinal));

        var dependencies = File.ReadAllText(Path.Combine(release.Folder, "JointInspection.Web.deps.json"));
        Assert.DoesNotContain("JointInspection.DevServices", dependencies, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenIddict", dependencies, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DevServices__Identity__Enabled", "DevServices:Identity:Enabled", "the development identity provider")]
    [InlineData("DevServices__Mailbox__Enabled", "DevServices:Mailbox:Enabled", "the development mailbox")]
    public async Task Asking_the_release_build_for_a_development_service_stops_start_up_with_one_clear_line(string variable, string key, string name)
    {
        var folder = Directory.CreateTempSubdirectory("joint-inspection-release-").FullName;
        try
        {
            var database = await TestDatabase.ForProcessAsync(folder);
            var run = await PortalProcess.RunBuildAsync(release.Folder, folder, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Portal"] = database,
                [variable] = "true",
            });
            await TestDatabase.DropForProcessAsync(database);

            Assert.Equal(1, run.ExitCode);
            var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal(
                $"Start-up stopped: {key} is true, but this is a Release build, which contains no development services. " +
                $"Remove the setting, or run a Debug build (dotnet run) to use {name}.",
                line);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>One `dotnet publish -c Release` of the web project for the class, into folders of its own.</summary>
    public sealed class ReleasePublish : IAsyncLifetime
    {
        private readonly string root = Directory.CreateTempSubdirectory("joint-inspection-publish-").FullName;

        public string Folder { get; private set; } = "";

        public async Task InitializeAsync() => Folder = Path.GetDirectoryName(await Repository.PublishPortalAsync(root))!;

        public Task DisposeAsync()
        {
            Directory.Delete(root, recursive: true);
            return Task.CompletedTask;
        }
    }
}
