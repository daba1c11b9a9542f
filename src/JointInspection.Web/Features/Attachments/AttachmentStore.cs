using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Attachments;

/// <summary>A file as the pages list it: its name, verified kind and size.</summary>
public sealed record AttachmentListing(long Id, string FileName, string ContentType, long ByteSize)
{
    public AttachmentKind Kind => AttachmentKind.Of(ContentType);

    /// <summary>"PDF, 340 KB".</summary>
    public string Description => $"{Kind.Label}, {AttachmentRules.Size(ByteSize)}";
}

/// <summary>A stored file's bytes, with the content type its checks verified.</summary>
public sealed record AttachmentContent(string FileName, string ContentType, byte[] Content);

/// <summary>
/// The submission_attachment table: a journey's files, held by its draft until the draft is sent, then by the
/// submission it made. Files are only ever read back by staff (<see cref="ReadAsync"/>), never published.
/// </summary>
public sealed class AttachmentStore(Database database, TimeProvider clock, IConfiguration configuration)
{
    public const string DownloadAction = "attachment.download";

    /// <summary>
    /// Files one client address may hold in unsent drafts, since anyone may upload without signing in: without it an
    /// address's 20 drafts could hold 1,000 MB.
    /// </summary>
    private readonly int maxFilesPerClient = configuration.GetValue("Submissions:Drafts:MaxFilesPerClient", 20);

    public async Task<IReadOnlyList<AttachmentListing>> OfDraftAsync(string? draftId, CancellationToken cancellationToken)
    {
        if (draftId is null)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttachmentListing>(new CommandDefinition(
            $"{ListingSql} WHERE draft_id = @draftId ORDER BY id", new { draftId }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<AttachmentListing>> OfSubmissionAsync(long submissionId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AttachmentListing>(new CommandDefinition(
            $"{ListingSql} WHERE submission_id = @submissionId ORDER BY id", new { submissionId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Adds a checked file to a draft that has not been sent, unless the draft holds <see cref="AttachmentRules.MaxFiles"/>
    /// already or its client address as many as it may: counted inside the write, where writes take turns, so two
    /// uploads at once cannot pass either. Returns the refusal, or null when stored.
    /// </summary>
    public async Task<string?> AddToDraftAsync(string draftId, InspectedFile file, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var (inDraft, fromClient) = await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM submission_attachment WHERE draft_id = @draftId),
                   (SELECT count(*) FROM submission_attachment a JOIN submission_draft d ON d.id = a.draft_id
                     WHERE d.client_address = (SELECT client_address FROM submission_draft WHERE id = @draftId))
            """,
            new { draftId },
            transaction,
            cancellationToken: cancellationToken));
        if (inDraft >= AttachmentRules.MaxFiles || fromClient >= maxFilesPerClient)
        {
            return inDraft >= AttachmentRules.MaxFiles ? AttachmentRules.TooMany : AttachmentRules.TooManyFromClient(maxFilesPerClient);
        }

        var added = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO submission_attachment (draft_id, file_name, content_type, byte_size, sha256, content, extracted_text, created_at)
            SELECT @draftId, @Name, @contentType, @byteSize, @sha256, @content, @Text, @now
             WHERE EXISTS (SELECT 1 FROM submission_draft WHERE id = @draftId AND sent_submission_id IS NULL)
            """,
            new
            {
                draftId,
                file.Name,
                contentType = file.Kind.ContentType,
                byteSize = (long)content.Length,
                sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                content,
                file.Text,
                now = clock.GetUtcNow(),
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        // No row: the draft was sent or let go between saving it and adding the file; the page shows its state again.
        return added == 1 ? null : AttachmentRules.DraftGone;
    }

    public async Task RemoveFromDraftAsync(string? draftId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM submission_attachment WHERE id = @id AND draft_id = @draftId", new { id, draftId }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>A submission's file for a member of staff, recorded in the audit log as read by them.</summary>
    public async Task<AttachmentContent?> ReadAsync(long submissionId, long id, string reader, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenForWriteAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var file = await connection.QuerySingleOrDefaultAsync<AttachmentContent>(new CommandDefinition(
            """
            SELECT file_name AS FileName, content_type AS ContentType, content AS Content FROM submission_attachment
             WHERE id = @id AND submission_id = @submissionId
            """,
            new { id, submissionId },
            transaction,
            cancellationToken: cancellationToken));
        if (file is not null)
        {
            await Audit.WriteAsync(connection, transaction, clock.GetUtcNow(), reader, DownloadAction,
                $"submission:{Submissions.SubmissionReference.Format(submissionId)}", null, new { attachment = id, file.FileName });
        }

        await transaction.CommitAsync(cancellationToken);
        return file;
    }

    /// <summary>
    /// The words of a draft's files as one text for the search and the similarity tiers, each file given an equal
    /// share of <see cref="AttachmentRules.TextMax"/>, so a word in the last file is found as well as one in the first.
    /// Null when the draft has no files.
    /// </summary>
    internal static async Task<string?> TextOfDraftAsync(DbConnection connection, DbTransaction transaction, string? draftId)
    {
        if (draftId is null)
        {
            return null;
        }

        var texts = (await connection.QueryAsync<string>(
            "SELECT extracted_text FROM submission_attachment WHERE draft_id = @draftId ORDER BY id", new { draftId }, transaction)).ToList();
        return texts.Count == 0 ? null : string.Join("\n\n", texts.Select(t => AttachmentInspector.Capped(t, AttachmentRules.TextMax / texts.Count)));
    }

    /// <summary>Gives a draft's files to the submission it made, in the transaction that stores the submission.</summary>
    internal static Task MoveToSubmissionAsync(DbConnection connection, DbTransaction transaction, string? draftId, long submissionId) =>
        draftId is null
            ? Task.CompletedTask
            : connection.ExecuteAsync(
                "UPDATE submission_attachment SET submission_id = @submissionId, draft_id = NULL WHERE draft_id = @draftId",
                new { submissionId, draftId },
                transaction);

    private const string ListingSql = "SELECT id AS Id, file_name AS FileName, content_type AS ContentType, byte_size AS ByteSize FROM submission_attachment";
}
