using System.Data.Common;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;
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
public sealed class ProgrammeEditor(Database database, ProgrammeReader programmes, TimeProvider clock)
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

    /// <summary>Why the workstream cannot move to the other year as a whole, or null: only work with all its days in its own year moves whole.</summary>
    public static string? SplitDaysError(WorkstreamCopy workstream, IEnumerable<WorkstreamStore.HeldDays> days)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.ProgrammeYear is not null && days.Any(d => d.ProgrammeYear != workstream.ProgrammeYear)
            ? $"“{workstream.Title}” has inspector-days in more than one programme year, so moving it would not move all of them"
            : null;
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
            return ProgrammeEdit.Refused(Whole, $"There is no workstream “{slug}” in the {write.Round.Label} programme any more: it may have been withdrawn");
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

    /// <summary>Moves a workstream one place up or down within its section of the programme.</summary>
    public async Task<ProgrammeEdit> MoveAsync(string roundCode, string slug, bool up, string? reason, string actor, CancellationToken cancellationToken)
    {
        await using var write = await BeginAsync(roundCode, cancellationToken);
        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        if (await write.WorkstreamAsync(slug) is not { } before)
        {
            return ProgrammeEdit.Refused(Whole, $"There is no workstream “{slug}” in the {write.Round.Label} programme any more: it may have been withdrawn");
        }

        if (ReasonError(reason, write.IsPublic) is { } reasonError)
        {
            return ProgrammeEdit.Refused("reason", reasonError);
        }

        var order = (await WorkstreamStore.ReadOrderAsync(write.Connection, write.Transaction, write.Round.Id)).ToList();
        var at = order.FindIndex(w => w.Id == before.Id);
        var to = up ? at - 1 : at + 1;
        if (to < 0 || to >= order.Count || order[to].Section != before.Section)
        {
            return ProgrammeEdit.Refused(Whole, $"“{before.Title}” is already {(up ? "first" : "last")} in {ProgrammeLabels.Section(before.Section).ToLowerInvariant()}");
        }

        var passed = order[to];
        (order[at], order[to]) = (order[to], order[at]);
        await WorkstreamStore.RenumberAsync(write.Connection, write.Transaction, order);
        var after = (await WorkstreamStore.ReadCopyAsync(write.Connection, write.Transaction, write.Round.Id, slug))!;
        await write.CommitAsync(actor, "workstream.move", WorkstreamChanges.Moved, before, after, WorkstreamChanges.DescribeMoved(up, passed.Title), reason, cancellationToken);
        return ProgrammeEdit.Succeeded($"“{before.Title}” was moved {(up ? "up" : "down")}");
    }

    /// <summary>
    /// Moves work that needs no one else's agreement to the round's other programme year, with every inspector-day it holds,
    /// after weighing them against that year's capacity as it is inside the transaction: going over needs a reason on
    /// record, as for an assessment or a decision. A joint proposal is refused: its lead's chief inspector moves it by
    /// revising its decision, which the other inspectorates taking part agree again (ProposalMover).
    /// </summary>
    public async Task<ProgrammeEdit> MoveToYearAsync(
        string roundCode, string slug, string? to, string? reason, string? overCapacityReason, string actor, CancellationToken cancellationToken)
    {
        await using var write = await BeginAsync(roundCode, cancellationToken);
        if (write.Refusal is { } refusal)
        {
            return refusal;
        }

        if (await write.WorkstreamAsync(slug) is not { } before)
        {
            return ProgrammeEdit.Refused(Whole, $"There is no workstream “{slug}” in the {write.Round.Label} programme any more: it may have been withdrawn");
        }

        if (before.ProgrammeYear is not { } from)
        {
            return ProgrammeEdit.Refused(Whole, $"“{before.Title}” runs throughout {write.Round.Label}, so it has no other programme year to move to: to give it one, change the workstream");
        }

        if (await write.IsJointProposalAsync(before))
        {
            return ProgrammeEdit.Refused(Whole, JointProposalMove(before, write.Names));
        }

        var days = await WorkstreamStore.ReadDaysAsync(write.Connection, write.Transaction, before.Id);
        if (SplitDaysError(before, days) is { } split)
        {
            return ProgrammeEdit.Refused(Whole, split);
        }

        var errors = new Dictionary<string, string>();
        var target = to?.Trim() ?? "";
        if (WorkstreamRules.MoveYearError(write.Round, from, target) is { } yearError)
        {
            errors["to"] = yearError;
        }
        else
        {
            // The same rule as an assessment's and a decision's, on the inspectorates whose days move: one already over in
            // that year for other reasons is not this move's to answer for.
            var moving = days.Where(d => d.Days > 0).ToDictionary(d => d.Code, d => d.Days);
            var figures = await Triage.Assessment.AssessmentStore.CapacityAsync(write.Connection, write.Transaction, target, null);
            var lines = Triage.Assessment.Capacity.Lines(moving.Keys, figures, moving);
            if (Triage.Assessment.Capacity.OverCapacityError(lines, overCapacityReason) is { } overError)
            {
                errors["overCapacityReason"] = overError;
            }
        }

        var overReason = string.IsNullOrWhiteSpace(overCapacityReason) ? null : overCapacityReason.Trim();
        if (overReason is { Length: > Triage.Assessment.Capacity.MaxReason })
        {
            errors["overCapacityReason"] = $"The reason for going over capacity must be {Triage.Assessment.Capacity.MaxReason:N0} characters or fewer";
        }

        if (ReasonError(reason, write.IsPublic) is { } reasonError)
        {
            errors["reason"] = reasonError;
        }

        if (errors.Count > 0)
        {
            return new ProgrammeEdit(errors);
        }

        await WorkstreamStore.MoveToYearAsync(write.Connection, write.Transaction, before.Id, target);
        var after = (await WorkstreamStore.ReadCopyAsync(write.Connection, write.Transaction, write.Round.Id, slug))!;
        var what = WorkstreamChanges.DescribeEdited(before, after, write.Names);
        await write.CommitAsync(actor, "workstream.edit", WorkstreamChanges.Edited, before, after, what, reason, cancellationToken, overReason);
        var total = days.Sum(d => d.Days);
        return ProgrammeEdit.Succeeded(
            $"“{before.Title}” was moved to {Rounds.ProgrammeYear.LabelOf(target)}, with its {total:N0} inspector-{(total == 1 ? "day" : "days")}");
    }

    /// <summary>Why the secretariat cannot move a joint proposal, and who can.</summary>
    public static string JointProposalMove(WorkstreamCopy workstream, Programme names)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        ArgumentNullException.ThrowIfNull(names);
        return $"“{workstream.Title}” is a joint proposal from {Submissions.SubmissionReference.Format(workstream.OriginSubmissionId ?? 0)}: the chief inspector of "
            + $"{Name(workstream.Lead, names)}, which leads it, moves it by revising the decision, and the other inspectorates taking part agree again";
    }

    /// <summary>
    /// When a joint proposal's work happens and who takes part are its decision's, which every criminal justice inspectorate
    /// taking part agreed: the secretariat's edit may change the rest, and keeps these as they are.
    /// </summary>
    private static Dictionary<string, string> JointProposalErrors(WorkstreamCopy before, CheckedWorkstream after, Programme names)
    {
        var errors = new Dictionary<string, string>();
        var whose = $"“{before.Title}” is a joint proposal from {Submissions.SubmissionReference.Format(before.OriginSubmissionId ?? 0)}, so";
        if (after.ProgrammeYear != before.ProgrammeYear)
        {
            errors["programmeYear"] = $"Keep {Rounds.ProgrammeYear.LabelOf(before.ProgrammeYear)}: {whose} the chief inspector of {Name(before.Lead, names)}, "
                + "which leads it, moves it to another year by revising its decision, and the other inspectorates taking part agree again";
        }

        if (after.Lead != before.Lead)
        {
            errors["lead"] = $"Keep {Name(before.Lead, names)} as the lead: {whose} who takes part changes only by revising its decision, which every inspectorate taking part agrees";
        }

        if (!after.Supporting.Order(StringComparer.Ordinal).SequenceEqual(before.Supporting.Order(StringComparer.Ordinal)))
        {
            var kept = before.Supporting.Count == 0 ? "no supporting inspectorates" : string.Join(" and ", before.Supporting.Select(code => Name(code, names))) + " supporting";
            errors["supporting"] = $"Keep {kept}: {whose} who takes part changes only by revising its decision, which every inspectorate taking part agrees";
        }

        return errors;
    }

    private static string Name(string? code, Programme names) => names.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code ?? "its lead";

    /// <summary>A proposed workstream from an accepted suggestion leaves the programme only when its decision is revised.</summary>
    public static string? FromSuggestionError(WorkstreamCopy workstream)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.OriginSubmissionId is { } origin
            ? $"“{workstream.Title}” is proposed from the suggestion {Submissions.SubmissionReference.Format(origin)}, so its decision owns it: to take it out of the programme, revise the decision on {Submissions.SubmissionReference.Format(origin)}"
            : null;
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

    /// <summary>One change's connection, transaction and round; disposing it without committing rolls everything back.</summary>
    private sealed class Write(
        DbConnection connection, DbTransaction transaction, ProgrammeRound round, DateTimeOffset now, ProgrammeEdit? refusal, Programme names,
        ProgrammeReader programmes)
        : IAsyncDisposable
    {
        public DbConnection Connection => connection;

        public DbTransaction Transaction => transaction;

        public ProgrammeRound Round => round;

        public DateTimeOffset Now => now;

        public ProgrammeEdit? Refusal => refusal;

        /// <summary>Where the names of codes come from, for the words of a change.</summary>
        public Programme Names => names;

        /// <summary>Once its consultation has opened, the public reads the round: changes need a reason and are kept as versions.</summary>
        public bool IsPublic => round.IsPublicAt(now);

        /// <summary>The one set of workstream rules, against this round's years as read inside the transaction.</summary>
        public (CheckedWorkstream? Valid, Dictionary<string, string> Errors) Check(WorkstreamInput input, bool proposal) =>
            WorkstreamRules.Check(input, WorkstreamChoices.From(names, round), WorkstreamWording.Programme, proposal);

        public async Task<WorkstreamCopy?> WorkstreamAsync(string slug) =>
            await WorkstreamStore.ReadCopyAsync(connection, transaction, round.Id, slug) is { WithdrawnAt: null } copy ? copy : null;

        /// <summary>A proposed workstream whose decision needed every inspectorate taking part to agree: that decision owns when and who.</summary>
        public async Task<bool> IsJointProposalAsync(WorkstreamCopy workstream) =>
            workstream.OriginSubmissionId is { } origin
            && await Triage.Decisions.ProposalAgreement.OfAsync(connection, transaction, origin) is not null;

        /// <summary>Keeps the version (a public round's only), writes the audit entry with before and after, and commits.</summary>
        public async Task CommitAsync(
            string actor, string action, string kind, WorkstreamCopy? before, WorkstreamCopy after, string what, string? reason, CancellationToken cancellationToken,
            string? overCapacityReason = null)
        {
            var why = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            if (IsPublic)
            {
                await WorkstreamStore.RecordChangeAsync(connection, transaction, round.Id, now, actor, kind, before, after, what, why!);
            }

            await Audit.WriteAsync(
                connection, transaction, now, actor, action, Subject(round, after.Slug),
                before is null ? null : new { workstream = before },
                overCapacityReason is null ? new { workstream = after, what, why } : new { workstream = after, what, why, overCapacityReason });
            await transaction.CommitAsync(cancellationToken);
            programmes.Invalidate();
        }

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
