using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Moderation;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Manage;

/// <summary>
/// A round taken from open to concluded through the staff pages, each step refused with what is left until its turn:
/// the chair finalises only a closed round with every submission decided and every joint decision agreed, the
/// secretariat publishes the outcome only once the programme is final and everything is moderated, and only then does
/// anything reach the public.
/// </summary>
public sealed class RoundConclusionTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private const string Conclude = "/manage/rounds/2021-23/conclude";
    private const string Finalise = "/manage/rounds/2021-23/finalise";
    private const string Publish = "/manage/rounds/2021-23/publish-outcome";

    [Fact]
    public async Task A_round_concludes_step_by_step_and_each_step_is_refused_until_its_turn()
    {
        var response = await SendAsync(SampleSubmissions.Response(text: "Please keep the focus on victims."));
        var accepted = await SendAsync(SampleSubmissions.Suggestion(title: "Women after prison", publicationConsent: "named"));
        var private_ = await SendAsync(SampleSubmissions.Suggestion(title: "A private idea", publicationConsent: "none"));
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, Conclude);
        using var chair = await portal.SignedInAsync(Staff.ProbationChiefInspector, Conclude);
        using var prisons = await portal.SignedInAsync(Staff.PrisonsChiefInspector, Conclude);

        using var respondent = portal.NewBrowser();
        Assert.Contains("We will publish your response without your name with the outcome of the consultation, once a member of staff has read it.",
            WebUtility.HtmlDecode((await respondent.GetAsync(response.StatusUrl.PathAndQuery)).Html), StringComparison.Ordinal);

        var tasks = await secretariat.GetAsync(Conclude);
        Assert.Contains("3 of 3 still to decide", tasks.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Publish}\"", tasks.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{Finalise}\"", tasks.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Finalise}\"", (await chair.GetAsync(Conclude)).Html, StringComparison.Ordinal);

        // While the consultation is open nothing can be finalised or published.
        await RefusedAsync(chair, Finalise, "data-finalise-form", "The 2021–23 consultation has not closed yet: close it before the programme is finalised");
        await RefusedAsync(secretariat, Publish, "data-publish-outcome-form", "The 2021–23 consultation has not closed yet: an outcome is published only after it closes");
        await RefusedAsync(prisons, Finalise, "data-finalise-form", "Only the chair of the chief inspectors, Justin Russell (HMI Probation), can finalise the programme");
        Assert.Equal(HttpStatusCode.Forbidden, (await secretariat.GetAsync(Finalise)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.GetAsync(Publish)).Status);

        var dates = await secretariat.GetAsync("/manage/rounds/2021-23/dates");
        await secretariat.SubmitAsync(dates, dates.FindForm("data-close-now")!);
        await RefusedAsync(chair, Finalise, "data-finalise-form", "3 submissions still have no decision: decide every submission before the programme is finalised");

        await chair.RecordAsync(await chair.GetAsync($"/triage/{response.Reference}/decide"), ("outcome", "noted"), ("rationale", "Thank you: the focus stays."));
        await chair.RecordAsync(await chair.GetAsync($"/triage/{private_.Reference}/decide"), ("outcome", "decline"), ("rationale", "Already covered."));
        await AssessAsync(secretariat, accepted.Reference);
        await chair.RecordAsync(await chair.GetAsync($"/triage/{accepted.Reference}/decide"),
            ("outcome", "accept"), ("rationale", "A gap the two inspectorates can fill."), ("workstream-title", "Women after prison"),
            ("workstream-summary", "How women are supervised after release."), ("workstream-lead", "hmi-probation"), ("workstream-supporting", "hmi-prisons"),
            ("workstream-areasOfFocus", "management-under-supervision"), ("workstream-programmeYear", "2022-23"), ("workstream-kind", "inspection"));
        await RefusedAsync(chair, Finalise, "data-finalise-form", "1 decision still awaits agreement or was objected to: every proposed workstream must be agreed or withdrawn first");

        await Agreements.AgreeAllAsync(portal, accepted.Id);
        var finalisePage = await chair.GetAsync(Finalise);
        Assert.Contains("<li>Women after prison</li>", finalisePage.Html, StringComparison.Ordinal);
        var finalised = await chair.SubmitAsync(finalisePage, finalisePage.FindForm("data-finalise-form")!);

        Assert.Equal(Conclude, finalised.Address.AbsolutePath);
        Assert.Contains("data-field=\"done\">The 2021–23 programme is final", WebUtility.HtmlDecode(finalised.Html), StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(("new", "scope-to-be-agreed"), connection.QuerySingle<(string, string)>(
                "SELECT section, status FROM workstream WHERE origin_submission_id = @Id", new { accepted.Id }));
            Assert.Equal(Staff.ProbationChiefInspector, connection.ExecuteScalar<string>("SELECT finalised_by FROM programme_round WHERE first_year = 2021"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'round.finalise'"));
        }

        // The public programme is no longer a draft.
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Joint inspection programme 2021–23</h1>",
            WebUtility.HtmlDecode((await respondent.GetAsync("/programmes/2021-23")).Html), StringComparison.Ordinal);

        // A final programme's decisions stay as they are.
        var revise = await chair.GetAsync($"/triage/{response.Reference}/decide");
        var refusedRevision = await chair.SubmitAsync(revise, revise.FindForm("data-decision-form")!, null, ("outcome", "noted"), ("rationale", "Changed our minds."));
        Assert.Contains("The 2021–23 programme is final, so its decisions can no longer be recorded or revised", WebUtility.HtmlDecode(refusedRevision.Html), StringComparison.Ordinal);

        await RefusedAsync(secretariat, Publish, "data-publish-outcome-form", "2 submissions are still to moderate: nothing is published before it is moderated");
        var moderation = portal.Services.GetRequiredService<ModerationStore>();
        Assert.True((await moderation.PublishAsync(response.Id, 0, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.WithholdAsync(accepted.Id, 0, "off-topic", null, Staff.Secretariat)).IsSaved);
        var published = portal.Services.GetRequiredService<PublishedSubmissions>();
        Assert.Equal(0, (await published.ReadPageAsync(1, null, 1)).Total);

        var publishPage = await secretariat.GetAsync(Publish);
        var concluded = await secretariat.SubmitAsync(publishPage, publishPage.FindForm("data-publish-outcome-form")!);

        Assert.Contains("data-field=\"done\">The 2021–23 outcome is published: the round is concluded", WebUtility.HtmlDecode(concluded.Html), StringComparison.Ordinal);
        var page = await published.ReadPageAsync(1, null, 1);
        var only = Assert.Single(page.Items);
        Assert.Equal((response.Reference, (string?)null, "Please keep the focus on victims."), (only.Reference, only.Name, only.BodyText));
        // Each respondent's own page says what became of what they sent, and links to the outcome.
        var ownPage = WebUtility.HtmlDecode((await respondent.GetAsync(response.StatusUrl.PathAndQuery)).Html);
        Assert.Contains("data-field=\"publication\">We published your response without your name with the outcome of the consultation.</p>", ownPage, StringComparison.Ordinal);
        Assert.Contains("href=\"/programmes/2021-23/outcome\" data-field=\"outcome-link\"", ownPage, StringComparison.Ordinal);
        Assert.Contains("data-field=\"publication\">We have not published your suggestion (not about the joint inspection programme).</p>",
            WebUtility.HtmlDecode((await respondent.GetAsync(accepted.StatusUrl.PathAndQuery)).Html), StringComparison.Ordinal);
        Assert.Contains("data-field=\"publication\">You asked us not to publish your suggestion, so we will not.</p>",
            WebUtility.HtmlDecode((await respondent.GetAsync(private_.StatusUrl.PathAndQuery)).Html), StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(Staff.Secretariat, connection.ExecuteScalar<string>("SELECT concluded_by FROM programme_round WHERE first_year = 2021"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT count(*) FROM audit_log WHERE action = 'round.publish-outcome'"));
        }
    }

    private static async Task RefusedAsync(TestBrowser browser, string path, string form, string message)
    {
        var page = await browser.GetAsync(path);
        var refused = await browser.SubmitAsync(page, page.FindForm(form)!);
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains($"data-field=\"refusal\">{message}</a>", WebUtility.HtmlDecode(refused.Html), StringComparison.Ordinal);
    }

    private static async Task AssessAsync(TestBrowser secretariat, string reference)
    {
        var form = await secretariat.GetAsync($"/triage/{reference}/assess");
        var saved = await secretariat.SubmitAsync(form, form.FindForm("data-assessment-form")!, null,
            ("Likelihood", "3"), ("Impact", "4"), ("ProgrammeYear", "2022-23"), ("days-hmi-prisons", "30"), ("days-hmi-probation", "20"));
        Assert.Contains("data-field=\"saved\"", saved.Html, StringComparison.Ordinal);
    }

    private async Task<CreatedSubmission> SendAsync(object body)
    {
        using var client = portal.CreateClient();
        return await SampleSubmissions.SendAsync(client, body);
    }
}
