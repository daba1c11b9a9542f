using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Exports;

/// <summary>
/// The real portal with the development identity provider, writing its exports to a folder of its own, with the steps
/// the export tests share: asking for an export through the pages as a signed-in person, and waiting for the runner to
/// finish it (on the runner's own signal, with the safety net only for a hang).
/// </summary>
public sealed partial class ExportsPortal : IDisposable
{
    public ExportsPortal()
    {
        Folder = Directory.CreateTempSubdirectory("ji-exports-").FullName;
        Portal = PortalWithDevIdentity.With(portal => portal.Settings["Exports:Path"] = Folder);
    }

    public PortalWithDevIdentity Portal { get; }

    /// <summary>Where the portal writes export files (Exports:Path).</summary>
    public string Folder { get; }

    public DbConnection OpenDatabase() => Portal.OpenDatabase();

    /// <summary>
    /// Follows the queue's "Export these submissions" link from /triage?<paramref name="filterQuery"/>, chooses the format
    /// and sends the form; returns the export's id from the page it lands on, failing unless that is the export's page.
    /// </summary>
    public static async Task<long> AskThroughThePagesAsync(TestBrowser browser, string filterQuery, string format)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var queue = await browser.GetAsync($"/triage?{filterQuery}");
        var link = WebUtility.HtmlDecode(ExportLink().Match(queue.Html).Groups["href"].Value);
        Assert.StartsWith("/triage/exports/new", link, StringComparison.Ordinal);
        var form = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var sent = await browser.SubmitAsync(form, form.FindForm("data-export-form")!, null, ("format", format));
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var match = JobPath().Match(sent.Address.AbsolutePath);
        Assert.True(match.Success, $"Expected the export's page, got {sent.Address}: {sent.Html}");
        return long.Parse(match.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<ExportJob> FinishedAsync(long id)
    {
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        return await Portal.Services.GetRequiredService<ExportRunner>().WhenFinishedAsync(id, patience.Token);
    }

    /// <summary>The export's file as its owner downloads it from the page's link.</summary>
    public static async Task<(HttpResponseMessage Response, byte[] Body)> DownloadAsync(TestBrowser browser, long id)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/triage/exports/{id}/file"));
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    public static Task<HttpResponseMessage> PostApiAsync(TestBrowser browser, object body)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/exports") { Content = JsonContent.Create(body) });
    }

    public long AuditCount(string action, long id)
    {
        using var connection = OpenDatabase();
        return connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = @action AND subject = @subject", new { action, subject = ExportJobStore.Subject(id) });
    }

    public void Dispose()
    {
        Portal.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temp cleaner.
        }
    }

    [GeneratedRegex("<a class=\"govuk-link\" href=\"(?<href>[^\"]+)\" data-field=\"export\">Export these submissions</a>")]
    private static partial Regex ExportLink();

    [GeneratedRegex(@"^/triage/exports/(?<id>\d+)$")]
    private static partial Regex JobPath();
}
