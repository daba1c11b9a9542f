using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CsvHelper;
using Dapper;
using JointInspection.Web.Features.Outcome;

namespace JointInspection.Tests.Outcome;

/// <summary>The outcome as open data: the decision log and the published responses, as JSON and CSV, against the database.</summary>
[Collection(ConcludedRoundTests.Name)]
public sealed class OutcomeApiTests(ConcludedRound round)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task The_decision_log_has_every_final_released_decision_of_the_database_with_its_reasons_risk_and_agreement()
    {
        using var client = round.Portal.CreateClient();
        var log = (await client.GetFromJsonAsync<DecisionLogDocument>("/api/v1/programmes/2021-23/decisions", Web))!;
        using var connection = round.Portal.OpenDatabase();
        var expected = connection.Query<long>(
            """
            SELECT submission_id FROM decision
             WHERE released_at IS NOT NULL AND (agreement IS NULL OR agreement = 'agreed') GROUP BY submission_id ORDER BY submission_id
            """).Select(id => $"JI-{id:D6}").ToList();

        Assert.Equal(expected, log.Decisions.Select(d => d.Reference).ToList());
        var accepted = log.Decisions.Single(d => d.Reference == round.Accepted.Reference);
        Assert.Equal("accept", accepted.Outcome);
        Assert.Equal($"It fills a gap {round.Marker}.", accepted.Rationale);
        Assert.Equal(12, accepted.RiskScore);
        Assert.Equal("high", accepted.RiskBand);
        Assert.Equal(["hmcpsi", "hmi-probation"], accepted.AgreedBy);
        Assert.Equal("published", accepted.Publication);
        Assert.Equal("Robin Marsh", accepted.Respondent);
        var withheld = log.Decisions.Single(d => d.Reference == round.DeclinedWithheld.Reference);
        Assert.Equal("not-published", withheld.Publication);
        Assert.Null(withheld.Title);
        Assert.Null(withheld.Respondent);
        Assert.Equal("not-published-at-request", log.Decisions.Single(d => d.Reference == round.DeferredNone.Reference).Publication);
        Assert.Equal("Anonymous", log.Decisions.Single(d => d.Reference == round.DeclinedAnonymous.Reference).Respondent);
    }

    [Fact]
    public async Task The_decision_log_csv_has_the_same_rows_as_the_json_and_escapes_a_cell_that_a_spreadsheet_would_run()
    {
        using var client = round.Portal.CreateClient();
        var log = (await client.GetFromJsonAsync<DecisionLogDocument>("/api/v1/programmes/2021-23/decisions", Web))!;
        using var response = await client.GetAsync("/api/v1/programmes/2021-23/decisions.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = ReadCsv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(log.Decisions.Select(d => d.Reference), rows.Select(r => r["Reference"]));
        var accepted = rows.Single(r => r["Reference"] == round.Accepted.Reference);
        Assert.Equal($"It fills a gap {round.Marker}.", accepted["Rationale"]);
        Assert.Equal("12", accepted["RiskScore"]);
        Assert.Equal("hmcpsi; hmi-probation", accepted["AgreedBy"]);
        Assert.Equal($"'{round.FormulaTitle}", rows.Single(r => r["Reference"] == round.Formula.Reference)["Title"]);
    }

    [Fact]
    public async Task The_published_responses_are_those_moderated_as_published_in_json_pages_and_in_one_csv()
    {
        using var client = round.Portal.CreateClient();
        var page = (await client.GetFromJsonAsync<PublishedResponsesDocument>("/api/v1/programmes/2021-23/responses", Web))!;
        using var connection = round.Portal.OpenDatabase();
        var expected = connection.Query<long>(
            """
            SELECT s.id FROM submission s JOIN moderation m ON m.submission_id = s.id
             WHERE m.state = 'published' AND s.publication_consent <> 'none' ORDER BY s.id
            """).Select(id => $"JI-{id:D6}").ToList();

        Assert.Equal(expected, page.Items.Select(i => i.Reference).ToList());
        Assert.Equal(expected.Count, page.Total);
        var redacted = page.Items.Single(i => i.Reference == round.RedactedResponse.Reference);
        Assert.Equal("The staff on [redacted] told me so.", redacted.Text);
        Assert.True(redacted.HasRedactions);
        Assert.Equal("Howard League Cymru", redacted.Respondent);
        Assert.Equal("mental-health", redacted.Workstream);
        Assert.Equal("Anonymous", page.Items.Single(i => i.Reference == round.DeclinedAnonymous.Reference).Respondent);

        var searched = (await client.GetFromJsonAsync<PublishedResponsesDocument>($"/api/v1/programmes/2021-23/responses?q={Uri.EscapeDataString($"Suggestion {round.Marker}")}", Web))!;
        Assert.Equal([round.Accepted.Reference], searched.Items.Select(i => i.Reference));

        using var csv = await client.GetAsync("/api/v1/programmes/2021-23/responses.csv");
        var rows = ReadCsv(await csv.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, rows.Select(r => r["Reference"]));
        Assert.Equal("The staff on [redacted] told me so.", rows.Single(r => r["Reference"] == round.RedactedResponse.Reference)["Text"]);
        Assert.Equal($"'{round.FormulaTitle}", rows.Single(r => r["Reference"] == round.Formula.Reference)["Title"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_open_data_of_the_outcome()
    {
        using var client = round.Portal.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var path in new[] { "decisions", "decisions.csv", "responses", "responses.csv" })
        {
            Assert.True(paths.TryGetProperty($"/api/v1/programmes/{{round}}/{path}", out var item), path);
            var get = item.GetProperty("get");
            Assert.Equal("Programme", get.GetProperty("tags")[0].GetString());
            Assert.True(get.GetProperty("responses").TryGetProperty("404", out _), path);
        }
    }

    /// <summary>Each row of a CSV as its header names the fields, read by the same library that wrote it.</summary>
    internal static List<Dictionary<string, string>> ReadCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => reader.GetString(h.i) ?? ""));
        }

        return rows;
    }
}
