using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Exports;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Retention;

/// <summary>
/// The daily retention job on one node, on the portal's fake clock: a round concluded 12 months less a day ago keeps its
/// respondents' personal data, one concluded 12 months and a day ago loses it from every table and page, keeping the
/// text and the decisions; the pass is audited once and a second pass changes nothing.
/// </summary>
public sealed class RetentionJobTests : IDisposable
{
    private readonly string marker = "r" + Guid.NewGuid().ToString("N")[..8];
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = RetentionRound.ClockAYearAgo();
    private readonly PortalWithDevIdentity portal;

    public RetentionJobTests() => portal = PortalWithDevIdentity.With(p => p.Clock = clock);

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task Personal_data_goes_a_year_after_the_round_concludes_and_the_record_stays()
    {
        using var client = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TestPatience.SafetyNet };
        var organisation = RetentionRound.Organisation(marker);
        var individual = RetentionRound.Individual(marker);
        var response = await RetentionRound.SendAsync(client, organisation, idempotencyKey: $"key-{marker}");
        var suggestion = await RetentionRound.SendAsync(client, individual);
        await using (var connection = portal.OpenDatabase())
        {
            // Kept for a day, then let go by any pass as expired.
            Assert.Equal(1, RetentionRound.RowsOf(connection, "idempotency_key", "submission_id", response.Id));
        }

        await RetentionRound.ConcludeAsync(portal, [response, suggestion]);
        var concludedAt = clock.GetUtcNow();
        var respondents = new[] { organisation, individual };

        // A day short of the period: nothing goes.
        clock.SetUtcNow(concludedAt.AddMonths(12).AddDays(-1));
        var early = await RetentionRound.PassAsync(portal);
        Assert.True(early.Ran);
        Assert.Equal(0, early.Removed);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(organisation.Email, connection.ExecuteScalar<string>("SELECT respondent_email FROM submission WHERE id = @Id", new { response.Id }));
            // What the removal must reach is there to reach: the receipt, confirmation and outcome emails, and the link.
            Assert.True(connection.ExecuteScalar<long>("SELECT count(*) FROM outbox_message WHERE to_address = @Email", organisation) >= 3);
            Assert.Equal(1, RetentionRound.RowsOf(connection, "email_confirmation", "submission_id", response.Id));
        }

        // A day past it: the browser that sent the suggestion still holds its sent draft, and an address has counted
        // a submission in an ended rate-limit window and in the current one.
        clock.SetUtcNow(concludedAt.AddMonths(12).AddDays(1));
        var now = clock.GetUtcNow();
        await using (var connection = portal.OpenDatabase())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO submission_draft (id, kind, answers, updated_at, client_address, sent_submission_id)
                VALUES (@draft, 'suggestion', @answers, @now, '203.0.113.9', @Id)
                """,
                new { draft = $"draft-{marker}", answers = $"{{\"Email\":\"{individual.Email}\"}}", now, suggestion.Id });
            await connection.ExecuteAsync(
                "INSERT INTO submission_rate (client_key, window_start, count) VALUES ('203.0.113.9', @ended, 3), ('203.0.113.9', @current, 1)",
                new { ended = now.AddHours(-1), current = now });
            // Journeys left days ago: one abandoned, one saved to come back to (which its own store forgets at closing).
            await connection.ExecuteAsync(
                """
                INSERT INTO submission_draft (id, kind, answers, updated_at, client_address, saved_email)
                VALUES (@abandoned, 'response', '{}', @old, '203.0.113.9', NULL), (@saved, 'response', '{}', @old, '203.0.113.9', 'back@example.org')
                """,
                new { abandoned = $"abandoned-{marker}", saved = $"saved-{marker}", old = now.AddDays(-3) });
        }

        var pass = await RetentionRound.PassAsync(portal);
        Assert.True(pass.Ran);
        Assert.Equal(2, pass.Removed);

        await using (var connection = portal.OpenDatabase())
        {
            foreach (var (submission, respondent) in new[] { (response, organisation), (suggestion, individual) })
            {
                var row = await connection.QuerySingleAsync<(string Name, string Email, string? Organisation, string? OrganisationType, string Text, string? Removed)>(
                    "SELECT respondent_name, respondent_email, organisation_name, organisation_type, body_text, personal_data_removed_at FROM submission WHERE id = @Id",
                    new { submission.Id });
                Assert.Equal("", row.Name);
                Assert.Equal("", row.Email);
                Assert.Equal(respondent.Organisation is null ? null : "", row.Organisation);
                Assert.Equal(respondent.Organisation is null ? null : "voluntary-community", row.OrganisationType);
                Assert.Equal(respondent.Text, row.Text);
                Assert.NotNull(row.Removed);
                Assert.Equal(1, RetentionRound.RowsOf(connection, "decision", "submission_id", submission.Id));
                Assert.Equal(0, RetentionRound.RowsOf(connection, "email_confirmation", "submission_id", submission.Id));
                Assert.Equal(0, RetentionRound.RowsOf(connection, "idempotency_key", "submission_id", submission.Id));
                Assert.Equal(0, RetentionRound.RowsOf(connection, "submission_draft", "sent_submission_id", submission.Id));
                Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
                    "SELECT count(*) FROM outbox_message WHERE to_address = @Email OR text_body LIKE @like OR coalesce(html_body, '') LIKE @like",
                    new { respondent.Email, like = $"%{respondent.Name}%" }));
                Assert.Equal(1, RetentionRound.RemovalAudits(connection, submission));
            }

            var audits = (await connection.QueryAsync<string>("SELECT coalesce(before, '') || coalesce(after, '') FROM audit_log")).ToList();
            Assert.Contains(audits, a => a.Contains("respondent_email", StringComparison.Ordinal));
            Assert.DoesNotContain(audits, a => respondents.Any(r => a.Contains(r.Email, StringComparison.Ordinal) || a.Contains(r.Name, StringComparison.Ordinal)));
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM submission_rate WHERE client_key = '203.0.113.9'"));
            Assert.Equal([$"saved-{marker}"], await connection.QueryAsync<string>("SELECT id FROM submission_draft WHERE client_address = '203.0.113.9'"));
        }

        await AssertPublicPagesHaveNoPersonalDataAsync(client, [response, suggestion], respondents);
        await AssertStaffSeeTheRemovalAsync(response, organisation, respondents);

        // The same day again: the day is taken, and nothing is audited twice. The next day: nothing left to remove.
        Assert.False((await RetentionRound.PassAsync(portal)).Ran);
        clock.Advance(TimeSpan.FromDays(1));
        var nextDay = await RetentionRound.PassAsync(portal);
        Assert.True(nextDay.Ran);
        Assert.Equal(0, nextDay.Removed);
        await using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1, RetentionRound.RemovalAudits(connection, response));
            Assert.Equal(1, RetentionRound.RemovalAudits(connection, suggestion));
        }
    }

    private static async Task AssertPublicPagesHaveNoPersonalDataAsync(HttpClient client, CreatedSubmission[] submissions, Respondent[] respondents)
    {
        var pages = new Dictionary<string, string>();
        foreach (var path in submissions.Select(s => s.StatusUrl.PathAndQuery)
            .Concat(["/programmes/2021-23/outcome/responses", "/api/v1/programmes/2021-23/responses.csv", "/programmes/2021-23/outcome"]))
        {
            using var page = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            pages[path] = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        }

        foreach (var (path, text) in pages)
        {
            foreach (var detail in respondents.SelectMany(r => new[] { r.Name, r.Email, r.Organisation }).OfType<string>())
            {
                Assert.False(text.Contains(detail, StringComparison.OrdinalIgnoreCase), $"{path} still shows “{detail}”");
            }
        }

        // The text and the decision stay: on the status page, and published (now without a name).
        Assert.Contains(respondents[0].Text, pages[submissions[0].StatusUrl.PathAndQuery], StringComparison.Ordinal);
        Assert.Contains("Thank you for your response.", pages[submissions[0].StatusUrl.PathAndQuery], StringComparison.Ordinal);
        Assert.Contains(respondents[1].Text, pages["/programmes/2021-23/outcome/responses"], StringComparison.Ordinal);
    }

    private async Task AssertStaffSeeTheRemovalAsync(CreatedSubmission response, Respondent organisation, Respondent[] respondents)
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        var removedOn = $"Removed on {UkTime.Date(clock.GetUtcNow())}";
        var page = await browser.GetAsync($"/triage/{response.Reference}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(removedOn, new HtmlParser().ParseDocument(page.Html).QuerySelector("[data-field=personal-data]")?.TextContent.Trim());
        Assert.Contains(removedOn, page.Html, StringComparison.Ordinal);
        var timeline = new HtmlParser().ParseDocument(page.Html).QuerySelectorAll("[data-event]")
            .Select(e => (What: e.QuerySelector("[data-field=what]")!.TextContent, Who: e.QuerySelector("[data-field=who]")!.TextContent)).ToList();
        Assert.Contains(("Personal data removed (name, email address, organisation name)", "The portal"), timeline);
        Assert.Contains(("Received", "the respondent"), timeline);
        Assert.DoesNotContain(organisation.Email, page.Html, StringComparison.Ordinal);

        // The queue's search finds the text it keeps, and nobody by the old email address.
        var byText = await browser.GetAsync($"/triage?assigned=&q={Uri.EscapeDataString(marker)}");
        Assert.Contains(response.Reference, byText.Html, StringComparison.Ordinal);
        var byEmail = await browser.GetAsync($"/triage?assigned=&q={Uri.EscapeDataString(organisation.Email)}");
        Assert.Equal(HttpStatusCode.OK, byEmail.Status);
        Assert.DoesNotContain(response.Reference, byEmail.Html, StringComparison.Ordinal);

        // An export has the submission, with empty cells where the details were.
        using var asked = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/exports") { Content = JsonContent.Create(new { format = "csv" }) });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var job = (await asked.Content.ReadFromJsonAsync<ExportDocument>())!;
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        Assert.Equal(ExportStates.Done, (await portal.Services.GetRequiredService<ExportRunner>().WhenFinishedAsync(job.Id, patience.Token)).State);
        using var file = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/exports/{job.Id}/file"));
        var csv = await file.Content.ReadAsStringAsync();
        Assert.Contains(response.Reference, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(respondents, r => csv.Contains(r.Email, StringComparison.Ordinal) || csv.Contains(r.Name, StringComparison.Ordinal));
    }
}
