using Dapper;
using JointInspection.Tests.Triage;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Similarity;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Similarity;

/// <summary>A portal that reads submissions for meaning with the language model, as a deployed one does by default.</summary>
public sealed class PortalReadingMeaning : PortalFactory
{
    public PortalReadingMeaning() => Settings["Similarity:Embeddings"] = "true";
}

/// <summary>
/// The third tier in the portal: the runner reads each submission with the real model in the background, proposes the
/// same idea in other words as a group, and stores that a text in another language has no vector, leaving it to the
/// other tiers. When the model cannot be loaded, copies are still grouped and staff are told.
/// </summary>
public sealed class MeaningTests(PortalReadingMeaning portal) : IClassFixture<PortalReadingMeaning>
{
    /// <summary>Two wordings of one idea from the labelled sample, and its Welsh text.</summary>
    private static readonly string[] SameIdeaAndWelsh = ["t56", "t57", "t72"];

    /// <summary>Two copies of a campaign's text, and the same idea in other words.</summary>
    private static readonly string[] CampaignAndSameIdea = ["t43", "t43", "t44"];

    [Fact]
    public async Task Two_wordings_of_one_idea_are_proposed_as_a_group_and_a_welsh_text_is_left_to_the_other_tiers()
    {
        var sample = LabelledSample.Instance;
        var ids = SubmissionRows.InsertMany(portal.StartedConnectionString(), SameIdeaAndWelsh.Select(t => new SubmissionRow(sample.Texts[t]))).ToList();

        await IdleAsync(portal);

        using var connection = portal.OpenDatabase();
        Assert.Equal(
            [(ids[0], SimilarityTiers.Paraphrase, GroupStates.Proposed), (ids[1], SimilarityTiers.Paraphrase, GroupStates.Proposed)],
            connection.Query<(long, string, string)>(
                "SELECT submission_id, tier, state FROM similarity_group_member WHERE submission_id IN (@a, @b, @c) ORDER BY submission_id",
                new { a = ids[0], b = ids[1], c = ids[2] }));
        Assert.Equal(
            [(ids[0], true), (ids[1], true), (ids[2], false)],
            connection.Query<(long, bool)>(
                "SELECT submission_id, CASE WHEN vector IS NULL THEN 0 ELSE 1 END FROM submission_embedding WHERE submission_id IN (@a, @b, @c) ORDER BY submission_id",
                new { a = ids[0], b = ids[1], c = ids[2] }).Select(r => (r.Item1, r.Item2)));
        Assert.Equal(SentenceEmbeddings.Dimensions * sizeof(float), connection.ExecuteScalar<int>("SELECT length(vector) FROM submission_embedding WHERE submission_id = @id", new { id = ids[0] }));
    }

    [Fact]
    public async Task A_campaign_that_the_same_idea_in_other_words_joined_is_still_audited_as_a_campaign()
    {
        var sample = LabelledSample.Instance;
        var ids = SubmissionRows.InsertMany(portal.StartedConnectionString(), CampaignAndSameIdea.Select(t => new SubmissionRow(sample.Texts[t]))).ToList();
        await IdleAsync(portal);
        using var connection = portal.OpenDatabase();
        var group = connection.ExecuteScalar<long>("SELECT group_id FROM similarity_group_member WHERE submission_id = @id", new { id = ids[2] });

        await portal.Services.GetRequiredService<SimilarityGroups>().ConfirmAsync(group, "analyst@example.org", CancellationToken.None);

        Assert.Equal(SimilarityTiers.Paraphrase, connection.ExecuteScalar<string>("SELECT tier FROM similarity_group_member WHERE submission_id = @id", new { id = ids[2] }));
        var after = connection.ExecuteScalar<string>(
            "SELECT after FROM audit_log WHERE action = @action AND subject = @subject",
            new { action = SimilarityGroups.ConfirmAction, subject = $"submission:{Web.Features.Submissions.SubmissionReference.Format(ids[2])}" });
        Assert.Equal($"Confirmed in group G-{group} (campaign)", SimilarityWords.Audited(SimilarityGroups.ConfirmAction, after));
    }

    [Fact]
    public async Task When_the_model_cannot_be_loaded_copies_are_still_grouped_and_staff_are_told()
    {
        using var broken = PortalWithDevIdentity.With(p =>
        {
            p.Settings["Similarity:Embeddings"] = "true";
            p.Settings["Similarity:Model"] = "all-mpnet-base-v2";
        });
        var text = LabelledSample.Instance.Texts["t01"];
        var ids = SubmissionRows.InsertMany(broken.StartedConnectionString(), [new SubmissionRow(text), new SubmissionRow(text)]);

        await IdleAsync(broken);
        using var secretariat = await broken.SignedInAsync(Staff.Secretariat, "/triage/groups");
        var page = await secretariat.GetAsync("/triage/groups");

        using var connection = broken.OpenDatabase();
        Assert.Equal(2, connection.ExecuteScalar<long>("SELECT count(*) FROM similarity_group_member WHERE submission_id IN (@a, @b)", new { a = ids[0], b = ids[1] }));
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_embedding"));
        Assert.Contains("data-field=\"model-off\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("all-mpnet-base-v2", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_topic_page_a_suggester_sees_the_workstreams_that_may_already_cover_it_and_can_go_on()
    {
        var covered = await ScopePageAfterAsync(
            "Mental health from arrest to release",
            "How well police custody, courts, probation and prisons identify and meet the mental health needs of the people they deal with.");
        var uncovered = await ScopePageAfterAsync(
            "Lighthouse keepers' pensions",
            "Whether the pension scheme for retired lighthouse keepers is paid on time and the helpline answers letters.");

        Assert.Contains("This may already be covered by:", covered, StringComparison.Ordinal);
        Assert.Matches("data-field=\"similar-topic\"><a class=\"govuk-link\" href=\"/programmes/2021-23/workstreams/mental-health\" target=\"_blank\" rel=\"noopener noreferrer\">Mental health \\(opens in new tab\\)</a> \\(2021–23\\)", System.Net.WebUtility.HtmlDecode(covered));
        // Help, never a block: the page's own question is there to answer.
        Assert.Contains("What does the topic concern?", covered, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"similar-topics\"", uncovered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_triager_sees_the_closest_other_submissions_and_workstreams_beside_a_submission()
    {
        using var reading = PortalWithDevIdentity.With(p => p.Settings["Similarity:Embeddings"] = "true");
        var sample = LabelledSample.Instance;
        var ids = SubmissionRows.InsertMany(reading.StartedConnectionString(), SameIdeaAndWelsh.Take(2).Select(t => new SubmissionRow(sample.Texts[t], Title: "A topic"))).ToList();
        await IdleAsync(reading);
        using var secretariat = await reading.SignedInAsync(Staff.Secretariat, "/triage");

        var page = await secretariat.GetAsync($"/triage/{Web.Features.Submissions.SubmissionReference.Format(ids[0])}");

        Assert.Contains("<h2 class=\"govuk-heading-m\" id=\"similar-work\">Similar work</h2>", page.Html, StringComparison.Ordinal);
        Assert.Matches($"data-field=\"similar-submissions\">\\s*<li><a class=\"govuk-link\" href=\"/triage/{Web.Features.Submissions.SubmissionReference.Format(ids[1])}\">", page.Html);
    }

    /// <summary>Answers the topic page in a new browser and returns the page it moves on to (the scope page).</summary>
    private async Task<string> ScopePageAfterAsync(string title, string text)
    {
        using var client = portal.CreateClient();
        var topic = await client.GetStringAsync("/suggest");
        var token = System.Text.RegularExpressions.Regex.Match(topic, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await client.PostAsync("/suggest", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("title", title), KeyValuePair.Create("text", text), KeyValuePair.Create("reason", "People are harmed while the gaps remain."),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        Assert.Equal("/suggest/scope", posted.RequestMessage!.RequestUri!.AbsolutePath);
        return await posted.Content.ReadAsStringAsync();
    }

    private static async Task IdleAsync(PortalFactory portal)
    {
        using var patience = new CancellationTokenSource(TestPatience.SafetyNet);
        await portal.Services.GetRequiredService<SimilarityRunner>().WhenIdleAsync(patience.Token);
    }
}
