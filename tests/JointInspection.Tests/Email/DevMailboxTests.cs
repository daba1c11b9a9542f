using System.Text.Encodings.Web;
using AngleSharp.Html.Parser;
using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Features.DevMailbox;
using JointInspection.Web.Infrastructure.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static JointInspection.Tests.Email.MailTestHelpers;

namespace JointInspection.Tests.Email;

/// <summary>The development mailbox: on in Development, shown at /dev/mailbox, refused everywhere else.</summary>
public sealed class DevMailboxTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("joint-inspection-mailbox-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task In_Development_the_portal_sends_to_its_own_mailbox_and_shows_it()
    {
        await using var portal = new DevelopmentPortal();
        var client = portal.CreateClient();
        var mailbox = portal.Services.GetRequiredService<DevMailbox>();
        Assert.True(mailbox.IsRunning);

        var reference = await SubmitAsync(client, "dev@example.org", "Look at <script>alert('x')</script> & bail hostels.");
        await mailbox.WaitForAsync(m => m.Subject == $"We have received your submission {reference}", Patience);
        await mailbox.WaitForAsync(m => m.Subject == $"Confirm your email address for {reference}", Patience);

        var html = await client.GetStringAsync("/dev/mailbox");
        // The typed script travels in the text part; the page shows it as text and never runs it.
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(html);
        var messages = page.QuerySelectorAll("[data-message]");
        Assert.Equal(2, messages.Length);
        // Newest first: the confirmation was queued after the acknowledgement.
        Assert.Equal(
            [$"Confirm your email address for {reference}", $"We have received your submission {reference}"],
            messages.Select(m => m.QuerySelector("[data-field=subject]")!.TextContent));
        Assert.All(messages, m => Assert.Equal("dev@example.org", m.QuerySelector("[data-field=to]")!.TextContent));
        var acknowledgement = messages[1].QuerySelector("[data-field=text]")!;
        Assert.Contains("Look at <script>alert('x')</script> & bail hostels.", acknowledgement.TextContent, StringComparison.Ordinal);
        Assert.Contains(reference, acknowledgement.TextContent, StringComparison.Ordinal);
        var statusLink = Assert.Single(acknowledgement.QuerySelectorAll("a"));
        Assert.StartsWith("http://localhost/submissions/", statusLink.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_mailbox_is_the_smtp_target_through_the_options_and_a_configured_host_wins()
    {
        await using (var portal = new DevelopmentPortal())
        {
            var mailbox = portal.Services.GetRequiredService<DevMailbox>();
            var smtp = portal.Services.GetRequiredService<IOptionsMonitor<EmailOptions>>().CurrentValue.Smtp;
            Assert.Equal((DevMailbox.Host, mailbox.Port), (smtp.Host, smtp.Port));
            Assert.Equal(new SmtpTarget(DevMailbox.Host, mailbox.Port, SmtpSecurity.None, null, null), portal.OutboxSender().CurrentTarget());
        }

        await using (var portal = new DevelopmentPortal())
        {
            portal.Settings["Email:Smtp:Host"] = "smtp.example.org";
            portal.Settings["Email:Smtp:Port"] = "587";
            var smtp = portal.Services.GetRequiredService<IOptionsMonitor<EmailOptions>>().CurrentValue.Smtp;
            Assert.Equal(("smtp.example.org", 587), (smtp.Host, smtp.Port));
            Assert.True(portal.Services.GetRequiredService<DevMailbox>().IsRunning);
        }
    }

    [Fact]
    public async Task The_mailbox_page_is_not_found_when_the_mailbox_is_off()
    {
        await using var portal = new PortalFactory();

        using var response = await portal.CreateClient().GetAsync("/dev/mailbox");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(portal.Services.GetService<DevMailbox>());
    }

    [Fact]
    public async Task The_mailbox_refuses_to_run_outside_Development()
    {
        var database = await TestDatabase.ForProcessAsync(folder);
        var run = await RunPortalAsync(
            ("ASPNETCORE_ENVIRONMENT", "Production"),
            ("DevServices__Mailbox__Enabled", "true"),
            ("ConnectionStrings__Portal", database));
        await TestDatabase.DropForProcessAsync(database);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            "Start-up stopped: DevServices:Mailbox:Enabled is true in the Production environment; the development mailbox must never run outside Development. " +
            "Remove the setting, or configure Email:Smtp:* for a real mail server.",
            line.TrimEnd('\r'));
    }

    [Fact]
    public async Task The_mailbox_keeps_only_the_latest_messages()
    {
        await using var mailbox = new DevMailbox(new DevMailboxOptions { Capacity = 2 });
        await mailbox.StartAsync();

        using (var client = new MailKit.Net.Smtp.SmtpClient())
        {
            await client.ConnectAsync(DevMailbox.Host, mailbox.Port, MailKit.Security.SecureSocketOptions.None);
            foreach (var subject in new[] { "first", "second", "third" })
            {
                var message = new MimeKit.MimeMessage { Subject = subject, Body = new MimeKit.TextPart("plain") { Text = subject } };
                message.From.Add(MimeKit.MailboxAddress.Parse("from@example.org"));
                message.To.Add(MimeKit.MailboxAddress.Parse("to@example.org"));
                await client.SendAsync(message);
            }

            await client.DisconnectAsync(quit: true);
        }

        Assert.Equal(["second", "third"], mailbox.Messages.Select(m => m.Subject));
    }

    [Fact]
    public void The_page_links_web_addresses_and_encodes_everything_else()
    {
        using var html = new StringWriter();
        IndexModel.TextWithLinks("Go to https://a.example/x?y=1&z=2\"><script>, not javascript:alert(1) <b>").WriteTo(html, HtmlEncoder.Default);

        Assert.Equal(
            "Go to <a class=\"govuk-link\" href=\"https://a.example/x?y=1&amp;z=2\">https://a.example/x?y=1&amp;z=2</a>" +
            "&quot;&gt;&lt;script&gt;, not javascript:alert(1) &lt;b&gt;",
            html.ToString());
    }

    /// <summary>The real portal in Development, where the mailbox is on by default.</summary>
    private sealed class DevelopmentPortal : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }

    private Task<PortalRun> RunPortalAsync(params (string Name, string Value)[] environment) =>
        PortalProcess.RunAsync(folder, environment.ToDictionary(e => e.Name, e => e.Value));
}
