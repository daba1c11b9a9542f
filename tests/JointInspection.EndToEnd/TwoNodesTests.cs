using JointInspection.DevServices;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Playwright;
using static JointInspection.EndToEnd.BrowserSteps;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// The decision loop on two portal nodes behind one PostgreSQL database, as a department runs it at its peak: a
/// stakeholder sends a suggestion to node A, chief inspectors sign in on node A and assess, decide and agree on node B, and the outcome email leaves exactly once although both nodes' senders watch the same outbox.
/// </summary>
[Trait("Database", "postgresql-only")]
public sealed class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private const string Word = "Quillbrook";
    private const string Title = $"Remand of children in {Word}";
    private const string Stakeholder = "quillbrook.parent@mail.example";

    [Fact]
    public async Task A_suggestion_sent_to_one_node_is_decided_on_the_other_and_its_outcome_emailed_once()
    {
        var reference = await SuggestOnNodeAAsync();

        // Justin Russell signs in on node A, then assesses and decides on node B: his session cookie and the forms'
        // antiforgery tokens, made on A, are read on B with the shared key ring and the shared session table.
        await using var justinContext = await nodes.NewContextAsync(nodes.A);
        var justin = await justinContext.NewPageAsync();
        await SignInAsStaffAsync(justin, "Justin Russell", "/triage");
        await justin.GotoAsync(new Uri(nodes.B, $"/triage/{reference}/assess").ToString());
        await justin.Locator("#likelihood-4").CheckAsync();
        await justin.Locator("#impact-4").CheckAsync();
        await justin.Locator("#programmeYear-2022-23").CheckAsync();
        await justin.GetByLabel("Inspector-days from HMI Prisons").FillAsync("40");
        await justin.GetByLabel("Inspector-days from HMI Probation").FillAsync("15");
        await justin.GetByRole(AriaRole.Button, new() { Name = "Save assessment" }).ClickAsync();
        await Expect(justin.Locator("[data-field=saved]")).ToContainTextAsync("Assessment saved.");

        await justin.GotoAsync(new Uri(nodes.B, $"/triage/{reference}/decide").ToString());
        await justin.GetByLabel("Accept: add it to the programme as a proposed workstream").CheckAsync();
        await justin.GetByRole(AriaRole.Group, new() { Name = "Supporting inspectorates" }).GetByLabel("HM Inspectorate of Probation (HMI Probation)").CheckAsync();
        await justin.GetByLabel("Full inspection").CheckAsync();
        await justin.GetByLabel("Reasons for the decision").FillAsync("Children on remand are a gap in the programme.");
        await RecordTheDecisionAsync(justin, reference);
        Assert.StartsWith(nodes.B.ToString(), justin.Url, StringComparison.Ordinal);

        // Charlie Taylor signs in on node A and agrees for HMI Prisons, the lead, on node B.
        await using var charlieContext = await nodes.NewContextAsync(nodes.A);
        var charlie = await charlieContext.NewPageAsync();
        await SignInAsStaffAsync(charlie, "Charlie Taylor", "/triage");
        await charlie.GotoAsync(new Uri(nodes.B, $"/triage/{reference}/decide").ToString());
        await charlie.GetByLabel("Yes, HMI Prisons agrees").CheckAsync();
        await charlie.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }).ClickAsync();
        await Expect(charlie.Locator("[data-field=answered]")).ToContainTextAsync("Your agreement has been recorded.");

        // Both nodes' senders watch the outbox. Once the email has arrived and each node has finished two more rounds
        // (the sender that sent it has marked it sent; the other has looked since), it has arrived once.
        var subject = $"Decision on {reference}";
        await nodes.Mailbox.WaitForAsync(m => m.Subject == subject, TestPatience.SafetyNet);
        await nodes.EachSenderLooksAgainAsync();
        Assert.Single(nodes.Mailbox.Messages, m => m.Subject == subject && m.EnvelopeTo.Contains(Stakeholder));

        // Signing out on node A ends the session on node B too.
        await justin.GotoAsync(new Uri(nodes.A, "/").ToString());
        await justin.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await justin.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await justin.ArriveAtAsync("**/account/signed-out");
        await justin.GotoAsync(new Uri(nodes.B, "/staff").ToString());
        Assert.Equal(new Uri(nodes.B, "/account/sign-in?ReturnUrl=%2Fstaff").ToString(), justin.Url);
    }

    /// <summary>The stakeholder's suggestion, sent through node A's /suggest pages; returns its reference.</summary>
    private async Task<string> SuggestOnNodeAAsync()
    {
        await using var context = await nodes.NewContextAsync(nodes.A);
        return await BrowserSteps.SuggestAsync(await context.NewPageAsync(), Title, "Robin Quill", Stakeholder, "HM Inspectorate of Prisons (HMI Prisons)");
    }
}

/// <summary>
/// Two portal nodes on real Kestrel (each with its own development identity provider) behind one PostgreSQL database,
/// one real mail server both send to, and one headless Chromium. The browser keeps cookies by host, not port, so a
/// session made on one node is offered to the other, as behind a load balancer.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private PortalFactory? a;
    private PortalFactory? b;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public DevMailbox Mailbox { get; } = new();

    public Uri A => a?.ClientOptions.BaseAddress ?? throw new InvalidOperationException("Node A has not started.");

    public Uri B => b?.ClientOptions.BaseAddress ?? throw new InvalidOperationException("Node B has not started.");

    public async Task InitializeAsync()
    {
        await Mailbox.StartAsync();
        a = Node(new PortalFactory(onRealKestrel: true, database: SqlDialect.PostgreSql));
        b = Node(PortalFactory.Joining(a));
        playwright = await Playwright.CreateAsync();
        browser = await HeadlessChromium.LaunchAsync(playwright);
    }

    private PortalFactory Node(PortalFactory node)
    {
        node.SendMailTo(Mailbox.Port);
        node.Settings["DevServices:Identity:Enabled"] = "true";
        node.StartServer();
        return node;
    }

    public Task<IBrowserContext> NewContextAsync(Uri node) =>
        HeadlessChromium.NewContextAsync(browser ?? throw new InvalidOperationException("The browser has not been launched."), node);

    /// <summary>Waits until the outbox sender of each node has finished two more rounds.</summary>
    public async Task EachSenderLooksAgainAsync()
    {
        await a!.WaitForOutboxRoundsAsync(2, TestPatience.SafetyNet);
        await b!.WaitForOutboxRoundsAsync(2, TestPatience.SafetyNet);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        if (b is not null)
        {
            await b.DisposeAsync();
        }

        if (a is not null)
        {
            await a.DisposeAsync();
        }

        await Mailbox.DisposeAsync();
    }
}
