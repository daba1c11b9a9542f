using System.Net;
using AngleSharp.Html.Dom;
using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JointInspection.Tests.Submissions;

/// <summary>
/// A person using the respond and suggest forms without JavaScript: GET a page, POST it with the antiforgery token from
/// its form and the cookies from earlier pages; redirects are left for the test to follow.
/// </summary>
internal sealed class JourneyVisitor(PortalFactory factory)
{
    public HttpClient Client { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<IHtmlDocument> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageParser.ParseAsync(response);
    }

    /// <summary>The antiforgery token from the page's form, as a browser would send it back.</summary>
    public async Task<string> TokenAsync(string path) =>
        (await GetAsync(path)).QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");

    public Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostAsync(string path, params (string Field, string Value)[] fields) =>
        PostToAsync(path, path, fields);

    /// <summary>Posts the form of the page at <paramref name="path"/> to <paramref name="action"/>, as a button with its own formaction does.</summary>
    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> PostToAsync(string path, string action, params (string Field, string Value)[] fields)
    {
        var token = await TokenAsync(path);
        var response = await Client.PostAsync(action, new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value)).Append(new("__RequestVerificationToken", token))));
        return (response, await PageParser.ParseAsync(response));
    }

    /// <summary>Posts the page and returns where it sends the person; fails if the page did not accept the answers.</summary>
    public async Task<string> PostAndFollowAsync(string path, params (string Field, string Value)[] fields)
    {
        var (response, page) = await PostAsync(path, fields);
        Assert.True(
            response.StatusCode == HttpStatusCode.Redirect,
            $"{path} answered {(int)response.StatusCode}: {string.Join("; ", page.QuerySelectorAll(".govuk-error-summary__list a").Select(a => a.TextContent.Trim()))}");
        return response.Headers.Location!.OriginalString;
    }
}
