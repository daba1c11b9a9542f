using System.Net;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace JointInspection.Tests.Triage;

/// <summary>
/// Internal notes after a real sign-in: any member of staff adds one through the page, it is stored, audited and shown
/// to staff with its author; a note refused, or one the database cannot take, comes back as it was typed.
/// </summary>
public sealed class NotePageTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    [Fact]
    public async Task A_note_added_through_the_page_is_stored_audited_and_shown_to_staff_as_text_with_its_author()
    {
        var (id, reference) = Suggestion();
        using var chiefInspector = await portal.SignedInAsync(Staff.PrisonsChiefInspector, $"/triage/{reference}");
        const string typed = "Same text as JI-000123: a campaign?\n<script>alert('no')</script>";

        var before = await chiefInspector.GetAsync($"/triage/{reference}");
        var form = await chiefInspector.GetAsync($"/triage/{reference}/notes/new");
        var added = await chiefInspector.SubmitAsync(form, form.FindForm("data-note-form")!, null, ("note", $"  {typed}  "));

        Assert.Contains("data-field=\"no-notes\">No notes yet. Notes are for staff only.</p>", before.Html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/triage/{reference}/notes/new\" data-field=\"add-note\">Add a note</a>", before.Html, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.OK, $"/triage/{reference}"), (added.Status, added.Address.AbsolutePath));
        Assert.Contains("data-field=\"done\">Note added.", added.Html, StringComparison.Ordinal);
        // Shown as text, line breaks kept by the stylesheet, never as markup.
        Assert.Contains(
            "data-field=\"note-text\">Same text as JI-000123: a campaign?&#xA;&lt;script&gt;alert(&#x27;no&#x27;)&lt;/script&gt;</p>",
            added.Html,
            StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", added.Html, StringComparison.Ordinal);
        Assert.Contains("data-field=\"note-by\">Charlie Taylor, ", added.Html, StringComparison.Ordinal);
        // The submission's history says so, without the note's words.
        Assert.Contains(("Note added", "Charlie Taylor"), Timeline.Of(added).Select(e => (e.What, e.Who)));

        using var connection = portal.OpenDatabase();
        Assert.Equal(
            (typed, Staff.PrisonsChiefInspector),
            connection.QuerySingle<(string, string)>("SELECT text, author FROM submission_note WHERE submission_id = @id", new { id }));
        var audit = connection.QuerySingle<(string Actor, string After)>(
            "SELECT actor, after FROM audit_log WHERE action = 'note.add' AND subject = @subject", new { subject = $"submission:{reference}" });
        Assert.Equal(Staff.PrisonsChiefInspector, audit.Actor);
        Assert.Contains("a campaign?", audit.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Enter a note")]
    [InlineData("x", "Note must be 5,000 characters or fewer: it is 5,001")]
    public async Task A_note_that_is_empty_or_too_long_comes_back_with_what_to_fix_and_nothing_is_stored(string typed, string error)
    {
        var (id, reference) = Suggestion();
        var note = typed == "x" ? new string('x', 5001) : typed;
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");

        var form = await secretariat.GetAsync($"/triage/{reference}/notes/new");
        var refused = await secretariat.SubmitAsync(form, form.FindForm("data-note-form")!, null, ("note", note));

        Assert.Equal((HttpStatusCode.OK, $"/triage/{reference}/notes/new"), (refused.Status, refused.Address.AbsolutePath));
        Assert.Contains($"<title>Error: Add a note to {reference}", refused.Html, StringComparison.Ordinal);
        Assert.Contains(error, refused.Html, StringComparison.Ordinal);
        Assert.Contains($">{note}</textarea>", refused.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_note WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task A_note_the_database_cannot_take_is_a_503_that_keeps_what_was_typed_and_stores_nothing()
    {
        var (id, reference) = Suggestion();
        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");
        var form = await secretariat.GetAsync($"/triage/{reference}/notes/new");

        WebPage refused;
        // Another write in this process that does not finish within the lock wait.
        await using (await portal.Services.GetRequiredService<Database>().OpenForWriteAsync())
        {
            refused = await secretariat.SubmitAsync(form, form.FindForm("data-note-form")!, null, ("note", "Kept through a fault."));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains("Nothing was saved. Try again in a few minutes", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">Kept through a fault.</textarea>", refused.Html, StringComparison.Ordinal);
        using var connection = portal.OpenDatabase();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_note WHERE submission_id = @id", new { id }));
    }

    [Fact]
    public async Task Only_signed_in_staff_reach_the_note_form()
    {
        var (_, reference) = Suggestion();
        using var nobody = portal.NewBrowser();

        var page = await nobody.GetAsync($"/triage/{reference}/notes/new");

        Assert.Contains(page.Trail, address => address.AbsolutePath == "/account/sign-in");
    }

    private (long Id, string Reference) Suggestion()
    {
        var id = SubmissionRows.Insert(portal.StartedConnectionString(), new("Where girls in custody are held.", Title: "Girls held far from home"));
        return (id, SubmissionReference.Format(id));
    }
}
