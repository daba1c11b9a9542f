using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Auth;

/// <summary>
/// Sessions are kept in the portal's database, and the cookie holds only a key to one: signing out, losing a role
/// or letting the session expire ends it for whoever holds a copy of the cookie, not just the browser that asked.
/// </summary>
public sealed class SessionTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Morgan = "morgan.lee@mail.example";

    [Fact]
    public async Task A_session_cookie_replayed_after_signing_out_reaches_nothing()
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat);
        var copied = SessionCookies(browser);
        Assert.Equal(HttpStatusCode.OK, await StaffMeWithAsync(copied));

        var signOut = await browser.GetAsync("/account/sign-out");
        var signedOut = await browser.SubmitAsync(signOut, signOut.FindForm("action=\"/account/sign-out\"")!);

        Assert.Equal("/account/signed-out", signedOut.Address.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, await StaffMeWithAsync(copied));
    }

    [Fact]
    public async Task Revoking_a_role_ends_that_persons_sessions_everywhere()
    {
        var directory = portal.Services.GetRequiredService<StaffDirectory>();
        await directory.GrantAsync(Morgan, StaffRoles.Secretariat, "hmi-prisons", "test");
        using var browser = await portal.SignedInAsync(Morgan);
        var copied = SessionCookies(browser);
        Assert.Equal(HttpStatusCode.OK, await StaffMeWithAsync(copied));

        await directory.RevokeAsync(Morgan, StaffRoles.Secretariat, "test");

        // 401, not 403: there is no session left to be refused, so the person must sign in again.
        Assert.Equal(HttpStatusCode.Unauthorized, await StaffMeWithAsync(copied));
        using var database = portal.OpenDatabase();
        Assert.Equal(0, await database.ExecuteScalarAsync<long>("SELECT count(*) FROM auth_session WHERE email = @Morgan", new { Morgan }));
    }

    [Fact]
    public async Task A_session_slides_while_used_ends_eight_hours_after_its_last_renewal_and_expired_rows_are_cleaned_away()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var timed = PortalWithDevIdentity.With(factory => factory.Clock = clock);
        using var browser = await timed.SignedInAsync(Staff.Secretariat);
        var copied = SessionCookies(browser);
        // Signed in at the same time but never used again: only the clean-up can take this one away.
        using var idle = await timed.SignedInAsync(Staff.Admin);
        using (var database = timed.OpenDatabase())
        {
            Assert.Equal(2, await database.ExecuteScalarAsync<long>("SELECT count(*) FROM auth_session"));
        }

        // Used five hours in, the session is renewed for another eight, so ten hours in it still works.
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(HttpStatusCode.OK, await StaffMeWithAsync(copied, timed.BaseAddress));
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Equal(HttpStatusCode.OK, await StaffMeWithAsync(copied, timed.BaseAddress));

        // That renewal also cleared away the idle session, expired two hours ago.
        using (var database = timed.OpenDatabase())
        {
            Assert.Equal([Staff.Secretariat], await database.QueryAsync<string>("SELECT email FROM auth_session"));
        }

        clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await StaffMeWithAsync(copied, timed.BaseAddress));
    }

    /// <summary>The session cookie as a Cookie header, with its chunks when it is too big for one cookie.</summary>
    private static string SessionCookies(TestBrowser browser) =>
        string.Join("; ", browser.Cookies.Where(cookie => cookie.Key.StartsWith(PortalWithDevIdentity.SessionCookie, StringComparison.Ordinal)).Select(cookie => $"{cookie.Key}={cookie.Value}"));

    /// <summary>GET /api/v1/staff/me from a fresh client that sends only the session cookie <paramref name="sessionCookie"/> holds.</summary>
    private async Task<HttpStatusCode> StaffMeWithAsync(string sessionCookie, Uri? baseAddress = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress ?? portal.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/staff/me");
        request.Headers.Add("Cookie", sessionCookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
