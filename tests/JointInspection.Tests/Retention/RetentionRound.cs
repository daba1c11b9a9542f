using System.Data.Common;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Retention;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Decisions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Retention;

/// <summary>One respondent's details as sent, so that a test can look for each of them after the removal.</summary>
public sealed record Respondent(string Name, string Email, string? Organisation, string Text);

/// <summary>
/// The steps the retention tests share: a clock that starts a year and a day before the real one (so that the day
/// the data is due is today, and staff sign in on the real clock), submissions sent through the API, decided, published
/// and the round concluded through the stores the staff pages use, and a pass of a node's retention runner.
/// </summary>
public static class RetentionRound
{
    public static FakeTimeProvider ClockAYearAgo()
    {
        // On a whole millisecond, as instants are stored.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new FakeTimeProvider(now.AddMonths(-RetentionPeriod.DefaultMonths).AddDays(-1));
    }

    public static Respondent Organisation(string marker) =>
        new($"Olu Named {marker}", $"olu.{marker}@example.org", $"Harbour Trust {marker}", $"Organisations see it first {marker}.");

    public static Respondent Individual(string marker, string who = "Ivy") =>
        new($"{who} Person {marker}", $"{who.ToLowerInvariant()}.{marker}@example.org", null, $"Look at remand {who} {marker}.");

    /// <summary>Sends a named response (for an organisation) or a named suggestion (from an individual).</summary>
    public static Task<CreatedSubmission> SendAsync(HttpClient client, Respondent respondent, string? idempotencyKey = null)
    {
        object body = respondent.Organisation is null
            ? SampleSubmissions.Suggestion(title: $"Remand topic {respondent.Text.Length}", text: respondent.Text, name: respondent.Name, email: respondent.Email)
            : new
            {
                kind = "response",
                responseTo = "programme",
                stance = "support",
                text = respondent.Text,
                name = respondent.Name,
                email = respondent.Email,
                respondentType = "organisation",
                organisationName = respondent.Organisation,
                organisationType = "voluntary-community",
                publicationConsent = "named",
            };
        if (idempotencyKey is null)
        {
            return SampleSubmissions.SendAsync(client, body);
        }

        client.DefaultRequestHeaders.Add("Idempotency-Key", idempotencyKey);
        try
        {
            return SampleSubmissions.SendAsync(client, body);
        }
        finally
        {
            client.DefaultRequestHeaders.Remove("Idempotency-Key");
        }
    }

    /// <summary>Decides on, publishes and concludes: the round's outcome is published an hour after the portal's "now".</summary>
    public static async Task ConcludeAsync(PortalFactory portal, IEnumerable<CreatedSubmission> submissions)
    {
        ArgumentNullException.ThrowIfNull(portal);
        foreach (var inspectorate in new[] { "hmcpsi", "hmicfrs", "hmi-prisons", "hmi-probation" })
        {
            await Get<StaffDirectory>(portal).GrantAsync(Agreements.ChiefInspectorOf(inspectorate), "ChiefInspector", inspectorate, Staff.Admin);
        }

        var programme = await Get<ProgrammeReader>(portal).ReadAsync(CancellationToken.None);
        var publicBase = new Uri(portal.Settings["Portal:PublicBaseUrl"]!);
        foreach (var submission in submissions)
        {
            var record = (await Get<SubmissionReader>(portal).ByIdAsync(submission.Id, CancellationToken.None))!;
            var (kind, request, inspectorate) = record.IsSuggestion
                ? (SubmissionKind.Suggestion, new DecisionRequest(0, DecisionOutcome.Decline, "Outside our remit this time."), "hmcpsi")
                : (SubmissionKind.Response, new DecisionRequest(0, DecisionOutcome.Noted, "Thank you for your response."), "hmi-probation");
            var (decision, errors) = DecisionRules.Check(request, kind, DecisionChoices.From(programme));
            Assert.Empty(errors);
            Assert.IsType<DecisionResult.Saved>(await Get<DecisionStore>(portal).DecideAsync(
                submission.Id, decision!, Agreements.ChiefInspectorOf(inspectorate), inspectorate, publicBase, CancellationToken.None));
            Assert.True((await Get<ModerationStore>(portal).PublishAsync(submission.Id, 0, Staff.Secretariat)).IsSaved);
        }

        // The consultation opened when the portal first started, at the fake clock's "now": it closes a while later.
        portal.Clock?.Advance(TimeSpan.FromHours(1));
        await Conclusions.FinaliseAsync(portal.Services);
        await Conclusions.PublishOutcomeAsync(portal.Services);
    }

    /// <summary>Runs one pass of the node's retention runner and waits for it; the safety net only catches a hang.</summary>
    public static async Task<RetentionPassResult> PassAsync(PortalFactory node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        return await Get<RetentionRunner>(node).RunPassAsync(patience.Token);
    }

    /// <summary>How many rows of <paramref name="table"/> name the submission in <paramref name="column"/>.</summary>
    public static long RowsOf(DbConnection connection, string table, string column, long submissionId) =>
        connection.ExecuteScalar<long>($"SELECT count(*) FROM {table} WHERE {column} = @submissionId", new { submissionId });

    public static long RemovalAudits(DbConnection connection, CreatedSubmission submission) =>
        connection.ExecuteScalar<long>(
            "SELECT count(*) FROM audit_log WHERE action = @action AND subject = @subject",
            new { action = RetentionPass.Action, subject = $"submission:{submission.Reference}" });

    private static T Get<T>(PortalFactory portal)
        where T : notnull => portal.Services.GetRequiredService<T>();
}
