using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Programme;

/// <summary>
/// A portal that looks at the programme's revision only every ten minutes, so anything the tests see change within a
/// test was invalidated, not found by the periodic check.
/// </summary>
public sealed class PortalWithLongProgrammeCheck : IDisposable
{
    public PortalWithDevIdentity Portal { get; } =
        PortalWithDevIdentity.With(portal => portal.Settings[ProgrammeReader.CheckSetting] = "600000");

    public void Dispose() => Portal.Dispose();
}

/// <summary>A portal that looks at the programme's revision on every read.</summary>
public sealed class PortalCheckingEveryRead : PortalFactory
{
    public PortalCheckingEveryRead() => Settings[ProgrammeReader.CheckSetting] = "0";
}

/// <summary>
/// The programme kept in memory and the output-cached public pages: what is served from memory, what makes it read
/// the database again, and that signed-in people never share a cached copy. Changes behind the app's back are made
/// with a plain SQLite connection, as the staff command line or a second node would make them.
/// </summary>
public sealed class ProgrammeCacheTests(PortalWithLongProgrammeCheck fixture) : IClassFixture<PortalWithLongProgrammeCheck>, IDisposable
{
    private const string Slug = "rape";

    private readonly HttpClient anonymous = new() { BaseAddress = fixture.Portal.BaseAddress };

    private PortalWithDevIdentity Portal => fixture.Portal;

    private ProgrammeReader Reader => Portal.Services.GetRequiredService<ProgrammeReader>();

    public void Dispose() => anonymous.Dispose();

    [Fact]
    public async Task A_change_behind_the_apps_back_is_not_read_within_the_check_interval_and_is_read_once_invalidated()
    {
        var original = await TitleAsync(Slug);
        var changed = $"Rape {Guid.NewGuid():N}";
        await ReadEverythingAsync();
        try
        {
            await using (var connection = Portal.OpenDatabase())
            {
                await connection.ExecuteAsync("UPDATE workstream SET title = @changed WHERE slug = @Slug", new { changed, Slug });
            }

            Assert.Equal(original, (await Reader.ReadAsync()).Workstreams.Single(w => w.Slug == Slug).Title);
            Assert.Contains(original, await anonymous.GetStringAsync("/programmes/2021-23"), StringComparison.Ordinal);
            Assert.DoesNotContain(changed, await anonymous.GetStringAsync("/programmes/2021-23"), StringComparison.Ordinal);
            Assert.Equal(original, (await WorkstreamAsync(Slug)).Title);
            Assert.DoesNotContain(changed, await anonymous.GetStringAsync($"/programmes/2021-23/workstreams/{Slug}"), StringComparison.Ordinal);

            Reader.Invalidate();

            Assert.Equal(changed, (await Reader.ReadAsync()).Workstreams.Single(w => w.Slug == Slug).Title);
            Assert.Contains(changed, await anonymous.GetStringAsync("/programmes/2021-23"), StringComparison.Ordinal);
            Assert.Equal(changed, (await ProgrammeAsync()).Workstreams.Single(w => w.Id == Slug).Title);
            Assert.Equal(changed, (await WorkstreamAsync(Slug)).Title);
            Assert.Contains(changed, await anonymous.GetStringAsync($"/programmes/2021-23/workstreams/{Slug}"), StringComparison.Ordinal);
        }
        finally
        {
            await using (var connection = Portal.OpenDatabase())
            {
                await connection.ExecuteAsync("UPDATE workstream SET title = @original WHERE slug = @Slug", new { original, Slug });
            }

            Reader.Invalidate();
        }
    }

    [Fact]
    public async Task An_accepted_suggestion_is_on_the_programme_page_and_in_the_api_at_once_though_the_check_interval_is_long()
    {
        await ReadEverythingAsync();
        var title = $"Court delays {Guid.NewGuid():N}";
        var reference = await SuggestAndAssessAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(Accept(title)) };
        using var response = await chief.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var slug = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("workstream").GetString()!;
        // Public once every inspectorate taking part has agreed it (this portal releases outcomes at once).
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        await Agreements.AgreeAllAsync(Portal, id);

        var page = await ParseAsync(await anonymous.GetStringAsync("/programmes/2021-23"));
        var card = page.QuerySelector($"h2#proposed ~ ul.app-workstream-list li[data-workstream='{slug}']");
        Assert.NotNull(card);
        Assert.Equal(title, card.QuerySelector("h3 a")!.TextContent.Trim());
        var proposed = Assert.Single((await ProgrammeAsync()).Workstreams, w => w.Id == slug);
        Assert.Equal((title, "proposed"), (proposed.Title, proposed.Status));
        Assert.Equal(title, (await WorkstreamAsync(slug)).Title);
    }

    [Fact]
    public async Task Two_anonymous_requests_get_the_same_bytes_the_second_from_the_output_cache()
    {
        foreach (var path in new[] { "/programmes/2021-23", "/api/v1/programme", $"/programmes/2021-23/workstreams/{Slug}", $"/api/v1/workstreams/{Slug}" })
        {
            using var first = await anonymous.GetAsync(path);
            using var second = await anonymous.GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
            // The output cache says how old a copy it serves is; a freshly made response has no Age.
            Assert.NotNull(second.Headers.Age);
            // The headers set for every response still come with a cached one.
            Assert.Equal(first.Headers.GetValues("Content-Security-Policy"), second.Headers.GetValues("Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task A_signed_in_staff_member_gets_their_own_header_and_anonymous_readers_never_get_it()
    {
        await anonymous.GetStringAsync("/programmes/2021-23");
        await anonymous.GetStringAsync($"/programmes/2021-23/workstreams/{Slug}");
        using var staff = await Portal.SignedInAsync(Staff.Secretariat);

        foreach (var path in new[] { "/programmes/2021-23", $"/programmes/2021-23/workstreams/{Slug}" })
        {
            var signedIn = await staff.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, signedIn.Status);
            Assert.False(signedIn.Headers.ContainsKey("Age"), $"{path} was served to a signed-in person from the output cache");
            Assert.Equal(["Draft programme", "Areas of focus", "Cross-cutting issues", "Principles", "Staff area", "Triage", "Risk and resources", "Programme rounds", "Sign out"], Navigation(await ParseAsync(signedIn.Html)));

            using var response = await anonymous.GetAsync(path);
            Assert.NotNull(response.Headers.Age);
            Assert.Equal(["Draft programme", "Areas of focus", "Cross-cutting issues", "Principles", "Sign in"], Navigation(await ParseAsync(await response.Content.ReadAsStringAsync())));
        }
    }

    [Fact]
    public async Task Only_the_public_programme_is_cached_not_a_page_that_differs_by_visitor()
    {
        await anonymous.GetStringAsync("/");
        using var start = await anonymous.GetAsync("/");
        using var respond = await anonymous.GetAsync("/respond");

        Assert.Null(start.Headers.Age);
        Assert.Null(respond.Headers.Age);
    }

    private static List<string> Navigation(IHtmlDocument page) =>
        page.QuerySelectorAll("#navigation a").Select(link => link.TextContent.Trim()).ToList();

    private static async Task<IHtmlDocument> ParseAsync(string html) => await new HtmlParser().ParseDocumentAsync(html);

    private async Task<string> TitleAsync(string slug)
    {
        await using var connection = Portal.OpenDatabase();
        return await connection.QuerySingleAsync<string>("SELECT title FROM workstream WHERE slug = @slug", new { slug });
    }

    /// <summary>Fills the reader and the output cache with every form of the programme the tests look at.</summary>
    private async Task ReadEverythingAsync()
    {
        await Reader.ReadAsync();
        foreach (var path in new[] { "/programmes/2021-23", "/api/v1/programme", $"/programmes/2021-23/workstreams/{Slug}", $"/api/v1/workstreams/{Slug}" })
        {
            using var response = await anonymous.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<ProgrammeDocument> ProgrammeAsync() =>
        (await anonymous.GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!;

    private async Task<WorkstreamDocument> WorkstreamAsync(string slug) =>
        (await anonymous.GetFromJsonAsync<WorkstreamDocument>($"/api/v1/workstreams/{slug}"))!;

    private async Task<string> SuggestAndAssessAsync()
    {
        var reference = (await SampleSubmissions.SendAsync(anonymous, SampleSubmissions.Suggestion("Court backlogs and the cache"))).Reference;
        Assert.True(SubmissionReference.TryParse(reference, out var id));
        var days = new Dictionary<string, int> { ["hmcpsi"] = 30, ["hmicfrs"] = 20, ["hmi-probation"] = 10, ["hmi-prisons"] = 0 };
        var saved = await Portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{reference}", new AssessmentInput(4, 4, "2022-23", days, null), 0, Staff.Secretariat, CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
        return reference;
    }

    private static object Accept(string title) => new
    {
        version = 0,
        outcome = "accept",
        rationale = "High risk to victims, and HMCPSI has the days.",
        workstream = new
        {
            title,
            summary = "How delays in the courts affect victims and witnesses.",
            lead = "hmcpsi",
            supporting = new[] { "hmicfrs", "hmi-probation" },
            partners = Array.Empty<string>(),
            areasOfFocus = new[] { "bringing-offenders-to-justice" },
            programmeYear = "2022-23",
            kind = "scoping-study",
        },
    };
}

/// <summary>
/// With a check interval of 0, a change made behind the app's back is served at the next request: the programme, and
/// the consultation's dates, which the pages read through the same interval.
/// </summary>
public sealed class ProgrammeCheckEveryReadTests(PortalCheckingEveryRead portal) : IClassFixture<PortalCheckingEveryRead>
{
    [Fact]
    public async Task A_change_behind_the_apps_back_is_on_the_page_and_in_the_api_at_the_next_request()
    {
        using var client = portal.CreateClient();
        Assert.Contains("Case file quality", await client.GetStringAsync("/programmes/2021-23"), StringComparison.Ordinal);
        Assert.Equal("Case file quality", (await client.GetFromJsonAsync<WorkstreamDocument>("/api/v1/workstreams/case-file-quality"))!.Title);
        var changed = $"Case file quality {Guid.NewGuid():N}";

        await using (var connection = portal.OpenDatabase())
        {
            await connection.ExecuteAsync("UPDATE workstream SET title = @changed WHERE slug = 'case-file-quality'", new { changed });
        }

        Assert.Contains(changed, await client.GetStringAsync("/programmes/2021-23"), StringComparison.Ordinal);
        Assert.Equal(changed, (await client.GetFromJsonAsync<ProgrammeDocument>("/api/v1/programme"))!.Workstreams.Single(w => w.Id == "case-file-quality").Title);
        Assert.Equal(changed, (await client.GetFromJsonAsync<WorkstreamDocument>("/api/v1/workstreams/case-file-quality"))!.Title);
    }

    [Fact]
    public async Task A_workstream_page_offers_a_response_only_while_the_consultation_is_open_though_the_programme_has_not_changed()
    {
        const string Respond = "Respond to this workstream";
        using var anonymous = portal.CreateClient();
        Assert.Contains(Respond, await anonymous.GetStringAsync("/programmes/2021-23/workstreams/rape"), StringComparison.Ordinal);
        await using var connection = portal.OpenDatabase();
        var (opens, closes) = await connection.QuerySingleAsync<(string, string)>("SELECT opens_at, closes_at FROM programme_round");
        try
        {
            await connection.ExecuteAsync("UPDATE programme_round SET opens_at = '2020-01-01T00:00:00.000Z', closes_at = '2020-02-01T00:00:00.000Z'");

            Assert.DoesNotContain(Respond, await anonymous.GetStringAsync("/programmes/2021-23/workstreams/rape"), StringComparison.Ordinal);
        }
        finally
        {
            await connection.ExecuteAsync("UPDATE programme_round SET opens_at = @opens, closes_at = @closes", new { opens, closes });
        }

        Assert.Contains(Respond, await anonymous.GetStringAsync("/programmes/2021-23/workstreams/rape"), StringComparison.Ordinal);
    }
}

/// <summary>Every insert, update and delete on a table the programme is read from moves programme_revision on.</summary>
public sealed class ProgrammeRevisionTriggerTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    /// <summary>table; what it needs first; an insert, an update and a delete of one row; what tidies up after.</summary>
    public static TheoryData<string, string, string, string, string, string> Changes => new()
    {
        {
            "inspectorate", "",
            "INSERT INTO inspectorate (code, name, short_name, kind, sort_order) VALUES ('test-body', 'Test body', 'TB', 'partner', 99)",
            "UPDATE inspectorate SET name = 'Test body renamed' WHERE code = 'test-body'",
            "DELETE FROM inspectorate WHERE code = 'test-body'", ""
        },
        {
            "chief_inspector", "INSERT INTO inspectorate (code, name, short_name, kind, sort_order) VALUES ('test-chief', 'Test', 'T', 'partner', 99)",
            "INSERT INTO chief_inspector (inspectorate_code, name, title) VALUES ('test-chief', 'A Person', 'Chief')",
            "UPDATE chief_inspector SET name = 'Another Person' WHERE inspectorate_code = 'test-chief'",
            "DELETE FROM chief_inspector WHERE inspectorate_code = 'test-chief'",
            "DELETE FROM inspectorate WHERE code = 'test-chief'"
        },
        {
            "area_of_focus", "",
            "INSERT INTO area_of_focus (code, name, agencies, sort_order) VALUES ('test-area', 'Test area', 'everyone', 99)",
            "UPDATE area_of_focus SET name = 'Test area renamed' WHERE code = 'test-area'",
            "DELETE FROM area_of_focus WHERE code = 'test-area'", ""
        },
        {
            "cross_cutting_issue", "",
            "INSERT INTO cross_cutting_issue (code, name, sort_order) VALUES ('test-issue', 'Test issue', 99)",
            "UPDATE cross_cutting_issue SET name = 'Test issue renamed' WHERE code = 'test-issue'",
            "DELETE FROM cross_cutting_issue WHERE code = 'test-issue'", ""
        },
        {
            // All ten principles exist, so the tenth is taken out and put back.
            "principle", "CREATE TEMP TABLE kept_principle AS SELECT * FROM principle WHERE number = 10; DELETE FROM principle WHERE number = 10",
            "INSERT INTO principle SELECT * FROM kept_principle",
            "UPDATE principle SET title = title || ' (revised)' WHERE number = 10",
            "DELETE FROM principle WHERE number = 10",
            "INSERT INTO principle SELECT * FROM kept_principle; DROP TABLE kept_principle"
        },
        {
            "workstream", "",
            "INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, sort_order) VALUES (1, 'test-work', 'Test', 'Test', 'new', 'inspection', 'planned', 99)",
            "UPDATE workstream SET title = 'Test renamed' WHERE slug = 'test-work'",
            "DELETE FROM workstream WHERE slug = 'test-work'", ""
        },
        {
            "workstream_participant", TestWorkstream,
            "INSERT INTO workstream_participant (workstream_id, inspectorate_code, role) SELECT id, 'hmcpsi', 'supporting' FROM workstream WHERE slug = 'test-links'",
            "UPDATE workstream_participant SET role = 'lead' WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')",
            "DELETE FROM workstream_participant WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')", NoTestWorkstream
        },
        {
            "workstream_area_of_focus", TestWorkstream,
            "INSERT INTO workstream_area_of_focus (workstream_id, area_of_focus_code) SELECT id, 'community-safety' FROM workstream WHERE slug = 'test-links'",
            "UPDATE workstream_area_of_focus SET area_of_focus_code = 'bringing-offenders-to-justice' WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')",
            "DELETE FROM workstream_area_of_focus WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')", NoTestWorkstream
        },
        {
            "workstream_cross_cutting_issue", TestWorkstream,
            "INSERT INTO workstream_cross_cutting_issue (workstream_id, cross_cutting_issue_code) SELECT id, 'value-for-money' FROM workstream WHERE slug = 'test-links'",
            "UPDATE workstream_cross_cutting_issue SET cross_cutting_issue_code = 'equality-diversity' WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')",
            "DELETE FROM workstream_cross_cutting_issue WHERE workstream_id = (SELECT id FROM workstream WHERE slug = 'test-links')", NoTestWorkstream
        },
    };

    private const string TestWorkstream =
        "INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, sort_order) VALUES (1, 'test-links', 'Test', 'Test', 'new', 'inspection', 'planned', 99)";

    private const string NoTestWorkstream = "DELETE FROM workstream WHERE slug = 'test-links'";

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Each_insert_update_and_delete_moves_the_revision_on(string table, string before, string insert, string update, string delete, string after)
    {
        await using var connection = portal.OpenDatabase();
        // One transaction, so that a step that fails leaves nothing behind for the next table's test.
        await using var transaction = connection.BeginTransaction();
        if (before.Length > 0)
        {
            await connection.ExecuteAsync(before, transaction: transaction);
        }

        foreach (var (verb, sql) in new[] { ("insert", insert), ("update", update), ("delete", delete) })
        {
            var revision = await RevisionAsync(connection, transaction);
            Assert.Equal(1, await connection.ExecuteAsync(sql, transaction: transaction));
            Assert.True(await RevisionAsync(connection, transaction) > revision, $"{verb} on {table} left programme_revision at {revision}");
        }

        if (after.Length > 0)
        {
            await connection.ExecuteAsync(after, transaction: transaction);
        }

        await transaction.CommitAsync();
    }

    [Fact]
    public async Task A_submissions_name_or_consent_moves_the_revision_on_only_once_it_is_a_proposed_workstreams_origin()
    {
        using (var client = portal.CreateClient())
        {
            using var response = await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion("Origins and revisions"));
            response.EnsureSuccessStatusCode();
        }

        await using var connection = portal.OpenDatabase();
        var id = await connection.ExecuteScalarAsync<long>("SELECT max(id) FROM submission");
        var revision = await RevisionAsync(connection);

        await connection.ExecuteAsync("UPDATE submission SET respondent_name = 'Alex Jones-Smith', publication_consent = 'named' WHERE id = @id", new { id });
        Assert.Equal(revision, await RevisionAsync(connection));

        await connection.ExecuteAsync(
            "INSERT INTO workstream (round_id, slug, title, summary, section, kind, status, sort_order, origin_submission_id) VALUES (1, 'test-origin', 'Test', 'Test', 'proposed', 'inspection', 'proposed', 1000, @id)",
            new { id });
        revision = await RevisionAsync(connection);

        await connection.ExecuteAsync("UPDATE submission SET status = 'assessed' WHERE id = @id", new { id });
        Assert.Equal(revision, await RevisionAsync(connection));

        foreach (var change in new[] { "respondent_name = 'Alex Jones'", "publication_consent = 'anonymous'", "organisation_name = NULL" })
        {
            await connection.ExecuteAsync($"UPDATE submission SET {change} WHERE id = @id", new { id });
        }

        // The organisation name was already NULL, so only the first two changed anything the programme shows.
        Assert.Equal(revision + 2, await RevisionAsync(connection));
    }


    private static Task<long> RevisionAsync(DbConnection connection, DbTransaction? transaction = null) =>
        connection.ExecuteScalarAsync<long>("SELECT revision FROM programme_revision", transaction: transaction);
}

/// <summary>A round opens and closes by the clock alone, with nothing written: no cached page may outlive the state it shows.</summary>
public sealed class RoundStateCacheTests
{
    [Fact]
    public async Task A_cached_workstream_page_stops_offering_a_response_when_its_round_closes()
    {
        const string Respond = "Respond to this workstream";
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2027, 1, 10, 12, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory { Clock = clock };
        portal.Settings["Consultation:OpensAt"] = "2027-01-01T09:00";
        portal.Settings["Consultation:ClosesAt"] = "2027-02-01T23:59";
        using var anonymous = portal.CreateClient();
        const string Page = "/programmes/2021-23/workstreams/rape";

        Assert.Contains(Respond, await anonymous.GetStringAsync(Page), StringComparison.Ordinal);
        using (var cached = await anonymous.GetAsync(Page))
        {
            Assert.NotNull(cached.Headers.Age);
        }

        clock.SetUtcNow(new DateTimeOffset(2027, 2, 2, 0, 0, 0, TimeSpan.Zero));

        Assert.DoesNotContain(Respond, await anonymous.GetStringAsync(Page), StringComparison.Ordinal);
    }
}
