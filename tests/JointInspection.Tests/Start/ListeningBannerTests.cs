using System.Text.RegularExpressions;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Start;

/// <summary>What someone running the portal for the first time sees: where it is, and what to open.</summary>
[Trait("Database", "sqlite-only")]
public sealed partial class ListeningBannerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-banner-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task In_development_the_portal_prints_its_address_the_demo_sign_in_and_the_mailbox_once_it_listens()
    {
        using var process = PortalProcess.Start(folder, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}",
            ["DevIdentity__DataFolder"] = folder,
            ["Similarity__Embeddings"] = "false",
        });
        try
        {
            var printed = await ReadUntilAsync(process.StandardOutput, line => line.Contains("/dev/mailbox", StringComparison.Ordinal));

            // Port 0 asked for any free port: the address printed is the one it took, so it can be opened.
            var root = ListeningOn().Match(printed) is { Success: true } match ? match.Groups[1].Value : throw new Xunit.Sdk.XunitException($"No address in:\n{printed}");
            Assert.Contains($"open {root}/ for the programme", printed, StringComparison.Ordinal);
            Assert.Contains($"Sign in as any demo person (the development identity provider): {root}/account/sign-in", printed, StringComparison.Ordinal);
            Assert.Contains($"Every email the portal sends (the development mailbox): {root}/dev/mailbox", printed, StringComparison.Ordinal);
            using var client = new HttpClient();
            Assert.True((await client.GetAsync(new Uri($"{root}/dev/mailbox"))).IsSuccessStatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The output up to and including the first line that <paramref name="last"/> accepts.</summary>
    private static async Task<string> ReadUntilAsync(StreamReader output, Func<string, bool> last)
    {
        var read = new System.Text.StringBuilder();
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        while (await output.ReadLineAsync(patience.Token) is { } line)
        {
            read.AppendLine(line);
            if (last(line))
            {
                return read.ToString();
            }
        }

        throw new Xunit.Sdk.XunitException($"The portal stopped before printing its pages:\n{read}");
    }

    [GeneratedRegex(@"The portal is listening: open (http://127\.0\.0\.1:[1-9][0-9]*)/ for the programme")]
    private static partial Regex ListeningOn();
}
