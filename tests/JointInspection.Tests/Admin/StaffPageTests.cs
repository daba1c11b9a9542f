using System.Net;
using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Admin;

/// <summary>The admin's staff page after real sign-ins: names and words instead of identifiers, grant and remove that say they worked.</summary>
public sealed class StaffPageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task Staff_are_shown_by_name_with_roles_and_inspectorates_in_words()
    {
        // Signing in is what tells the portal a person's name.
        using (await portal.SignedInAsync(Staff.ProbationChiefInspector, "/staff"))
        {
        }

        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/staff");
        var page = await admin.GetAsync("/admin/staff");

        var row = Row(page.Html, Staff.ProbationChiefInspector);
        Assert.Contains("Justin Russell", row, StringComparison.Ordinal);
        Assert.Contains("Chief inspector", row, StringComparison.Ordinal);
        Assert.Contains("HMI Probation", row, StringComparison.Ordinal);
        Assert.DoesNotContain(">ChiefInspector<", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("hmi-probation<", row, StringComparison.Ordinal);
        Assert.Contains("<option value=\"Secretariat\">Secretariat officer</option>", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chief_inspector_without_an_inspectorate_is_a_field_error_that_keeps_what_was_typed_and_saves_nothing()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/staff");
        var page = await admin.GetAsync("/admin/staff");

        var refused = await admin.SubmitAsync(page, page.FindForm("data-grant-role")!, null, ("Email", "new.chief@example.gov.uk"), ("Role", "ChiefInspector"), ("Inspectorate", ""));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<title>Error: ", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#inspectorate\">Select the inspectorate this chief inspector leads</a>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"inspectorate-error\"", refused.Html, StringComparison.Ordinal);
        Assert.Contains("value=\"new.chief@example.gov.uk\"", refused.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM staff_member WHERE email = 'new.chief@example.gov.uk'"));
    }

    [Fact]
    public async Task Granting_says_it_worked_and_the_change_is_listed_in_words()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/staff");
        var page = await admin.GetAsync("/admin/staff");

        var done = await admin.SubmitAsync(page, page.FindForm("data-grant-role")!, null, ("Email", "new.officer@example.gov.uk"), ("Role", "Secretariat"), ("Inspectorate", "hmcpsi"));

        Assert.Equal("/admin/staff", done.Address.AbsolutePath);
        Assert.Contains("govuk-notification-banner--success", done.Html, StringComparison.Ordinal);
        Assert.Contains("new.officer@example.gov.uk now has the secretariat officer role", done.Html, StringComparison.Ordinal);
        Assert.Contains("Granted the secretariat officer role to new.officer@example.gov.uk (HMCPSI)", done.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("staff.grant", done.Html, StringComparison.Ordinal);
        // The banner is said once: the next visit does not repeat it.
        Assert.DoesNotContain("govuk-notification-banner--success", (await admin.GetAsync("/admin/staff")).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Removing_a_role_asks_first_and_then_says_it_worked()
    {
        const string Email = "leaving.officer@example.gov.uk";
        using var admin = await portal.SignedInAsync(Staff.Admin, "/admin/staff");
        var staffPage = await admin.GetAsync("/admin/staff");
        await admin.SubmitAsync(staffPage, staffPage.FindForm("data-grant-role")!, null, ("Email", Email), ("Role", "Secretariat"), ("Inspectorate", ""));

        var list = await admin.GetAsync("/admin/staff");
        Assert.Contains($"href=\"/admin/staff/remove?email={Uri.EscapeDataString(Email)}&amp;role=Secretariat\"", list.Html, StringComparison.Ordinal);
        var confirm = await admin.GetAsync($"/admin/staff/remove?email={Uri.EscapeDataString(Email)}&role=Secretariat");

        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Contains($"Are you sure you want to remove the secretariat officer role from {Email}?", confirm.Html, StringComparison.Ordinal);
        Assert.Contains("govuk-button--warning", confirm.Html, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM staff_role WHERE email = @Email", new { Email }));
        }

        var done = await admin.SubmitAsync(confirm, confirm.FindForm("data-remove-role")!);

        Assert.Equal("/admin/staff", done.Address.AbsolutePath);
        Assert.Contains($"{Email} no longer has the secretariat officer role", done.Html, StringComparison.Ordinal);
        Assert.Contains($"Removed the secretariat officer role from {Email}", done.Html, StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM staff_role WHERE email = @Email", new { Email }));
        }
    }

    [Fact]
    public async Task Staff_navigation_has_triage_and_risk_and_resources_and_the_staff_area_says_roles_in_words()
    {
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/staff");
        var page = await browser.GetAsync("/staff");

        var navigation = page.Html[page.Html.IndexOf("govuk-service-navigation__list", StringComparison.Ordinal)..page.Html.IndexOf("</nav>", StringComparison.Ordinal)];
        Assert.Contains("href=\"/triage\"", navigation, StringComparison.Ordinal);
        Assert.Contains("href=\"/triage/overview\"", navigation, StringComparison.Ordinal);
        Assert.Contains("Secretariat officer", page.Html, StringComparison.Ordinal);
        Assert.Contains("HM Inspectorate of Probation", page.Html, StringComparison.Ordinal);
        // On the overview, only Risk and resources is the current item, not Triage as well.
        var overview = await browser.GetAsync("/triage/overview");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(overview.Html, "aria-current="));
    }

    [Fact]
    public async Task The_admin_sees_the_queue_without_links_that_would_be_refused()
    {
        using var admin = await portal.SignedInAsync(Staff.Admin, "/triage");
        SubmissionRows.Insert(portal.StartedConnectionString(), new("Text.", Title: "A topic"));

        var page = await admin.GetAsync("/triage");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("data-reference=", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/assess\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("/decide\"", page.Html, StringComparison.Ordinal);
    }

    private static string Row(string html, string email)
    {
        var start = html.IndexOf($"data-staff=\"{email}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for {email}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
