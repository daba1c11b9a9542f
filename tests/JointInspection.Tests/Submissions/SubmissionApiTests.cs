using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Tests.Submissions;

public sealed class SubmissionApiTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private DbConnection Open() => portal.OpenDatabase();

    private long Count(string table, string where = "1 = 1")
    {
        using var connection = Open();
        return connection.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE {where}");
    }

    [Fact]
    public async Task A_response_is_stored_with_its_reference_and_two_queued_emails()
    {
        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(workstream: "mental-health"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreatedSubmission>();
        Assert.Matches("^JI-[0-9]{6}$", created!.Reference);
        Assert.Equal(created.StatusUrl, response.Headers.Location);
        var id = long.Parse(created.Reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        using var connection = Open();
        var stored = connection.QuerySingle<(string Kind, long WorkstreamId, string Email, string Organisation)>(
            "SELECT kind, workstream_id, respondent_email, organisation_name FROM submission WHERE id = @id", new { id });
        Assert.Equal(("response", 7L, "sam@example.org", "Victim Support Cymru"), stored);
        var emails = connection.Query<string>("SELECT subject FROM outbox_message WHERE submission_id = @id ORDER BY id", new { id }).ToList();
        Assert.Equal([$"We have received your submission {created.Reference}", $"Confirm your email address for {created.Reference}"], emails);
    }

    [Fact]
    public async Task A_suggestion_keeps_its_scope()
    {
        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<CreatedSubmission>();
        var id = long.Parse(created!.Reference[3..], System.Globalization.CultureInfo.InvariantCulture);
        using var connection = Open();
        Assert.Equal(["cqc", "hmcpsi", "hmicfrs"], connection.Query<string>("SELECT inspectorate_code FROM submission_inspectorate WHERE submission_id = @id ORDER BY 1", new { id }));
        Assert.Equal("hmcpsi", connection.ExecuteScalar<string>("SELECT lead_inspectorate_code FROM submission WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task References_are_never_reused()
    {
        var client = portal.CreateClient();
        var first = await (await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).Content.ReadFromJsonAsync<CreatedSubmission>();
        using (var connection = Open())
        {
            // Even when the newest submission is deleted, its number is not handed out again.
            connection.Execute(
                """
                DELETE FROM outbox_message;
                DELETE FROM email_confirmation;
                DELETE FROM submission_area_of_focus WHERE submission_id = (SELECT max(id) FROM submission);
                DELETE FROM submission_cross_cutting_issue WHERE submission_id = (SELECT max(id) FROM submission);
                DELETE FROM submission_inspectorate WHERE submission_id = (SELECT max(id) FROM submission);
                DELETE FROM submission WHERE id = (SELECT max(id) FROM submission);
                """);
        }

        var second = await (await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response())).Content.ReadFromJsonAsync<CreatedSubmission>();

        Assert.True(string.CompareOrdinal(second!.Reference, first!.Reference) > 0, $"{second.Reference} should follow {first.Reference}");
    }

    [Fact]
    public async Task An_empty_response_names_every_missing_field_and_stores_nothing()
    {
        var before = Count("submission");

        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", new { kind = "response" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(["responseTo", "stance", "text", "name", "email", "respondentType", "publicationConsent"], problem!.Errors.Keys);
        Assert.Equal("Enter your name", Assert.Single(problem.Errors["name"]));
        Assert.Equal(before, Count("submission"));
    }

    public static TheoryData<string, object, string, string> BadFields => new()
    {
        { "malformed email", SampleSubmissions.Response(email: "sam@"), "email", "Enter an email address in the correct format, like name@example.com" },
        { "unknown workstream", SampleSubmissions.Response(workstream: "no-such-work"), "workstream", "Select the workstream you are responding to" },
        { "over-long title", SampleSubmissions.Suggestion(title: new string('t', 201)), "title", "Title must be 200 characters or fewer" },
        { "2 MB body", SampleSubmissions.Response(text: new string('x', 2 * 1024 * 1024)), "text", "Your response must be 20,000 characters or fewer" },
        {
            "lead not taking part", SampleSubmissions.Suggestion(inspectorates: ["hmicfrs"]), "lead",
            "The lead must take part: select HMCPSI as taking part too, or choose a lead from those taking part"
        },
        {
            "a line that is no web address", SampleSubmissions.Suggestion(evidenceLinks: "https://example.org/report\nexample.org/data"), "evidenceLinks",
            "Line 2 is not a web address. Each line must be one full web address starting https:// or http://"
        },
        { "no kind", new { name = "Sam" }, "kind", "Say whether this is a response (\"response\") or a suggested topic (\"suggestion\")" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_named_with_what_to_do_and_nothing_is_stored(string because, object body, string field, string message)
    {
        var before = Count("submission");

        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, because);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(message, Assert.Single(problem!.Errors[field]));
        Assert.Equal(before, Count("submission"));
    }

    [Theory]
    [InlineData("areasOfFocus", "Select at least one area of focus, or “I don’t know”")]
    [InlineData("inspectorates", "Select at least one inspectorate that should take part, or “I don’t know”")]
    public async Task A_null_required_list_is_an_empty_one_and_named_as_missing(string field, string message)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(SampleSubmissions.Suggestion(email: $"null-{field}@example.org"))!;
        body[field] = null;

        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Equal(message, Assert.Single(problem!.Errors[field]));
        Assert.Equal(0, Count("submission", $"respondent_email = 'null-{field}@example.org'"));
    }

    [Fact]
    public async Task A_null_optional_list_is_an_empty_one()
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(SampleSubmissions.Suggestion())!;
        body["crossCuttingIssues"] = null;

        var created = await SampleSubmissions.SendAsync(portal.CreateClient(), body);

        Assert.Equal(0, Count("submission_cross_cutting_issue", $"submission_id = {created.Id}"));
        Assert.Equal(1, Count("submission_area_of_focus", $"submission_id = {created.Id}"));
    }

    [Fact]
    public async Task Invalid_json_is_a_validation_problem_about_the_body()
    {
        using var content = new StringContent("{\"kind\": \"response\",", Encoding.UTF8, "application/json");

        var response = await portal.CreateClient().PostAsync("/api/v1/submissions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.Contains("not valid JSON", Assert.Single(problem!.Errors["body"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_a_submission_is_stored_and_shown_inert()
    {
        var payload = "<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))";
        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Response(text: payload));
        var created = await response.Content.ReadFromJsonAsync<CreatedSubmission>();

        using (var connection = Open())
        {
            var html = connection.ExecuteScalar<string>("SELECT body_html FROM submission WHERE respondent_email = 'sam@example.org' ORDER BY id DESC LIMIT 1")!;
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }

        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync(created!.StatusUrl.PathAndQuery));
        var main = page.QuerySelector("main")!;
        Assert.Empty(main.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", main.QuerySelector("[data-field=text]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receipt_email_carries_a_copy_with_markup_encoded_or_sanitised()
    {
        var response = await portal.CreateClient().PostAsJsonAsync("/api/v1/submissions", new
        {
            kind = "response",
            responseTo = "area-of-focus",
            areaOfFocus = "custodial-conditions",
            stance = "no-view",
            text = "Cells are *too hot*. <script>alert(1)</script>",
            name = "<img src=x onerror=alert(1)>",
            email = "cells@example.org",
            respondentType = "individual",
            publicationConsent = "none",
        });
        response.EnsureSuccessStatusCode();

        using var connection = Open();
        var receipt = connection.QuerySingle<(string Text, string Html)>(
            "SELECT text_body, html_body FROM outbox_message WHERE to_address = 'cells@example.org' AND purpose = 'acknowledgement'");
        // Each label on its own line with its answer under it, so a question label never reads "Do you support it?: …".
        Assert.Contains("Responding to\nArea of focus: Custodial conditions\n", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Do you support it?\nI have no view either way\n", receipt.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("?:", receipt.Text, StringComparison.Ordinal);
        Assert.Contains("Cells are *too hot*.", receipt.Text, StringComparison.Ordinal);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(receipt.Html);
        Assert.Empty(html.QuerySelectorAll("script, img"));
        Assert.Equal("too hot", html.QuerySelector("em")?.TextContent);
        Assert.Contains("Name<img src=x onerror=alert(1)>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("?:", html.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_status_link_shows_the_submission_and_a_wrong_one_is_not_found()
    {
        var client = portal.CreateClient();
        var created = await (await client.PostAsJsonAsync("/api/v1/submissions", SampleSubmissions.Suggestion(title: "Youth diversion"))).Content.ReadFromJsonAsync<CreatedSubmission>();

        var response = await client.GetAsync(created!.StatusUrl.PathAndQuery);
        var page = await PageParser.ParseAsync(response);
        Assert.Equal($"Submission {created.Reference}", page.QuerySelector("h1")!.TextContent.Trim());
        var main = page.QuerySelector("main")!.TextContent;
        Assert.Contains("Youth diversion", main, StringComparison.Ordinal);
        Assert.Contains("Bringing offenders to justice", main, StringComparison.Ordinal);
        Assert.Contains("HMICFRS, HMCPSI, CQC", main, StringComparison.Ordinal);
        Assert.Contains("Not confirmed yet", page.QuerySelector("[data-field=email-confirmed]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));

        var wrong = await client.GetAsync("/submissions/not-the-token");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_submissions_endpoint()
    {
        var document = await portal.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/v1/submissions").GetProperty("post");
        Assert.True(post.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("400", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("409", out _));
        Assert.True(post.TryGetProperty("requestBody", out _));
    }
}
