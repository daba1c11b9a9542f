using System.Net;
using AngleSharp.Html.Dom;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JointInspection.Tests.Nodes;

/// <summary>
/// What a visitor carries from one node to the next: cookies and tokens protected with the data-protection keys in the
/// database, and a staff session kept in the database, so a load balancer need not send a person back to the same
/// node. Each is also shown to fail against a portal on another database, so the sharing is what makes them work.
/// </summary>
public sealed class SharedSignInTests
{
    [Fact]
    public async Task An_antiforgery_token_and_cookie_made_by_node_A_are_accepted_by_node_B()
    {
        await using var nodes = new TwoNodes(new PortalFactory());
        await using var elsewhere = new PortalFactory();

        var (cookies, token) = await FormFromAsync(nodes.A, "/respond");

        var onB = await PostAsync(nodes.B, "/respond", cookies, token, ("responseTo", "programme"));
        Assert.Equal(HttpStatusCode.Redirect, onB.StatusCode);
        Assert.Equal("/respond/response", onB.Headers.Location?.OriginalString);
        // The draft node B saved is found by node A from the cookie node B set.
        var draftCookies = string.Join("; ", new[] { cookies }.Concat(SetCookies(onB)));
        using var backOnA = await SendAsync(nodes.A, HttpMethod.Get, "/respond", draftCookies);
        Assert.Equal(HttpStatusCode.OK, backOnA.StatusCode);
        var page = await Site.PageParser.ParseAsync(backOnA);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=responseTo][value=programme]")!).IsChecked);

        var onAnotherDatabase = await PostAsync(elsewhere, "/respond", cookies, token, ("responseTo", "programme"));
        Assert.Equal(HttpStatusCode.BadRequest, onAnotherDatabase.StatusCode);
    }

    [Fact]
    public async Task A_session_made_on_node_A_works_on_node_B_until_signing_out_on_A_ends_it_there_too()
    {
        await using var nodes = new TwoNodes(PortalWithDevIdentity.With(_ => { }), bOnRealKestrel: true);
        using var elsewhere = PortalWithDevIdentity.With(_ => { });
        var a = (PortalWithDevIdentity)nodes.A;
        var b = nodes.B.ClientOptions.BaseAddress;
        using var browser = await a.SignedInAsync(Staff.Secretariat);
        var session = string.Join("; ", browser.Cookies
            .Where(cookie => cookie.Key.StartsWith(PortalWithDevIdentity.SessionCookie, StringComparison.Ordinal))
            .Select(cookie => $"{cookie.Key}={cookie.Value}"));

        Assert.Equal(HttpStatusCode.OK, await StaffMeAsync(b, session));
        Assert.Equal(HttpStatusCode.Unauthorized, await StaffMeAsync(elsewhere.BaseAddress, session));

        var signOut = await browser.GetAsync("/account/sign-out");
        var signedOut = await browser.SubmitAsync(signOut, signOut.FindForm("action=\"/account/sign-out\"")!);
        Assert.Equal("/account/signed-out", signedOut.Address.AbsolutePath);

        Assert.Equal(HttpStatusCode.Unauthorized, await StaffMeAsync(b, session));
    }

    /// <summary>GETs the page as a new visitor: the cookies it sets (as one Cookie header) and its form's antiforgery token.</summary>
    private static async Task<(string Cookies, string Token)> FormFromAsync(PortalFactory node, string path)
    {
        using var response = await SendAsync(node, HttpMethod.Get, path, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Site.PageParser.ParseAsync(response);
        var token = page.QuerySelector("form input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
        return (string.Join("; ", SetCookies(response)), token);
    }

    private static async Task<HttpResponseMessage> PostAsync(PortalFactory node, string path, string cookies, string token, params (string Field, string Value)[] fields)
    {
        using var content = new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Field, f.Value)).Append(new("__RequestVerificationToken", token)));
        return await SendAsync(node, HttpMethod.Post, path, cookies, content);
    }

    /// <summary>A request from a client that keeps no cookies of its own, so only those given are sent.</summary>
    private static async Task<HttpResponseMessage> SendAsync(PortalFactory node, HttpMethod method, string path, string? cookies, HttpContent? content = null)
    {
        var client = node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (cookies is not null)
        {
            request.Headers.Add("Cookie", cookies);
        }

        return await client.SendAsync(request);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(value => value.Split(';')[0]) : [];

    private static async Task<HttpStatusCode> StaffMeAsync(Uri node, string session)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = node };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/me");
        request.Headers.Add("Cookie", session);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
