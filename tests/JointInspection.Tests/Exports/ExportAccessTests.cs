using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Exports;

/// <summary>
/// Who may export and download, after real sign-ins: the public and nobody at all are refused, a second export while one
/// is being written is refused pointing at it, a download link is the asker's alone, and a failed export says why and
/// leaves no file. The API follows the same rules, in ProblemDetails.
/// </summary>
public sealed class ExportAccessTests(ExportsPortal exports) : IClassFixture<ExportsPortal>
{
    private const string Stakeholder = "sam.okafor@victims-voice.example";

    [Fact]
    public async Task Nobody_signed_in_and_a_member_of_the_public_cannot_ask_for_an_export()
    {
        var before = JobCount();
        using var nobody = exports.Portal.NewBrowser();
        using var publicMember = await exports.Portal.SignedInAsync(Stakeholder, "/account/your-submissions", provider: "stakeholder");

        var nobodysPage = await nobody.GetAsync("/triage/exports/new");
        var publicPage = await publicMember.GetAsync("/triage/exports/new");
        using var nobodysPost = await ExportsPortal.PostApiAsync(nobody, new { format = "csv" });
        using var publicPost = await ExportsPortal.PostApiAsync(publicMember, new { format = "csv" });

        Assert.Contains(nobodysPage.Trail, address => address.AbsolutePath == "/account/sign-in");
        Assert.Equal((HttpStatusCode.Forbidden, "/account/access-denied"), (publicPage.Status, publicPage.Address.AbsolutePath));
        Assert.Equal(HttpStatusCode.Unauthorized, nobodysPost.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, publicPost.StatusCode);
        Assert.Equal(before, JobCount());
    }

    [Fact]
    public async Task A_second_export_while_one_is_being_written_is_refused_with_a_link_to_the_first()
    {
        using var chiefInspector = await exports.Portal.SignedInAsync(Staff.ProsecutionChiefInspector, "/triage");
        // An export of theirs another node is still writing: held in that state here, so the test does not race the runner.
        long running;
        using (var connection = exports.OpenDatabase())
        {
            running = connection.ExecuteScalar<long>(
                """
                INSERT INTO export_job (requested_by, filter, format, state, created_at, started_at, claimed_by, claimed_until)
                VALUES (@by, '', 'csv', 'running', @now, @now, 'another node', '9999-12-31T00:00:00.000Z') RETURNING id
                """,
                new { by = Staff.ProsecutionChiefInspector, now = "2027-02-01T10:00:00.000Z" });
        }

        try
        {
            var form = await chiefInspector.GetAsync("/triage/exports/new?kind=suggestion");
            var refused = await chiefInspector.SubmitAsync(form, form.FindForm("data-export-form")!, null, ("format", "xlsx"));
            using var apiRefused = await ExportsPortal.PostApiAsync(chiefInspector, new { format = "csv", kind = "suggestion" });
            var problem = await apiRefused.Content.ReadFromJsonAsync<JsonElement>();

            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("You already have an export being written. Wait for it to finish before asking for another", refused.Html, StringComparison.Ordinal);
            Assert.Contains($"<a class=\"govuk-link\" href=\"/triage/exports/{running}\">Follow your export in progress</a>", refused.Html, StringComparison.Ordinal);
            Assert.Matches("value=\"xlsx\"[^>]*checked", refused.Html);
            Assert.Equal(HttpStatusCode.Conflict, apiRefused.StatusCode);
            Assert.Equal("You already have an export being written", problem.GetProperty("title").GetString());
            Assert.Equal(running, problem.GetProperty("running").GetProperty("id").GetInt64());
            using var connection = exports.OpenDatabase();
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM export_job WHERE requested_by = @by", new { by = Staff.ProsecutionChiefInspector }));
        }
        finally
        {
            using var connection = exports.OpenDatabase();
            connection.Execute("UPDATE export_job SET state = 'failed', finished_at = started_at, error = 'Held by the test.' WHERE id = @running", new { running });
        }
    }

    [Fact]
    public async Task An_export_and_its_download_link_are_the_askers_alone()
    {
        using var chiefInspector = await exports.Portal.SignedInAsync(Staff.PoliceChiefInspector, "/triage");
        using var secretariat = await exports.Portal.SignedInAsync(Staff.Secretariat, "/triage");
        using var asked = await ExportsPortal.PostApiAsync(chiefInspector, new { format = "csv", kind = "response" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(ExportStates.Done, (await exports.FinishedAsync(id)).State);

        var page = await secretariat.GetAsync($"/triage/exports/{id}");
        var (download, _) = await ExportsPortal.DownloadAsync(secretariat, id);
        var downloadPage = await download.Content.ReadAsStringAsync();
        using var apiStatus = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{id}"));
        using var apiFile = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{id}/file"));
        using var ownersFile = await chiefInspector.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{id}/file"));

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains(ExportWords.NotYours, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/file\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
        Assert.Contains(ExportWords.NotYours, downloadPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, apiStatus.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, apiFile.StatusCode);
        Assert.Equal(ExportWords.NotYours, (await apiFile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, ownersFile.StatusCode);
        Assert.StartsWith("Reference,", (await ownersFile.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        // Only the owner's download is on record.
        Assert.Equal(1, exports.AuditCount("export.download", id));
    }

    [Fact]
    public async Task A_failed_export_says_why_and_leaves_nothing_to_download()
    {
        using var secretariat = await exports.Portal.SignedInAsync(Staff.Secretariat, "/triage");
        // A filter naming a round the portal does not have: the runner cannot select the submissions, so it fails.
        long id;
        using (var connection = exports.OpenDatabase())
        {
            id = connection.ExecuteScalar<long>(
                "INSERT INTO export_job (requested_by, filter, format, created_at) VALUES (@by, 'round=1999-01', 'csv', @now) RETURNING id",
                new { by = Staff.Secretariat, now = "2027-02-01T10:00:00.000Z" });
        }

        exports.Portal.Services.GetRequiredService<ExportSignal>().Wake();
        var job = await exports.FinishedAsync(id);
        var page = await secretariat.GetAsync($"/triage/exports/{id}");
        var (download, _) = await ExportsPortal.DownloadAsync(secretariat, id);

        Assert.Equal(ExportStates.Failed, job.State);
        Assert.Null(job.FilePath);
        Assert.Contains("data-field=\"error\">The export could not be written: its filter no longer names what the queue has", page.Html, StringComparison.Ordinal);
        Assert.Contains("Try again.</p>", page.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/triage/exports/new?round=1999-01\">Ask for the export again</a>", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(exports.Folder, $"export-{id}.*"));
    }

    [Fact]
    public async Task The_api_queues_an_export_reports_its_progress_and_serves_its_file()
    {
        using var secretariat = await exports.Portal.SignedInAsync(Staff.Secretariat, "/triage");
        using var mistaken = await ExportsPortal.PostApiAsync(secretariat, new { format = "pdf", kind = "letters" });
        using var asked = await ExportsPortal.PostApiAsync(secretariat, new { format = "xlsx", status = "received" });
        var queued = await asked.Content.ReadFromJsonAsync<JsonElement>();
        var id = queued.GetProperty("id").GetInt64();
        await exports.FinishedAsync(id);
        var done = await (await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{id}"))).Content.ReadFromJsonAsync<JsonElement>();
        using var file = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, done.GetProperty("file").GetString()));
        using var openApi = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json"));
        var paths = (await openApi.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");

        Assert.Equal(HttpStatusCode.BadRequest, mistaken.StatusCode);
        var errors = (await mistaken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("format", out _));
        Assert.True(errors.TryGetProperty("kind", out _));
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        Assert.Equal($"/api/v1/exports/{id}", asked.Headers.Location?.OriginalString);
        Assert.Equal("status=received", queued.GetProperty("filter").GetString());
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal(done.GetProperty("rowsTotal").GetInt64(), done.GetProperty("rowsDone").GetInt64());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal((byte)'P', (await file.Content.ReadAsByteArrayAsync())[0]);
        Assert.True(paths.TryGetProperty("/api/v1/exports", out _));
        Assert.True(paths.TryGetProperty("/api/v1/exports/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/v1/exports/{id}/file", out _));
    }

    private long JobCount()
    {
        using var connection = exports.OpenDatabase();
        return connection.ExecuteScalar<long>("SELECT count(*) FROM export_job");
    }
}
