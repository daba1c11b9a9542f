using System.Net;
using AngleSharp.Html.Dom;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Site;

/// <summary>A portal whose operator has published both addresses and reviewed the accessibility statement.</summary>
public sealed class PortalWithContacts : PortalFactory
{
    public const string ContactEmail = "secretariat@joint-inspection.example";
    public const string DataProtectionEmail = "dpo@probation-inspectorate.example";

    public PortalWithContacts()
    {
        Settings["Portal:ContactEmail"] = ContactEmail;
        Settings["Portal:DataProtectionEmail"] = DataProtectionEmail;
        Settings["Portal:AccessibilityStatementPrepared"] = "2027-01-15";
    }
}

/// <summary>The accessibility statement, privacy notice and open data page: where to turn, as configured and when not.</summary>
public sealed class ContactDetailsTests(PortalWithContacts configured) : IClassFixture<PortalWithContacts>
{
    private const string Eass = "https://www.equalityadvisoryservice.com/";
    private const string Ico = "https://ico.org.uk/make-a-complaint/";

    [Fact]
    public async Task The_accessibility_statement_gives_the_configured_email_as_a_mailto_link_the_eass_and_the_prepared_date()
    {
        var page = await GetAsync(configured, "/accessibility");

        var contact = page.QuerySelector("[data-field=contact]")!;
        Assert.Equal(PortalWithContacts.ContactEmail, contact.QuerySelector($"a[href='mailto:{PortalWithContacts.ContactEmail}']")?.TextContent.Trim());
        Assert.Contains("Civil Justice Centre, Manchester M3 3FX", contact.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-email-not-published]"));
        Assert.Contains("We’ll consider your request and get back to you in 10 working days.", MainText(page), StringComparison.Ordinal);
        Assert.Equal("Equality Advisory and Support Service (EASS)", page.QuerySelector($"a[href='{Eass}']")?.TextContent.Trim());
        Assert.Contains("Preparation of this accessibility statement", page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("15 January 2027", page.QuerySelector("[data-field=prepared]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_privacy_notice_gives_both_configured_emails_as_mailto_links_and_the_ico()
    {
        var page = await GetAsync(configured, "/privacy");

        Assert.NotNull(page.QuerySelector($"[data-field=contact] a[href='mailto:{PortalWithContacts.ContactEmail}']"));
        Assert.Equal(
            PortalWithContacts.DataProtectionEmail,
            page.QuerySelector($"[data-field=data-protection-officer] a[href='mailto:{PortalWithContacts.DataProtectionEmail}']")?.TextContent.Trim());
        Assert.Null(page.QuerySelector("[data-email-not-published]"));
        Assert.NotNull(page.QuerySelector($"a[href='{Ico}']"));
        Assert.Contains("0303 123 1113", MainText(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_emails_the_pages_say_they_are_not_published_to_write_instead_and_which_setting_publishes_them()
    {
        using var unset = new PortalFactory();

        var accessibility = await GetAsync(unset, "/accessibility");
        var privacy = await GetAsync(unset, "/privacy");

        Assert.Empty(accessibility.QuerySelectorAll("a[href^='mailto:']"));
        Assert.Empty(privacy.QuerySelectorAll("a[href^='mailto:']"));
        var note = accessibility.QuerySelector("[data-email-not-published='Portal:ContactEmail']")!;
        Assert.Contains("email address has not been published yet", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("write to the postal address", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("setting Portal:ContactEmail", MainText(accessibility), StringComparison.Ordinal);
        Assert.NotNull(privacy.QuerySelector("[data-email-not-published='Portal:ContactEmail']"));
        Assert.NotNull(privacy.QuerySelector("[data-email-not-published='Portal:DataProtectionEmail']"));
        Assert.Contains("setting Portal:DataProtectionEmail", MainText(privacy), StringComparison.Ordinal);
        // The links that need no configuration are there all the same, and the statement has its default date.
        Assert.NotNull(accessibility.QuerySelector($"a[href='{Eass}']"));
        Assert.NotNull(privacy.QuerySelector($"a[href='{Ico}']"));
        Assert.Equal("6 December 2026", accessibility.QuerySelector("[data-field=prepared]")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_footer_links_to_the_open_data_page_which_links_to_the_openapi_document()
    {
        var start = await GetAsync(configured, "/");

        var footerLinks = start.QuerySelectorAll("footer a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(("/open-data", "Open data"), footerLinks);
        Assert.DoesNotContain(footerLinks, link => link.Item1 == "/openapi/v1.json");

        var openData = await GetAsync(configured, "/open-data");
        Assert.NotNull(openData.QuerySelector("main a[href='/openapi/v1.json']"));
        Assert.NotNull(openData.QuerySelector("main a[href='https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/']"));
        Assert.Contains("GET /api/v1/programme", openData.QuerySelector("[data-field=public-endpoints]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("POST /api/v1/submissions", MainText(openData), StringComparison.Ordinal);
        Assert.Contains("No personal data", MainText(openData), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open_data_page_gives_the_submission_rate_limit_as_configured()
    {
        using var limited = new PortalFactory();
        limited.Settings["Submissions:RateLimit:PermitLimit"] = "3";
        limited.Settings["Submissions:RateLimit:WindowSeconds"] = "300";

        var page = await GetAsync(limited, "/open-data");

        Assert.Contains("Each internet address can send 3 submissions in 5 minutes.", Normalised(page.QuerySelector("[data-field=rate-limit]")!.TextContent), StringComparison.Ordinal);
    }

    private static async Task<IHtmlDocument> GetAsync(PortalFactory portal, string path)
    {
        var response = await portal.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PageParser.ParseAsync(response);
    }

    private static string MainText(IHtmlDocument page) => Normalised(page.QuerySelector("main")!.TextContent);

    /// <summary>Text as it reads, with the markup's line breaks and indentation as single spaces.</summary>
    private static string Normalised(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");
}
