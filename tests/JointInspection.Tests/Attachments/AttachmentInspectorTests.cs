using JointInspection.TestSupport;
using JointInspection.Web.Features.Attachments;

namespace JointInspection.Tests.Attachments;

/// <summary>
/// The checks on their own: each good kind is accepted with its words, and each file of the parse-bomb corpus (built by
/// <see cref="SampleFiles"/>) is refused with the message that says what is wrong with it.
/// </summary>
public sealed class AttachmentInspectorTests
{
    [Theory]
    [InlineData("pdf")]
    [InlineData("plain-pdf")]
    [InlineData("docx")]
    [InlineData("odt")]
    public void A_good_file_is_accepted_as_its_kind_with_its_words(string sample)
    {
        var (content, kind) = sample switch
        {
            "pdf" => (SampleFiles.Pdf("Custody suites overnight"), AttachmentKind.Pdf),
            "plain-pdf" => (SampleFiles.PlainPdf("Custody suites overnight"), AttachmentKind.Pdf),
            "docx" => (SampleFiles.Docx("Custody suites overnight"), AttachmentKind.Docx),
            _ => (SampleFiles.Odt("Custody suites overnight"), AttachmentKind.Odt),
        };

        // The name says nothing: the content decides.
        var inspection = AttachmentInspector.Inspect("evidence.bin", content);

        Assert.Null(inspection.Refusal);
        Assert.Equal(kind, inspection.Accepted!.Kind);
        Assert.Contains("Custody suites overnight", inspection.Accepted.Text, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Corpus() => new()
    {
        { "report.exe", "report.exe is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those" },
        { "page.html", "page.html is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those" },
        { "image.png", "image.png is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those" },
        { "spreadsheet.odt", "spreadsheet.odt is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those" },
        { "truncated.pdf", "truncated.pdf could not be read as a PDF file: it may be damaged. Save it again and upload the copy" },
        { "secret.pdf", "secret.pdf is protected by a password. Upload a copy without a password" },
        { "script.pdf", "script.pdf contains scripts, actions or embedded files, which we do not accept. Upload a copy without them, such as one printed to a new PDF" },
        { "launch.pdf", "launch.pdf contains scripts, actions or embedded files, which we do not accept. Upload a copy without them, such as one printed to a new PDF" },
        { "flate-bomb.pdf", "flate-bomb.pdf unpacks to far more than its size, which we do not accept. Upload a copy saved normally" },
        { "bomb.docx", "bomb.docx unpacks to far more than its size, which we do not accept. Upload a copy saved normally" },
        { "ratio.docx", "ratio.docx unpacks to far more than its size, which we do not accept. Upload a copy saved normally" },
        { "many.docx", "many.docx unpacks to far more than its size, which we do not accept. Upload a copy saved normally" },
        { "laughs.docx", "laughs.docx could not be read as a Word (DOCX) file: it may be damaged. Save it again and upload the copy" },
        { "macro.docx", "macro.docx contains macros, which we do not accept. Upload a copy saved without macros" },
        { "macro.odt", "macro.odt contains macros, which we do not accept. Upload a copy saved without macros" },
        { "empty.pdf", "empty.pdf is empty. Upload a file with something in it" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Every_file_of_the_corpus_is_refused_with_what_is_wrong(string name, string message)
    {
        var inspection = AttachmentInspector.Inspect(name, CorpusFile(name));

        Assert.Null(inspection.Accepted);
        Assert.Equal(message, inspection.Refusal);
    }

    [Fact]
    public void A_file_over_ten_megabytes_is_refused_before_it_is_read()
    {
        var big = new byte[AttachmentRules.MaxFileBytes + 1];
        "%PDF-"u8.CopyTo(big);

        Assert.Equal("big.pdf is larger than 10 MB. Upload a smaller file, or split it into parts", AttachmentInspector.Inspect("big.pdf", big).Refusal);
    }

    [Fact]
    public void The_words_kept_are_capped_and_a_path_in_the_name_is_dropped()
    {
        var inspection = AttachmentInspector.Inspect(@"C:\Users\me\long.docx", SampleFiles.Docx(string.Join(' ', Enumerable.Repeat("word", 100_000))));

        Assert.Equal("long.docx", inspection.Accepted!.Name);
        Assert.InRange(inspection.Accepted.Text.Length, AttachmentRules.TextMax - "word".Length, AttachmentRules.TextMax);
    }

    /// <summary>The corpus file a test names.</summary>
    public static byte[] CorpusFile(string name) => name switch
    {
        "report.exe" => SampleFiles.Exe(),
        "page.html" => SampleFiles.Html(),
        "image.png" => SampleFiles.Png(),
        "spreadsheet.odt" => SampleFiles.Odt("Figures", "application/vnd.oasis.opendocument.spreadsheet"),
        "truncated.pdf" => SampleFiles.TruncatedPdf(),
        "secret.pdf" => SampleFiles.EncryptedPdf(),
        "script.pdf" => SampleFiles.PdfWithJavaScript(),
        "launch.pdf" => SampleFiles.PdfWithLaunchAction(),
        "flate-bomb.pdf" => SampleFiles.PdfFlateBomb(),
        "bomb.docx" => SampleFiles.DocxBomb(),
        "ratio.docx" => SampleFiles.DocxRatioBomb(),
        "many.docx" => SampleFiles.ZipOfManyEntries(),
        "laughs.docx" => SampleFiles.DocxWithDtd(),
        "macro.docx" => SampleFiles.MacroDocx(),
        "macro.odt" => SampleFiles.MacroOdt(),
        "empty.pdf" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such file in the corpus."),
    };
}
