using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.FinalProgramme;

/// <summary>
/// A portal of its own whose 2021–23 programme the chair has finalised, with three accepted suggestions: a joint one
/// whose respondent agreed to be named, a bilateral one whose respondent asked to be anonymous, and one accepted and
/// then declined, so withdrawn. Each went through the public API, the assessment page and the decision API as the
/// real people would, and the response is noted; then the consultation closes and the chair finalises the programme.
/// </summary>
public sealed class FinalisedProgrammePortal : PortalWithDevIdentity, IAsyncLifetime
{
    public const string NamedRespondent = "Robin Marsh";
    public const string AnonymousRespondent = "Quinn Abernethy";

    private static readonly string[] Joint = ["hmicfrs", "hmi-probation"];
    private static readonly string[] Bilateral = ["hmicfrs"];
    private static readonly string[] Cqc = ["cqc"];
    private static readonly string[] NoPartners = [];
    private static readonly string[] CustodialConditions = ["custodial-conditions"];
    private static readonly string[] ProsecutionAndPrisons = ["hmcpsi", "hmi-prisons"];

    public string JointSlug { get; private set; } = "";

    public string JointReference { get; private set; } = "";

    public string BilateralSlug { get; private set; } = "";

    public string WithdrawnSlug { get; private set; } = "";

    public const string WithdrawnTitle = "Prison education withdrawn";

    public async Task InitializeAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = BaseAddress };
        var response = await SampleSubmissions.SendAsync(anonymous, SampleSubmissions.Response());
        using var chief = await SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        await DecideAsync(chief, response.Reference, new { version = 0, outcome = "noted", rationale = "Thank you for your response." });

        var joint = await SuggestAsync(anonymous, "named", NamedRespondent);
        JointReference = joint;
        JointSlug = await AcceptAsync(chief, joint, "Remand of children", Joint, NoPartners);
        BilateralSlug = await AcceptAsync(chief, await SuggestAsync(anonymous, "anonymous", AnonymousRespondent), "Court interpreters", Bilateral, Cqc);
        var withdrawn = await SuggestAsync(anonymous, "named", "Sam Withdrawn");
        WithdrawnSlug = await AcceptAsync(chief, withdrawn, WithdrawnTitle, Joint, NoPartners);
        await DecideAsync(chief, withdrawn, new { version = 1, outcome = "decline", rationale = "HMI Prisons covers this already." });

        await FinaliseAsync(this);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    /// <summary>Closes the 2021–23 consultation and has the chair finalise its programme, as the conclusion pages do.</summary>
    public static Task FinaliseAsync(PortalFactory portal)
    {
        ArgumentNullException.ThrowIfNull(portal);
        return Conclusions.FinaliseAsync(portal.Services);
    }

    /// <summary>The round's workstreams not withdrawn, straight from the database: slug, title, lead and supporting inspectorates as shown.</summary>
    public async Task<IReadOnlyList<ExpectedWorkstream>> ExpectedWorkstreamsAsync()
    {
        await using var connection = OpenDatabase();
        var rows = await connection.QueryAsync<(string Slug, string Title, string Name, string Role, string Kind)>("""
            SELECT w.slug, w.title, i.short_name || coalesce(' (' || p.nation || ')', ''), p.role, i.kind
              FROM workstream w
              JOIN workstream_participant p ON p.workstream_id = w.id
              JOIN inspectorate i ON i.code = p.inspectorate_code
             WHERE w.withdrawn_at IS NULL AND w.round_id = (SELECT id FROM programme_round WHERE first_year = 2021)
             ORDER BY w.id, i.sort_order
            """);
        return [.. rows.GroupBy(r => (r.Slug, r.Title)).Select(g => new ExpectedWorkstream(
            g.Key.Slug, g.Key.Title,
            g.Where(r => r.Role == "lead").Select(r => r.Name).SingleOrDefault() ?? "Not named",
            Names(g.Where(r => r.Role != "lead" && r.Kind == "criminal-justice").Select(r => r.Name))))];
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "None";

    private static async Task<string> SuggestAsync(HttpClient anonymous, string consent, string name)
    {
        var created = await SampleSubmissions.SendAsync(anonymous, SampleSubmissions.Suggestion(
            title: "Suggested topic", inspectorates: ProsecutionAndPrisons, areasOfFocus: CustodialConditions,
            name: name, email: "respondent@example.org", publicationConsent: consent));
        return created.Reference;
    }

    private async Task<string> AcceptAsync(TestBrowser chief, string reference, string title, string[] supporting, string[] partners)
    {
        var page = await chief.GetAsync($"/triage/{reference}/assess");
        var saved = await chief.SubmitAsync(
            page, page.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmcpsi", "2"), ("days-hmi-probation", "3"));
        if (!saved.Html.Contains("data-field=\"saved\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The assessment of {reference} was not saved.");
        }

        var decision = await DecideAsync(chief, reference, new
        {
            version = 0,
            outcome = "accept",
            rationale = "It fills a gap in the programme.",
            workstream = new
            {
                title,
                summary = "How the work would be scoped.\nWho it would speak to.",
                lead = "hmcpsi",
                supporting,
                partners,
                areasOfFocus = CustodialConditions,
                programmeYear = "2022-23",
                kind = "inspection",
            },
        });
        return decision.GetProperty("workstream").GetString()!;
    }

    /// <summary>Records the decision and, when it is joint, has every inspectorate taking part agree, so it is final and public.</summary>
    private async Task<JsonElement> DecideAsync(TestBrowser chief, string reference, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{reference}/decision") { Content = JsonContent.Create(body) };
        using var response = await chief.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Decision on {reference} got {(int)response.StatusCode}: {text}");
        }

        var decision = JsonDocument.Parse(text).RootElement.Clone();
        if (decision.GetProperty("agreement").GetString() == "awaiting" && SubmissionReference.TryParse(reference, out var id))
        {
            await Agreements.AgreeAllAsync(this, id);
        }

        return decision;
    }
}

/// <summary>A workstream as the final programme should list it.</summary>
public sealed record ExpectedWorkstream(string Slug, string Title, string Lead, string Supporting);
