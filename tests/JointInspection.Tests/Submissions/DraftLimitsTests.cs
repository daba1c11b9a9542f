using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Dapper;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JointInspection.Tests.Submissions;

/// <summary>Anonymous step POSTs save drafts; these are the bounds that keep them from filling the disk.</summary>
public sealed class DraftLimitsTests
{
    private static readonly string LongestText = new('x', 20_000);

    [Fact]
    public async Task An_over_long_answer_is_shown_back_with_its_error_and_not_saved()
    {
        using var portal = new PortalFactory();
        var client = NewPerson(portal);
        var tooLong = new string('y', 20_001);

        var (response, page) = await PostAsync(client, "/suggest", ("title", "Remand"), ("text", tooLong), ("reason", "It matters."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("What the inspection should look at must be 20,000 characters or fewer", page.QuerySelector("a[href='#text']")?.TextContent.Trim());
        Assert.Equal(tooLong, (page.GetElementById("text") as IHtmlTextAreaElement)?.Value);
        Assert.Equal("Remand", page.GetElementById("title")?.GetAttribute("value"));
        Assert.Equal(0L, Scalar(portal, "SELECT count(*) FROM submission_draft"));
    }

    [Fact]
    public async Task Many_clients_posting_the_longest_answers_leave_a_bounded_database()
    {
        using var portal = new PortalFactory();
        portal.Settings["Submissions:Drafts:MaxPerClient"] = "5";

        for (var i = 0; i < 12; i++)
        {
            // A new client each time: no draft cookie, so each POST would start a new draft.
            var (response, _) = await PostAsync(NewPerson(portal), "/suggest", ("title", new string('t', 200)), ("text", LongestText), ("reason", LongestText));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        Assert.Equal(5L, Scalar(portal, "SELECT count(*) FROM submission_draft"));
        // Five drafts of two 20,000-character texts and a title, with room for the JSON around them.
        Assert.InRange(Scalar(portal, "SELECT sum(length(answers)) FROM submission_draft"), 5 * 40_200, 5 * 41_000);
    }

    [Fact]
    public async Task Saving_drafts_is_rate_limited_per_client_and_says_when_to_try_again()
    {
        using var portal = new PortalFactory();
        portal.Settings["Submissions:Drafts:RateLimit:PermitLimit"] = "3";
        var client = NewPerson(portal);

        var answers = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            (last, _) = await PostAsync(client, "/respond", ("responseTo", "programme"));
            answers.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers);
        Assert.NotNull(last.Headers.RetryAfter?.Delta);
        Assert.Equal("You have saved your answers too many times", (await PageParser.ParseAsync(last)).QuerySelector("h1")?.TextContent.Trim());
        // Reading the pages is never limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/respond")).StatusCode);
    }

    [Fact]
    public async Task A_step_post_over_the_size_limit_gets_a_clear_413_page_and_saves_nothing()
    {
        // Kestrel enforces the request size limit; the in-memory test server does not.
        using var portal = new PortalFactory(onRealKestrel: true);
        portal.StartServer();
        var client = NewPerson(portal);
        var token = await TokenAsync(client, "/suggest");
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&title=t&reason=r&text={new string('z', 1024 * 1024)}";

        var response = await client.PostAsync("/suggest", new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("What you sent is too large", (await PageParser.ParseAsync(response)).QuerySelector("h1")?.TextContent.Trim());
        Assert.Equal(0L, Scalar(portal, "SELECT count(*) FROM submission_draft"));
    }

    private static HttpClient NewPerson(PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = portal.ClientOptions.BaseAddress });

    private static async Task<string> TokenAsync(HttpClient client, string path) =>
        (await PageParser.ParseAsync(await client.GetAsync(path))).QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostAsync(HttpClient client, string path, params (string Field, string Value)[] fields)
    {
        var token = await TokenAsync(client, path);
        var response = await client.PostAsync(path, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value)).Append(new("__RequestVerificationToken", token))));
        return (response, await PageParser.ParseAsync(response));
    }

    private static long Scalar(PortalFactory portal, string sql)
    {
        using var connection = portal.OpenDatabase();
        return connection.ExecuteScalar<long>(sql);
    }
}
