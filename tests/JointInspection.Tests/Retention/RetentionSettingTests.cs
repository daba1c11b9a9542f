using AngleSharp.Html.Parser;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Retention;

/// <summary>Retention:Months: a value that cannot be meant stops start-up saying what to set; a good one is what the privacy notice says.</summary>
public sealed class RetentionSettingTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-retention-").FullName;

    private string database = "";

    public async Task InitializeAsync() => database = await TestDatabase.ForProcessAsync(folder);

    public async Task DisposeAsync()
    {
        await TestDatabase.DropForProcessAsync(database);
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("121")]
    [InlineData("1.5")]
    public async Task A_period_that_is_not_1_to_120_whole_months_stops_start_up_with_one_clear_line(string months)
    {
        var run = await PortalProcess.RunAsync(
            folder, new Dictionary<string, string> { ["ConnectionStrings__Portal"] = database, ["Retention__Months"] = months });

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(
            $"Start-up stopped: Retention:Months is '{months}', which is not a whole number of months from 1 to 120. Set it to how many months",
            line,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_privacy_notice_gives_the_configured_period_and_what_is_removed_and_kept()
    {
        using var portal = new PortalFactory();
        portal.Settings["Retention:Months"] = "18";
        using var client = portal.CreateClient();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/privacy"));

        var period = page.QuerySelector("[data-field=retention-period]")!.TextContent;
        Assert.Contains("until 18 months after the outcome of the consultation is published", string.Join(' ', period.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
        Assert.DoesNotContain("12 months", page.Body!.TextContent, StringComparison.Ordinal);
        var removed = page.QuerySelectorAll("[data-field=retention-removed] li").Select(li => li.TextContent).ToList();
        Assert.Equal(["your name", "your email address", "your organisation’s name", "any documents you attached", "the emails we sent you"], removed);
        Assert.Contains(page.QuerySelectorAll("[data-field=retention-kept] li"), li => li.TextContent.Contains("type of organisation", StringComparison.Ordinal));
    }
}
