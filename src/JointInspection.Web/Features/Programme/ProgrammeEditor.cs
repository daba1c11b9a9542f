using System.Data.Common;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure.Data;

namespace JointInspection.Web.Features.Programme;

/// <summary>
/// What a change to a draft programme came to: saved (with words for the banner), refused with a message for each field
/// that needs fixing, or refused as stale because someone else changed the workstream first (their version is the one to
/// edit now).
/// </summary>
public sealed record ProgrammeEdit(IReadOnlyDictionary<string, string> Errors, string? Done = null, string? CurrentVersion = null)
{
    public bool Saved => Errors.Count == 0 && CurrentVersion is null;

    public bool IsStale => CurrentVersion is not null;

    public static ProgrammeEdit Succeeded(string done) => new(new Dictionary<string, string>(), done);

    public static ProgrammeEdit Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });

    public static ProgrammeEdit Stale(string currentVersion) => new(new Dictionary<string, string>(), null, currentVersion);
}

/// <summary>
/// The secretariat's changes to a round's draft programme: add, edit, withdraw and move workstreams. Like RoundStore,
/// each change checks its rules against the rows as they are inside its BEGIN IMMEDIATE transaction and commits the
/// change with its audit entry, or nothing. A concluded round is not changed. Once a round is public, every change needs
/// a reason and is kept as a version (workstream_change) that the public programme lists; a draft is changed freely.
/// </summary>
public sealed partial class ProgrammeEditor(Database database, ProgrammeReader programmes, TimeProvider clock)
{
    public const int MaxReason = 1000;

    /// <summary>The key of errors about the round or the workstream as a whole rather than one field.</summary>
    public const string Whole = "round";

    /// <summary>A workstream of the round still in its programme, as stored now; null when there is none.</summary>
    public async Task<WorkstreamCopy?> ReadAsync(ProgrammeRound round, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WorkstreamStore.ReadCopyAsync(connection, null, round.Id, slug) is { WithdrawnAt: null } copy ? copy : null;
    }

    /// <summary>The inspector-days a workstream holds, by inspectorate and programme year, as stored now.</summary>
    public async Task<IReadOnlyList<WorkstreamStore.HeldDays>> DaysAsync(long workstreamId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await WorkstreamStore.ReadDaysAsync(connection, null, workstreamId);
    }

    /// <summary>Why the change needs a reason, or what is wrong with the one given: null when it may go ahead.</summary>
    public static string? ReasonError(string? reason, bool required)
    {
        var why = reason?.Trim() ?? "";
        return why.Length == 0 && required ? "Say why this is changing: the public will read it beside the change"
            : why.Length > MaxReason ? $"The reason must be {MaxReason:N0} characters or fewer"
            : null;
    }

    public async Task<ProgrammeEdit> AddAsync(string roundCode, WorkstreamInput input, string? reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var write = await BeginAsync(roundCode, cancellationToken);
        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        var (valid, errors) = write.Check(input, proposal: false);
        if (ReasonError(reason, write.IsPublic) is { } reasonError)
        {
            errors["reason"] = reasonError;
        }

        if (valid is null || errors.Count > 0)
        {
            return new ProgrammeEdit(errors);
        }

        var slug = await WorkstreamStore.FreeSlugAsync(write.Connection, write.Transaction, write.Round.Id, valid.Title);
        await WorkstreamStore.InsertAsync(write.Connection, write.Transaction, write.Round.Id, slug, valid);
        var after = (await WorkstreamStore.ReadCopyAsync(write.Connection, write.Transaction, write.Round.Id, slug))!;
        var what = WorkstreamChanges.DescribeAdded(after, write.Names);
        await write.CommitAsync(actor, "workstream.add", WorkstreamChanges.Added, null, after, what, reason, cancellationToken);
        return ProgrammeEdit.Succeeded($"“{after.Title}” was added to the programme");
    }

    /// <summary>
    /// Rewrites a workstream from the edit form. <paramref name="version"/> is the copy the form was filled from: when
    /// someone else has changed the workstream since, nothing is saved and the edit is refused as stale.
    /// </summary>
    public async Task<ProgrammeEdit> EditAsync(
        string roundCode, string slug, string? version, WorkstreamInput input, string? reason, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var write = await BeginAsync(roundCode, cancellationToken);
        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        if (await write.WorkstreamAsync(slug) is not { } before)
        {
            return write.Gone(slug);
        }

        if (before.Version() != version)
        {
            return ProgrammeEdit.Stale(before.Version());
        }

        // A proposed workstream stays proposed, whatever the form sends: only its decision makes or unmakes one.
        var (valid, errors) = write.Check(input, proposal: before.Section == WorkstreamSection.Proposed);
        var reasonError = ReasonError(reason, write.IsPublic);
        if (valid is null)
        {
            if (reasonError is not null)
            {
                errors["reason"] = reasonError;
            }

            return new ProgrammeEdit(errors);
        }

        if (await write.IsJointProposalAsync(before) && JointProposalErrors(before, valid, write.Names) is { Count: > 0 } joint)
        {
            return new ProgrammeEdit(joint);
        }

        await WorkstreamStore.UpdateAsync(write.Connection, write.Transaction, before, valid);
        var after = (await WorkstreamStore.ReadCopyAsync(write.Connection, write.Transaction, write.Round.Id, slug))!;
        var what = WorkstreamChanges.DescribeEdited(before, after, write.Names);
        // Either way the transaction is let go uncommitted: nothing differs (so no version or audit entry says otherwise), or
        // the change lacks the reason the public will read.
        if (what.Length == 0)
        {
            return ProgrammeEdit.Succeeded($"Nothing was changed in “{before.Title}”");
        }

        if (reasonError is not null)
        {
            return ProgrammeEdit.Refused("reason", reasonError);
        }

        await write.CommitAsync(actor, "workstream.edit", WorkstreamChanges.Edited, before, after, what, reason, cancellationToken);
        return ProgrammeEdit.Succeeded($"“{after.Title}” was changed. {what}");
    }

    /// <summary>Takes a workstream out of the programme. A proposed workstream is its decision's to withdraw, not this page's.</summary>
    public async Task<ProgrammeEdit> WithdrawAsync(string roundCode, string slug, string? reason, string actor, CancellationToken cancellationToken)
    {
        await using var write = await BeginAsync(roundCode, cancellationToken);
        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        if (await write.WorkstreamAsync(slug) is not { } before)
        {
            return ProgrammeEdit.Refused(Whole, $"There is no workstream “{slug}” in the {write.Round.Label} programme any more: it may have been withdrawn already");
        }

        if (FromSuggestionError(before) is { } fromSuggestion)
        {
            return ProgrammeEdit.Refused(Whole, fromSuggestion);
        }

        // A draft's withdrawal may say why (it goes to the audit log); a published one must, for the public.
        if (ReasonError(reason, write.IsPublic) is { } reasonError)
        {
            return ProgrammeEdit.Refused("reason", reasonError);
        }

        await WorkstreamStore.WithdrawAsync(write.Connection, write.Transaction, before.Id, write.Now);
        var after = (await WorkstreamStore.ReadCopyAsync(write.Connection, write.Transaction, write.Round.Id, slug))!;
        await write.CommitAsync(actor, "workstream.withdraw", WorkstreamChanges.Withdrawn, before, after, WorkstreamChanges.DescribeWithdrawn(), reason, cancellationToken);
        return ProgrammeEdit.Succeeded($"“{before.Title}” was withdrawn from the programme");
    }

    public static string Subject(ProgrammeRound round, string slug)
    {
        ArgumentNullException.ThrowIfNull(round);
        return $"workstream:{round.Code}/{slug}";
    }

    /// <summary>Opens the write transaction and finds the round in it, refusing a round that is missing or concluded.</summary>
    private async Task<Write> BeginAsync(string roundCode, CancellationToken cancellationToken)
    {
        // The inspectorates, areas of focus and cross-cutting issues every round shares, read before the write begins.
        var names = await programmes.ReadAsync(cancellationToken);
        var connection = await database.OpenForWriteAsync(cancellationToken);
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginWriteAsync(cancellationToken);
            var round = (await RoundStore.ReadRoundsAsync(connection, transaction)).FirstOrDefault(r => r.Code == roundCode);
            var refusal = round is null ? ProgrammeEdit.Refused(Whole, $"There is no {roundCode} round")
                : RoundRules.ConcludedError(round) is { } concluded ? ProgrammeEdit.Refused(Whole, concluded)
                : null;
            return new Write(connection, transaction, round!, clock.GetUtcNow(), refusal, names, programmes);
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
            throw;
        }
    }
}
