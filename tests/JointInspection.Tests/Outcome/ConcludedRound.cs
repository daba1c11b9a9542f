using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Outcome;

[CollectionDefinition(Name)]
public sealed class ConcludedRoundTests : ICollectionFixture<ConcludedRound>
{
    public const string Name = "A concluded round";
}

/// <summary>
/// The first round taken to its conclusion, once for every outcome test: submissions of every kind and consent sent through
/// the public API, assessed, decided and agreed through the stores the pages and the API use, moderated through the
/// moderation store (published, withheld, redacted, or left alone), and the round then closed, finalised by the chair and concluded by the secretariat. Every
/// secret the public must never read is kept in <see cref="Secrets"/>.
/// </summary>
public sealed class ConcludedRound : IAsyncLifetime
{
    public const string Round = "2021-23";

    public PortalFactory Portal { get; } = new();

    public string Marker { get; } = "o" + Guid.NewGuid().ToString("N")[..8];

    public CreatedSubmission Accepted { get; private set; } = null!;

    public CreatedSubmission DeclinedAnonymous { get; private set; } = null!;

    public CreatedSubmission DeferredNone { get; private set; } = null!;

    public CreatedSubmission DeclinedWithheld { get; private set; } = null!;

    public CreatedSubmission RedactedResponse { get; private set; } = null!;

    public CreatedSubmission ProgrammeResponse { get; private set; } = null!;

    public CreatedSubmission AreaResponse { get; private set; } = null!;

    public CreatedSubmission Merged { get; private set; } = null!;

    public CreatedSubmission Formula { get; private set; } = null!;

    public string AcceptedTitle => $"Remand of children {Marker}";

    public string AnonymousName => $"Quinn Hidden {Marker}";

    public string RedactedPassage => $"Ward 9 at Riverside {Marker}";

    public string RevisedRationale => $"A first thought, since revised {Marker}.";

    public string FormulaTitle => $"=HYPERLINK(\"http://evil.example\",\"{Marker}\")";

    /// <summary>What must never reach the public: names, emails and texts it did not agree to, or staff withheld or redacted.</summary>
    public List<string> Secrets { get; } = [];

    /// <summary>Every email address of the respondents.</summary>
    public List<string> Emails { get; } = [];

    public async Task InitializeAsync()
    {
        using var client = Portal.CreateClient();
        // The chief inspectors are staff of their inspectorates, as the dev identity provider or the staff command makes them.
        foreach (var inspectorate in new[] { "hmcpsi", "hmicfrs", "hmi-prisons", "hmi-probation" })
        {
            await Services<StaffDirectory>().GrantAsync(Agreements.ChiefInspectorOf(inspectorate), "ChiefInspector", inspectorate, Staff.Admin);
        }

        Accepted = await SendAsync(client, Suggestion($"Suggestion {Marker}", "named", "Robin Marsh"));
        DeclinedAnonymous = await SendAsync(client, Suggestion($"Anonymous idea {Marker}", "anonymous", AnonymousName));
        DeferredNone = await SendAsync(client, Suggestion($"NONE-TITLE {Marker}", "none", $"Nell None {Marker}", text: $"NONE-TEXT {Marker}"));
        DeclinedWithheld = await SendAsync(client, Suggestion($"WITHHELD-TITLE {Marker}", "named", $"Will Withheld {Marker}", text: $"WITHHELD-TEXT {Marker}"));
        RedactedResponse = await SendAsync(client, Response("workstream", "do-not-support", $"The staff on {RedactedPassage} told me so.", "named", "Sam Patel", "Howard League Cymru", workstream: "mental-health"));
        ProgrammeResponse = await SendAsync(client, Response("programme", "support", $"A good programme {Marker}.", "anonymous", $"Ann Onymous {Marker}"));
        AreaResponse = await SendAsync(client, Response("area-of-focus", "no-view", $"OFF-TOPIC-TEXT {Marker}", "named", $"Ona Offtopic {Marker}", area: "custodial-conditions"));
        Merged = await SendAsync(client, Suggestion($"Mental health in custody {Marker}", "named", "Mo Merged", organisation: "Mind Cymru"));
        Formula = await SendAsync(client, Suggestion(FormulaTitle, "named", "Fay Formula"));
        Secrets.AddRange([AnonymousName, $"Ann Onymous {Marker}", $"NONE-TITLE {Marker}", $"NONE-TEXT {Marker}", $"Nell None {Marker}",
            $"WITHHELD-TITLE {Marker}", $"WITHHELD-TEXT {Marker}", $"Will Withheld {Marker}", RedactedPassage, $"OFF-TOPIC-TEXT {Marker}",
            $"Ona Offtopic {Marker}"]);

        var programme = await Services<ProgrammeReader>().ReadAsync(CancellationToken.None);
        await AssessAsync(Accepted.Id, 4, 3);
        await AssessAsync(DeclinedAnonymous.Id, 2, 2);
        await DecideAsync(programme, Accepted.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Accept, $"It fills a gap {Marker}.",
            new ProposedWorkstream(AcceptedTitle, "What the inspection looks at.", "hmcpsi", ["hmi-probation"], [], ["custodial-conditions"], "2022-23", "inspection"),
            OverCapacityReason: "For the test"), "hmcpsi");
        await DecideAsync(programme, DeclinedAnonymous.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Decline, $"The risk is low {Marker}."), "hmcpsi");
        await DecideAsync(programme, DeferredNone.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Defer, $"Later is better {Marker}.", DeferTo: DecisionOutcome.NextProgramme), "hmi-prisons");
        await DecideAsync(programme, DeclinedWithheld.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Decline, $"Outside our remit {Marker}."), "hmicfrs");
        // A chief inspector quoting the passage that staff later redact: the outcome must not publish it through the rationale.
        await DecideAsync(programme, RedactedResponse.Id, SubmissionKind.Response, new DecisionRequest(0, DecisionOutcome.Noted, $"We looked into {RedactedPassage}."), "hmi-prisons");
        await DecideAsync(programme, ProgrammeResponse.Id, SubmissionKind.Response, new DecisionRequest(0, DecisionOutcome.Noted, $"Thank you {Marker}."), "hmi-probation");
        await DecideAsync(programme, AreaResponse.Id, SubmissionKind.Response, new DecisionRequest(0, DecisionOutcome.Noted, $"Noted for custody {Marker}."), "hmi-prisons");
        var mentalHealthLead = programme.Workstreams.Single(w => w.Slug == "mental-health").Lead!.Inspectorate.Code;
        await DecideAsync(programme, Merged.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Merge, $"It belongs with mental health {Marker}.", MergeInto: "mental-health"), mentalHealthLead);
        // Revised: the outcome publishes the decision as it finally stands, not the one it replaced.
        await DecideAsync(programme, Formula.Id, SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Defer, RevisedRationale, DeferTo: "2022-23"), "hmcpsi");
        await DecideAsync(programme, Formula.Id, SubmissionKind.Suggestion, new DecisionRequest(1, DecisionOutcome.Decline, $"Not a topic {Marker}."), "hmcpsi");

        var moderation = Services<ModerationStore>();
        foreach (var published in new[] { Accepted, DeclinedAnonymous, RedactedResponse, ProgrammeResponse, Merged, Formula })
        {
            Assert.True((await moderation.PublishAsync(published.Id, 0, Staff.Secretariat)).IsSaved);
        }

        Assert.True((await moderation.WithholdAsync(DeclinedWithheld.Id, 0, "abusive", null, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.WithholdAsync(DeferredNone.Id, 0, "other", "They asked us not to.", Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.WithholdAsync(AreaResponse.Id, 0, "off-topic", null, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.RedactAsync(RedactedResponse.Id, RedactedPassage, "It names a ward.", Staff.Secretariat)).IsSaved);
        await ConcludeAsync();
    }

    public T Services<T>()
        where T : notnull => Portal.Services.GetRequiredService<T>();

    /// <summary>
    /// Closes the consultation, has the chair finalise the programme and the secretariat publish the outcome, through the
    /// stores their pages use; each refuses with a message when the round is not ready, which fails the set-up.
    /// </summary>
    public async Task ConcludeAsync()
    {
        await Conclusions.FinaliseAsync(Portal.Services, Round);
        await Conclusions.PublishOutcomeAsync(Portal.Services, Round);
    }

    public Task DisposeAsync()
    {
        Portal.Dispose();
        return Task.CompletedTask;
    }

    private static Task<CreatedSubmission> SendAsync(HttpClient client, object body) => SampleSubmissions.SendAsync(client, body);

    private object Suggestion(string title, string consent, string name, string? organisation = null, string? text = null)
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}.{Marker}@example.org";
        Emails.Add(email);
        return SampleSubmissions.Suggestion(
            title: title, text: text ?? $"Look at {title}.", reason: $"It matters {Marker}.", areasOfFocus: ["custodial-conditions"],
            inspectorates: ["hmcpsi", "hmi-prisons"], name: name, email: email, organisation: organisation, publicationConsent: consent);
    }

    private object Response(
        string responseTo, string stance, string text, string consent, string name, string? organisation = null, string? workstream = null, string? area = null)
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}.r.{Marker}@example.org";
        Emails.Add(email);
        return new
        {
            kind = "response",
            responseTo,
            workstream,
            areaOfFocus = area,
            stance,
            text,
            name,
            email,
            respondentType = organisation is null ? "individual" : "organisation",
            organisationName = organisation,
            organisationType = organisation is null ? null : "voluntary-community",
            publicationConsent = consent,
        };
    }

    private async Task AssessAsync(long id, int likelihood, int impact)
    {
        var saved = await Services<AssessmentStore>().SaveAsync(
            id, $"submission:{SubmissionReference.Format(id)}",
            new AssessmentInput(likelihood, impact, "2022-23", new Dictionary<string, int> { ["hmcpsi"] = 2 }, "For the test"), 0, Staff.Secretariat,
            CancellationToken.None);
        Assert.Equal(1, saved.SavedVersion);
    }

    private async Task DecideAsync(Web.Features.Programme.Programme programme, long id, string kind, DecisionRequest request, string inspectorate)
    {
        var (decision, errors) = DecisionRules.Check(request, kind, DecisionChoices.From(programme));
        Assert.Empty(errors);
        var result = await Services<DecisionStore>().DecideAsync(
            id, decision!, Agreements.ChiefInspectorOf(inspectorate), inspectorate, new Uri(Portal.Settings["Portal:PublicBaseUrl"]!), CancellationToken.None);
        var saved = Assert.IsType<DecisionResult.Saved>(result);
        if (saved.Decision.Agreement == Agreement.Awaiting)
        {
            await Agreements.AgreeAllAsync(Portal, id);
        }
    }
}
