using System.Net;
using Dapper;
using JointInspection.TestSupport;
using static JointInspection.Tests.Attachments.AttachmentSteps;

namespace JointInspection.Tests.Attachments;

/// <summary>
/// Attachments end to end over HTTP, on whichever database the run uses: a respondent uploads on the "Supporting
/// documents" page, sees the file on the check page and sends it; staff see it on the submission's page, download the
/// very bytes with headers that keep the browser from running it, and find its words in the queue search. Every file
/// of the parse-bomb corpus, a sixth file and a file too large are refused by name with nothing stored.
/// </summary>
public sealed class AttachmentJourneyTests(AttachmentPortal portal) : IClassFixture<AttachmentPortal>
{
    [Theory]
    [InlineData("pdf", "application/pdf")]
    [InlineData("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("odt", "application/vnd.oasis.opendocument.text")]
    public async Task A_file_of_each_kind_goes_with_the_submission_to_staff_and_downloads_as_the_same_bytes(string kind, string contentType)
    {
        var word = $"quillwort{kind}";
        var content = kind switch
        {
            "pdf" => SampleFiles.Pdf($"Evidence about {word} in custody"),
            "docx" => SampleFiles.Docx($"Evidence about {word} in custody"),
            _ => SampleFiles.Odt($"Evidence about {word} in custody"),
        };
        var name = $"Évidence report.{kind}";
        using var respondent = portal.NewBrowser();

        var listed = await UploadAsync(respondent, await ToDocumentsAsync(respondent), name, content);
        Assert.Equal([name], Listed(listed));
        Assert.Contains("We will not publish your documents.", listed.Html, StringComparison.Ordinal);
        var (reference, check) = await SendAsync(respondent, listed);

        Assert.Contains(name, WebUtility.HtmlDecode(check.Html), StringComparison.Ordinal);
        Assert.Contains("/respond/documents?returnTo=check#file", check.Html, StringComparison.Ordinal);
        Assert.Matches(@"^JI-\d{6}$", reference);
        using (var connection = portal.OpenDatabase())
        {
            var stored = connection.QuerySingle<(string? Draft, string Type, string Text)>(
                """
                SELECT a.draft_id, a.content_type, s.attachment_text FROM submission_attachment a JOIN submission s ON s.id = a.submission_id
                 WHERE a.submission_id = @id
                """,
                new { id = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal((null, contentType), (stored.Draft, stored.Type));
            Assert.Contains(word, stored.Text, StringComparison.Ordinal);
        }

        using var secretariat = await portal.SignedInAsync(Staff.Secretariat, $"/triage/{reference}");
        var staffPage = await secretariat.GetAsync($"/triage/{reference}");
        var download = System.Text.RegularExpressions.Regex.Match(staffPage.Html, $"href=\"(?<href>/triage/{reference}/attachments/\\d+)\"").Groups["href"].Value;
        Assert.Contains(name, WebUtility.HtmlDecode(staffPage.Html), StringComparison.Ordinal);
        Assert.NotEmpty(download);

        using var response = await secretariat.SendAsync(new HttpRequestMessage(HttpMethod.Get, download));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1L, connection.ExecuteScalar<long>(
                "SELECT count(*) FROM audit_log WHERE action = 'attachment.download' AND actor = @actor AND subject = @subject",
                new { actor = Staff.Secretariat, subject = $"submission:{reference}" }));
        }

        // Nobody else gets the file: the respondent's own browser, like anyone not signed in as staff, is sent to sign
        // in, and someone signed in with the public provider is forbidden.
        var refused = await respondent.GetAsync(download);
        Assert.Contains(refused.Trail, address => address.AbsolutePath == "/account/sign-in");
        Assert.NotEqual(contentType, refused.Headers.GetValueOrDefault("Content-Type")?.Split(';')[0]);
        using var stakeholder = await portal.SignedInAsync("sam.okafor@victims-voice.example", provider: "stakeholder");
        Assert.Equal(HttpStatusCode.Forbidden, (await stakeholder.GetAsync(download)).Status);
    }

    [Fact]
    public async Task Every_file_of_the_corpus_is_refused_on_the_page_naming_the_file_and_nothing_is_stored()
    {
        using var respondent = portal.NewBrowser();
        var documents = await ToDocumentsAsync(respondent);
        var draft = respondent.Cookies.Single(c => c.Key.EndsWith("ji-draft", StringComparison.Ordinal)).Value;

        foreach (var row in AttachmentInspectorTests.Corpus())
        {
            var (name, message) = ((string)row[0], (string)row[1]);
            var refused = await UploadAsync(respondent, documents, name, AttachmentInspectorTests.CorpusFile(name));

            Assert.Equal((HttpStatusCode.OK, "/respond/documents"), (refused.Status, refused.Address.AbsolutePath));
            Assert.Equal([message], Errors(refused));
            Assert.Contains("id=\"file-error\"", refused.Html, StringComparison.Ordinal);
            Assert.Empty(Listed(refused));
        }

        using var connection = portal.OpenDatabase();
        Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_attachment WHERE draft_id = @draft", new { draft }));
    }

    [Fact]
    public async Task A_sixth_file_is_refused_and_removing_one_makes_room_again()
    {
        using var respondent = portal.NewBrowser();
        var page = await ToDocumentsAsync(respondent);
        for (var i = 1; i <= 5; i++)
        {
            page = await UploadAsync(respondent, page, $"part-{i}.pdf", SampleFiles.Pdf($"Part {i}"));
        }

        var sixth = await UploadAsync(respondent, page, "part-6.pdf", SampleFiles.Pdf("Part 6"));
        Assert.Equal(["You can attach up to 5 files. Remove one before adding another"], Errors(sixth));
        Assert.Equal(5, Listed(sixth).Count);

        var remove = page.FindForm("handler=Remove")!;
        var afterRemoving = await respondent.SubmitAsync(page, remove);
        Assert.Equal(["part-2.pdf", "part-3.pdf", "part-4.pdf", "part-5.pdf"], Listed(afterRemoving));
        var again = await UploadAsync(respondent, afterRemoving, "part-6.pdf", SampleFiles.Pdf("Part 6"));
        Assert.Empty(Errors(again));
        Assert.Equal(5, Listed(again).Count);
    }

    [Fact]
    public async Task A_file_over_ten_megabytes_is_refused_by_name_and_an_upload_over_the_page_s_limit_gets_the_page_with_its_error()
    {
        using var respondent = portal.NewBrowser();
        var page = await ToDocumentsAsync(respondent);
        var justOver = new byte[(10 * 1024 * 1024) + 1];
        "%PDF-"u8.CopyTo(justOver);

        var big = await UploadAsync(respondent, page, "big.pdf", justOver);
        var huge = await UploadAsync(respondent, page, "huge.pdf", new byte[12 * 1024 * 1024]);

        Assert.Equal(["big.pdf is larger than 10 MB. Upload a smaller file, or split it into parts"], Errors(big));
        Assert.Equal((HttpStatusCode.OK, "/respond/documents"), (huge.Status, huge.Address.AbsolutePath));
        Assert.Equal(["The file you chose is larger than 10 MB. Choose a smaller file, or split it into parts"], Errors(huge));
        Assert.Empty(Listed(huge));
    }

    [Fact]
    public async Task The_queue_search_finds_a_word_that_is_only_inside_an_attached_pdf()
    {
        using var respondent = portal.NewBrowser();
        var page = await UploadAsync(respondent, await ToDocumentsAsync(respondent, "Nothing unusual here."), "notes.pdf", SampleFiles.Pdf("The xylographic records were lost"));
        var (reference, _) = await SendAsync(respondent, page);
        using var staff = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var found = await staff.GetAsync("/triage?q=xylographic");
        var notFound = await staff.GetAsync("/triage?q=xylophone");

        Assert.Contains(reference, found.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(reference, notFound.Html, StringComparison.Ordinal);
    }
}

/// <summary>
/// A draft's files go with the draft: when an address's older draft is let go, so are its files; and one address
/// holds only so many files in unsent drafts.
/// </summary>
public sealed class DraftAttachmentTests
{
    [Fact]
    public async Task A_draft_let_go_takes_its_files_with_it()
    {
        using var portal = Started("Submissions:Drafts:MaxPerClient", "1");
        using var first = new TestBrowser(portal.ClientOptions.BaseAddress);
        await UploadAsync(first, await ToDocumentsAsync(first), "kept.pdf", SampleFiles.Pdf("Kept for now"));
        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_attachment"));
        }

        // Another draft from the same address: the address keeps one, so the first goes.
        using var second = new TestBrowser(portal.ClientOptions.BaseAddress);
        await ToDocumentsAsync(second);

        using (var connection = portal.OpenDatabase())
        {
            Assert.Equal(1L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_draft"));
            Assert.Equal(0L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_attachment"));
        }
    }

    [Fact]
    public async Task One_address_holds_only_so_many_files_in_unsent_drafts()
    {
        using var portal = Started("Submissions:Drafts:MaxFilesPerClient", "2");
        using var first = new TestBrowser(portal.ClientOptions.BaseAddress);
        var page = await UploadAsync(first, await ToDocumentsAsync(first), "one.pdf", SampleFiles.Pdf("One"));
        await UploadAsync(first, page, "two.pdf", SampleFiles.Pdf("Two"));
        using var second = new TestBrowser(portal.ClientOptions.BaseAddress);

        var refused = await UploadAsync(second, await ToDocumentsAsync(second), "three.pdf", SampleFiles.Pdf("Three"));

        Assert.Equal(["Your connection already holds 2 files in answers not yet sent, which is as many as we keep. Send or remove some first"], Errors(refused));
        using var connection = portal.OpenDatabase();
        Assert.Equal(2L, connection.ExecuteScalar<long>("SELECT count(*) FROM submission_attachment"));
    }

    /// <summary>A portal on real Kestrel (the browsers need an address) with one setting changed.</summary>
    private static PortalFactory Started(string key, string value)
    {
        var portal = new PortalFactory(onRealKestrel: true);
        portal.Settings[key] = value;
        portal.StartServer();
        return portal;
    }
}
