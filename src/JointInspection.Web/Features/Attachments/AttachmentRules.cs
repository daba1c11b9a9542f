namespace JointInspection.Web.Features.Attachments;

/// <summary>The kinds of file a respondent may attach, told apart by their content, never by their name.</summary>
public sealed record AttachmentKind(string Label, string ContentType, string Extension)
{
    public static readonly AttachmentKind Pdf = new("PDF", "application/pdf", ".pdf");

    public static readonly AttachmentKind Docx = new("Word (DOCX)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");

    public static readonly AttachmentKind Odt = new("OpenDocument (ODT)", "application/vnd.oasis.opendocument.text", ".odt");

    public static readonly IReadOnlyList<AttachmentKind> All = [Pdf, Docx, Odt];

    /// <summary>The kind a stored, verified content type names; files are only ever stored with one of these.</summary>
    public static AttachmentKind Of(string contentType) => All.Single(k => k.ContentType == contentType);
}

/// <summary>
/// What a submission's attachments may be: how many, how big, and how far a file may be unpacked while it is checked.
/// Each refusal names the file and the rule, in the words the upload page shows.
/// </summary>
public static class AttachmentRules
{
    public const int MaxFiles = 5;

    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>The upload form's limit: one file at its largest, with room for the form's other fields and multipart framing.</summary>
    public const long MaxUploadRequestBytes = MaxFileBytes + (64 * 1024);

    /// <summary>The words kept from one file, and from all of a submission's files together for the search.</summary>
    public const int TextMax = 200_000;

    /// <summary>
    /// What opening one file may unpack in all: a DOCX or ODT's entries, or a PDF's compressed streams. Counted while
    /// inflating, since the sizes a file declares can lie; real documents of 10 MB unpack to a fraction of this.
    /// </summary>
    public const long MaxUnpackedBytes = 100 * 1024 * 1024;

    /// <summary>More parts than any real document has; a zip of thousands of entries is built to tire its reader.</summary>
    public const int MaxZipEntries = 1_000;

    /// <summary>An entry larger than <see cref="RatioFloorBytes"/> may unpack to at most this many times its packed size.</summary>
    public const int MaxCompressionRatio = 100;

    public const long RatioFloorBytes = 1024 * 1024;

    /// <summary>More pages than a consultation response needs; each page is parsed for its words.</summary>
    public const int MaxPdfPages = 2_000;

    public const string ChooseFile = "Select a file to upload";

    public static readonly string TooMany = $"You can attach up to {MaxFiles} files. Remove one before adding another";

    public const string DraftGone = "Your answers could not be found to add the file to. Go back to the start and try again";

    public static string TooManyFromClient(int max) =>
        $"Your connection already holds {max} files in answers not yet sent, which is as many as we keep. Send or remove some first";

    public static readonly string RequestTooLarge = $"The file you chose is larger than {MaxFileBytes / (1024 * 1024)} MB. Choose a smaller file, or split it into parts";

    public static string NotAllowedType(string name) => $"{name} is not a PDF, Word (DOCX) or OpenDocument (ODT) file. Upload one of those";

    public static string Empty(string name) => $"{name} is empty. Upload a file with something in it";

    public static string TooLarge(string name) => $"{name} is larger than {MaxFileBytes / (1024 * 1024)} MB. Upload a smaller file, or split it into parts";

    public static string Encrypted(string name) => $"{name} is protected by a password. Upload a copy without a password";

    public static string ActiveContent(string name) =>
        $"{name} contains scripts, actions or embedded files, which we do not accept. Upload a copy without them, such as one printed to a new PDF";

    public static string Macros(string name) => $"{name} contains macros, which we do not accept. Upload a copy saved without macros";

    public static string Bomb(string name) => $"{name} unpacks to far more than its size, which we do not accept. Upload a copy saved normally";

    public static string TooManyPages(string name) => $"{name} has more than {MaxPdfPages:N0} pages. Upload a shorter document, or split it into parts";

    public static string Unreadable(string name, AttachmentKind kind) =>
        $"{name} could not be read as a {kind.Label} file: it may be damaged. Save it again and upload the copy";

    /// <summary>
    /// The name a file is shown and downloaded by: its last path segment (some browsers send the whole path), without
    /// control characters, at most 200 characters.
    /// </summary>
    public static string SafeName(string? given)
    {
        var name = new string((given ?? "").Replace('\\', '/').Split('/')[^1].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > 200)
        {
            name = name[..200];
        }

        return name.Length == 0 ? "The file" : name;
    }

    /// <summary>A size as people read it: "340 KB", "2.4 MB".</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024.0):N0} KB",
        _ => $"{bytes / (1024.0 * 1024.0):0.#} MB",
    };
}
