using System.Net;
using JointInspection.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace JointInspection.Tests.Auth;

/// <summary>Without a session, staff pages send people to sign in and staff endpoints answer 401 as ProblemDetails.</summary>
public sealed class AnonymousAccessTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    public static TheoryData<string> StaffPages => ["/staff", "/admin/staff", "/account/your-submissions"];

    public static TheoryData<string> StaffEndpoints => ["/api/v1/staff/me", "/api/v1/admin/staff"];

    private HttpClient Client() => portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task A_protected_page_redirects_to_sign_in(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(path)}", response.Headers.Location?.PathAndQuery);
    }

    [Theory]
    [MemberData(nameof(StaffEndpoints))]
    public async Task A_protected_endpoint_answers_401_problem_details(string path)
    {
        var response = await Client().GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_posted_admin_form_without_a_session_changes_nothing()
    {
        using var form = new FormUrlEncodedContent([new("Email", "intruder@example.org"), new("Role", "Admin")]);

        var response = await Client().PostAsync("/admin/staff?handler=Grant", form);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var staff = portal.Services.GetService(typeof(JointInspection.Web.Features.Account.StaffDirectory)) as JointInspection.Web.Features.Account.StaffDirectory;
        Assert.Null(await staff!.FindAsync("intruder@example.org"));
    }
}
