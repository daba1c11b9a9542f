using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Moderation;
using JointInspection.Web.Features.Retention;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Retention;

/// <summary>
/// The removal as a respondent's erasure request uses it, with the text: what they wrote goes from the submission, its
/// published copy, its redactions and their audit entries, and only once.
/// </summary>
public sealed class PersonalDataRemovalTests : IDisposable
{
    private readonly PortalFactory portal = new();

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task Erasing_with_the_text_replaces_every_copy_of_what_was_written_once()
    {
        var marker = "e" + Guid.NewGuid().ToString("N")[..8];
        using var client = portal.CreateClient();
        var respondent = RetentionRound.Individual(marker);
        var sent = await RetentionRound.SendAsync(client, respondent);
        var moderation = portal.Services.GetRequiredService<ModerationStore>();
        Assert.True((await moderation.PublishAsync(sent.Id, 0, Staff.Secretariat)).IsSaved);
        Assert.True((await moderation.RedactAsync(sent.Id, $"remand Ivy {marker}", "It names someone.", Staff.Secretariat)).IsSaved);
        await using (var before = portal.OpenDatabase())
        {
            // A correction answered, and one the secretariat has still to answer.
            await before.ExecuteAsync(
                """
                INSERT INTO data_request (kind, submission_id, email, details, received_at, due_at, closed_at, closed_by, outcome)
                VALUES ('correction', @Id, @Email, @details, @now, @now, @now, @by, 'corrected'),
                       ('correction', @Id, @Email, @details, @now, @now, NULL, NULL, NULL)
                """,
                new { sent.Id, respondent.Email, details = $"Spell it {marker}", now = DateTimeOffset.UtcNow, by = Staff.Secretariat });
        }

        var erased = await RemoveAsync(sent.Id, eraseText: true);

        var removed = Assert.Single(erased);
        Assert.Equal(PersonalDataRemoval.IndividualFields, removed.Fields);
        Assert.True(removed.Text);
        Assert.True(removed.Emails >= 2, $"the receipt and the confirmation link's email, not {removed.Emails}");
        Assert.Equal(1, removed.ConfirmationLinks);
        Assert.Equal(1, removed.DataRequests);
        await using var connection = portal.OpenDatabase();
        var row = await connection.QuerySingleAsync<(string Title, string Body, string BodyHtml, string Reason, string? Links, string Name)>(
            "SELECT title, body_text, body_html, reason_text, evidence_links, respondent_name FROM submission WHERE id = @Id", new { sent.Id });
        Assert.Equal((PersonalDataRemoval.ErasedText, PersonalDataRemoval.ErasedText, PersonalDataRemoval.ErasedHtml, PersonalDataRemoval.ErasedText, null, ""), row);
        var published = await connection.QuerySingleAsync<(string Title, string Body, string BodyHtml, string? Links)>(
            "SELECT published_title, published_body_text, published_body_html, published_evidence_links FROM moderation WHERE submission_id = @Id", new { sent.Id });
        Assert.Equal((PersonalDataRemoval.ErasedText, PersonalDataRemoval.ErasedText, PersonalDataRemoval.ErasedHtml, null), published);
        Assert.Equal(PersonalDataRemoval.ErasedText, await connection.QuerySingleAsync<string>("SELECT passage FROM redaction WHERE submission_id = @Id", new { sent.Id }));
        var audit = await connection.QuerySingleAsync<string>(
            "SELECT after FROM audit_log WHERE action = @RedactAction AND subject = @subject",
            new { ModerationStore.RedactAction, subject = $"submission:{sent.Reference}" });
        Assert.DoesNotContain(marker, audit, StringComparison.Ordinal);
        Assert.Contains("It names someone.", audit, StringComparison.Ordinal);
        var requests = await connection.QueryAsync<(string Email, string Details, string? Outcome)>(
            "SELECT email, details, outcome FROM data_request WHERE submission_id = @Id ORDER BY id", new { sent.Id });
        Assert.Equal([("", "", "corrected"), (respondent.Email, $"Spell it {marker}", null)], requests);

        // Done once: neither an erasure nor a removal again finds anything left to remove.
        Assert.Empty(await RemoveAsync(sent.Id, eraseText: true));
        Assert.Empty(await RemoveAsync(sent.Id, eraseText: false));
    }

    [Fact]
    public async Task Erasing_the_text_of_a_submission_whose_personal_data_already_went_removes_only_the_text()
    {
        var marker = "t" + Guid.NewGuid().ToString("N")[..8];
        using var client = portal.CreateClient();
        var sent = await RetentionRound.SendAsync(client, RetentionRound.Organisation(marker));
        Assert.Equal(PersonalDataRemoval.OrganisationFields, Assert.Single(await RemoveAsync(sent.Id, eraseText: false)).Fields);

        var erased = Assert.Single(await RemoveAsync(sent.Id, eraseText: true));

        Assert.Empty(erased.Fields);
        Assert.True(erased.Text);
        await using var connection = portal.OpenDatabase();
        Assert.Equal(PersonalDataRemoval.ErasedText, await connection.QuerySingleAsync<string>("SELECT body_text FROM submission WHERE id = @Id", new { sent.Id }));
    }

    private async Task<IReadOnlyList<PersonalDataRemoved>> RemoveAsync(long id, bool eraseText)
    {
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var connection = await portal.Services.GetRequiredService<Database>().OpenForWriteAsync();
        await using var transaction = await connection.BeginWriteAsync();
        var removed = await portal.Services.GetRequiredService<PersonalDataRemoval>().RemoveAsync(connection, transaction, [id], now, eraseText, CancellationToken.None);
        await transaction.CommitAsync();
        return removed;
    }
}
