using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// POST /api/v1/submissions/{reference}/agreement and POST /api/v1/releases, signed in for real: each refusal names what
/// to fix and changes nothing, and the agreement that completes a proposal is what sends its email.
/// </summary>
public sealed class AgreementApiTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private static readonly string[] Prisons = ["hmi-prisons"];
    private static readonly string[] ManagementUnderSupervision = ["management-under-supervision"];

    private PortalWithDevIdentity Portal => fixture.Portal;

    [Fact]
    public async Task A_proposal_is_agreed_through_the_api_and_every_refusal_names_what_to_fix()
    {
        var (id, reference) = await ProposedAsync();
        using var charlie = await Portal.SignedInAsync(Staff.PrisonsChiefInspector);
        using var andrew = await Portal.SignedInAsync(Staff.ProsecutionChiefInspector);
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var noReasons = await AnswerAsync(charlie, reference, new { version = 1, response = "object", reasons = " " });
        Assert.Equal(HttpStatusCode.BadRequest, noReasons.Status);
        Assert.Equal("Give the reasons for the objection: the lead and the secretariat will read them", Error(noReasons.Body, "reasons"));

        var outsider = await AnswerAsync(andrew, reference, new { version = 1, response = "agree" });
        Assert.Equal(HttpStatusCode.BadRequest, outsider.Status);
        Assert.Contains("and yours is not one of them", Error(outsider.Body, "response"), StringComparison.Ordinal);

        var twice = await AnswerAsync(justin, reference, new { version = 1, response = "agree" });
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.StartsWith("HMI Probation has already agreed", Error(twice.Body, "response"), StringComparison.Ordinal);

        var stale = await AnswerAsync(charlie, reference, new { version = 3, response = "agree" });
        Assert.Equal(HttpStatusCode.Conflict, stale.Status);
        Assert.Equal(1, stale.Body.GetProperty("current").GetProperty("version").GetInt64());

        Assert.Equal(0L, Count("SELECT count(*) FROM outbox_message WHERE purpose = 'outcome' AND submission_id = @id", id));
        Assert.Equal(0L, Count("SELECT count(*) FROM audit_log WHERE action IN ('decision.agree', 'decision.object') AND subject = 'submission:' || @reference", id, reference));

        var agreed = await AnswerAsync(charlie, reference, new { version = 1, response = "agree" });

        Assert.Equal(HttpStatusCode.OK, agreed.Status);
        Assert.Equal("agreed", agreed.Body.GetProperty("agreement").GetString());
        Assert.Equal(1L, Count("SELECT count(*) FROM outbox_message WHERE purpose = 'outcome' AND submission_id = @id", id));
        await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", TestPatience.SafetyNet);
    }

    [Fact]
    public async Task Only_the_secretariat_releases_and_a_round_with_nothing_held_or_unknown_is_refused()
    {
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);

        Assert.Equal(HttpStatusCode.Forbidden, (await ReleaseAsync(justin, new { round = "2021-23" })).Status);
        var unknown = await ReleaseAsync(secretariat, new { round = "1999-01" });
        Assert.True(unknown.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"An unknown round is refused ({unknown.Status})");
        // This round releases outcomes at once, so nothing is ever held.
        var nothing = await ReleaseAsync(secretariat, new { round = "2021-23" });
        Assert.Equal(HttpStatusCode.Conflict, nothing.Status);
        Assert.Contains("There are no held outcomes to release", nothing.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0L, Count("SELECT count(*) FROM outcome_release", 0));
    }

    /// <summary>A suggestion Justin Russell proposes as HMI Probation's workstream with HMI Prisons supporting: awaiting HMI Prisons.</summary>
    private async Task<(long Id, string Reference)> ProposedAsync()
    {
        using var client = Portal.CreateClient();
        var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Women after custody", email: "api-agreement@example.org"));
        Assert.True(SubmissionReference.TryParse(created.Reference, out var id));
        var days = new Dictionary<string, int> { ["hmi-probation"] = 20, ["hmi-prisons"] = 30 };
        await Portal.Services.GetRequiredService<AssessmentStore>().SaveAsync(
            id, $"submission:{created.Reference}", new AssessmentInput(3, 4, "2022-23", days, null), 0, Staff.Secretariat, CancellationToken.None);
        using var justin = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/submissions/{created.Reference}/decision")
        {
            Content = JsonContent.Create(new
            {
                version = 0,
                outcome = "accept",
                rationale = "A gap both inspectorates can fill.",
                workstream = new
                {
                    title = "Women after custody",
                    summary = "How women are supervised after release.",
                    lead = "hmi-probation",
                    supporting = Prisons,
                    areasOfFocus = ManagementUnderSupervision,
                    programmeYear = "2022-23",
                    kind = "inspection",
                },
            }),
        };
        using var response = await justin.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("awaiting", body.GetProperty("agreement").GetString());
        return (id, created.Reference);
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> AnswerAsync(TestBrowser browser, string reference, object body) =>
        PostAsync(browser, $"/api/v1/submissions/{reference}/agreement", body);

    private static Task<(HttpStatusCode Status, JsonElement Body)> ReleaseAsync(TestBrowser browser, object body) =>
        PostAsync(browser, "/api/v1/releases", body);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(TestBrowser browser, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    private static string Error(JsonElement problem, string field) => problem.GetProperty("errors").GetProperty(field)[0].GetString()!;

    private long Count(string sql, long id, string? reference = null)
    {
        using var connection = Portal.OpenDatabase();
        return connection.ExecuteScalar<long>(sql, new { id, reference });
    }
}
