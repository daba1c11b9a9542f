using System.Net;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;

namespace JointInspection.Tests.Auth;

/// <summary>
/// Every staff page and staff endpoint, requested by each kind of person after a real sign-in through the
/// development identity provider. Pages answer with the page, the access-denied page (403) or a trip to
/// sign in; endpoints answer 200, 403 or 401.
/// </summary>
public sealed class AuthorizationMatrixTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Stakeholder = "sam.okafor@victims-voice.example";

    /// <summary>path ({submission} is a fresh suggestion's reference, since only suggestions are assessed), then who sees it: anonymous, stakeholder, secretariat, chief inspector, admin ("ok", "denied", "sign-in").</summary>
    public static TheoryData<string, string, string, string, string, string> Pages => new()
    {
        { "/staff", "sign-in", "denied", "ok", "ok", "ok" },
        { "/staff/feedback", "sign-in", "denied", "ok", "ok", "ok" },
        { "/admin/staff", "sign-in", "denied", "denied", "denied", "ok" },
        { "/admin/audit", "sign-in", "denied", "denied", "denied", "ok" },
        { "/account/your-submissions", "sign-in", "ok", "denied", "denied", "denied" },
        { "/triage", "sign-in", "denied", "ok", "ok", "ok" },
        { "/triage/{submission}", "sign-in", "denied", "ok", "ok", "ok" },
        { "/triage/{submission}/assess", "sign-in", "denied", "ok", "ok", "denied" },
        { "/triage/{submission}/decide", "sign-in", "denied", "denied", "ok", "denied" },
        { "/triage/decide-several", "sign-in", "denied", "denied", "ok", "denied" },
        // Case work is shared out by and to the secretariat and chief inspectors.
        { "/triage/assign", "sign-in", "denied", "ok", "ok", "denied" },
        { "/triage/tags", "sign-in", "denied", "ok", "ok", "denied" },
        { "/triage/tag", "sign-in", "denied", "ok", "ok", "denied" },
        // Chief inspectors decide, so they do not recommend: recommending is the secretariat's alone.
        { "/triage/{submission}/recommend", "sign-in", "denied", "ok", "denied", "denied" },
        // ...and taking or rejecting a recommendation is the chief inspectors'.
        { "/triage/{submission}/recommendation/reject", "sign-in", "denied", "denied", "ok", "denied" },
        { "/triage/overview", "sign-in", "denied", "ok", "ok", "ok" },
        { "/triage/{submission}/moderate", "sign-in", "denied", "ok", "ok", "denied" },
        // Exports are for the secretariat and chief inspectors, not admins.
        { "/triage/exports/new", "sign-in", "denied", "ok", "ok", "denied" },
        { "/manage", "sign-in", "denied", "ok", "ok", "ok" },
        { "/manage/rounds/2021-23", "sign-in", "denied", "ok", "ok", "ok" },
        { "/manage/rounds/new", "sign-in", "denied", "ok", "denied", "ok" },
        { "/manage/rounds/2021-23/dates", "sign-in", "denied", "ok", "denied", "ok" },
        { "/manage/rounds/2021-23/capacity", "sign-in", "denied", "ok", "denied", "denied" },
        { "/manage/rounds/2021-23/workstreams/new", "sign-in", "denied", "ok", "denied", "denied" },
        { "/manage/rounds/2021-23/workstreams/rape", "sign-in", "denied", "ok", "denied", "denied" },
        { "/manage/rounds/2021-23/workstreams/rape/withdraw", "sign-in", "denied", "ok", "denied", "denied" },
        // Every member of staff follows a round's conclusion; the chair finalises (a chief inspector: the store checks it
        // is the chair) and the secretariat publishes the outcome.
        { "/manage/rounds/2021-23/conclude", "sign-in", "denied", "ok", "ok", "ok" },
        { "/manage/rounds/2021-23/finalise", "sign-in", "denied", "denied", "ok", "denied" },
        { "/manage/rounds/2021-23/publish-outcome", "sign-in", "denied", "ok", "denied", "denied" },
    };

    /// <summary>path, then the status each gets: anonymous, stakeholder, secretariat, chief inspector, admin.</summary>
    public static TheoryData<string, int, int, int, int, int> Endpoints => new()
    {
        { "/api/v1/staff/me", 401, 403, 200, 200, 200 },
        { "/api/v1/admin/staff", 401, 403, 403, 403, 200 },
        { "/api/v1/triage/submissions", 401, 403, 200, 200, 200 },
        { "/api/v1/exports/1", 401, 403, 404, 404, 403 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Each_staff_page_answers_each_kind_of_person_as_their_role_allows(
        string path, string anonymous, string stakeholder, string secretariat, string chiefInspector, string admin)
    {
        if (path.Contains("{submission}", StringComparison.Ordinal))
        {
            var id = Triage.SubmissionRows.Insert(Triage.SubmissionRows.StartedConnectionString(portal), new(Title: "A suggested topic"));
            path = path.Replace("{submission}", Web.Features.Submissions.SubmissionReference.Format(id), StringComparison.Ordinal);
        }

        var seen = new List<string>();
        foreach (var browser in await EveryoneAsync())
        {
            using (browser)
            {
                var page = await browser.GetAsync(path);
                seen.Add(page switch
                {
                    { Status: HttpStatusCode.OK } when page.Address.AbsolutePath == path => "ok",
                    { Status: HttpStatusCode.Forbidden } when page.Address.AbsolutePath == "/account/access-denied" => "denied",
                    _ when page.Trail.Any(address => address.AbsolutePath == "/account/sign-in") => "sign-in",
                    _ => $"{(int)page.Status} at {page.Address.AbsolutePath}",
                });
            }
        }

        Assert.Equal([anonymous, stakeholder, secretariat, chiefInspector, admin], seen);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_staff_endpoint_answers_each_kind_of_person_as_their_role_allows(
        string path, int anonymous, int stakeholder, int secretariat, int chiefInspector, int admin)
    {
        var seen = new List<int>();
        foreach (var browser in await EveryoneAsync())
        {
            using (browser)
            {
                using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
                seen.Add((int)response.StatusCode);
                if (!response.IsSuccessStatusCode)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.Equal([anonymous, stakeholder, secretariat, chiefInspector, admin], seen);
    }

    [Fact]
    public async Task A_staff_sign_in_with_no_role_gets_the_no_access_page()
    {
        using var browser = portal.NewBrowser();
        // A member of the public signing in through the staff provider: verified, but no role in the portal.
        var page = await browser.AsDemoPersonAsync("staff", "morgan.lee@mail.example", "/staff");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("/account/access-denied", page.Address.AbsolutePath);
        Assert.Contains("You do not have access", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_revoked_mid_session_stops_working_at_the_next_request()
    {
        var directory = (StaffDirectory)portal.Services.GetService(typeof(StaffDirectory))!;
        await directory.GrantAsync(Staff.PrisonsChiefInspector, StaffRoles.Admin, null, "test");
        using var browser = portal.NewBrowser();
        var before = await browser.AsDemoPersonAsync("staff", Staff.PrisonsChiefInspector, "/admin/staff");
        Assert.Equal(HttpStatusCode.OK, before.Status);

        await directory.RevokeAsync(Staff.PrisonsChiefInspector, StaffRoles.Admin, "test");
        var after = await browser.GetAsync("/admin/staff");

        // Revoking ends the session, so the next request asks them to sign in again; signed in again, they have
        // the role they kept and not the one revoked.
        Assert.Equal("/account/sign-in", after.Address.AbsolutePath);
        await browser.AsDemoPersonAsync("staff", Staff.PrisonsChiefInspector, "/staff");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff")).Status);
        Assert.Equal("/account/access-denied", (await browser.GetAsync("/admin/staff")).Address.AbsolutePath);
    }

    [Fact]
    public async Task A_tampered_session_cookie_lets_nobody_in()
    {
        using var browser = portal.NewBrowser();
        await browser.AsDemoPersonAsync("staff", Staff.Admin, "/staff");
        var cookie = browser.Cookies[PortalWithDevIdentity.SessionCookie];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/staff");
        request.Headers.Add("Cookie", $"{PortalWithDevIdentity.SessionCookie}={cookie[..^4]}AAAA");
        using var anonymous = new HttpClient { BaseAddress = portal.BaseAddress };

        var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_through_the_page_ends_the_session_and_the_providers()
    {
        using var browser = portal.NewBrowser();
        await browser.AsDemoPersonAsync("staff", Staff.ProbationChiefInspector, "/staff");
        var signOutPage = await browser.GetAsync("/account/sign-out");
        var form = signOutPage.FindForm("action=\"/account/sign-out\"");
        Assert.NotNull(form);
        Assert.Contains(form.HiddenFields, field => field.Key == "__RequestVerificationToken");

        var signedOut = await browser.SubmitAsync(signOutPage, form);

        Assert.Equal("/account/signed-out", signedOut.Address.AbsolutePath);
        Assert.Contains(signedOut.Trail, address => address.AbsolutePath.StartsWith("/dev/identity/", StringComparison.Ordinal));
        Assert.False(browser.Cookies.ContainsKey(PortalWithDevIdentity.SessionCookie));
        Assert.Equal("/account/sign-in", (await browser.GetAsync("/staff")).Address.AbsolutePath);
        // The provider's session ended too: signing in again asks who you are.
        var again = await browser.GetAsync("/account/sign-in/staff");
        Assert.Contains("data-dev-identity-picker", again.Html, StringComparison.Ordinal);
    }

    /// <summary>A browser for each kind of person, in the order of the matrix's columns, each signed in for real.</summary>
    private async Task<IReadOnlyList<TestBrowser>> EveryoneAsync()
    {
        var browsers = new List<TestBrowser> { portal.NewBrowser() };
        foreach (var (provider, email) in new[] { ("stakeholder", Stakeholder), ("staff", Staff.Secretariat), ("staff", Staff.ProbationChiefInspector), ("staff", Staff.Admin) })
        {
            browsers.Add(await portal.SignedInAsync(email, provider: provider));
        }

        return browsers;
    }
}
