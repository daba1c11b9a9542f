namespace JointInspection.Web.Features.Programme;

/// <summary>Moving a workstream: one place within its section, or to the round's other programme year.</summary>
public sealed partial class ProgrammeEditor
{
    /// <summary>Why the workstream cannot move to the other year as a whole, or null: only work with all its days in its own year moves whole.</summary>
    public static string? SplitDaysError(WorkstreamCopy workstream, IEnumerable<WorkstreamStore.HeldDays> days)
    {
        ArgumentNullException.ThrowIfNull(workstream);
        return workstream.ProgrammeYear is not null && days.Any(d => d.ProgrammeYear != workstream.ProgrammeYear)
            ? $"“{workstream.Title}” has inspector-days in more than one programme year, so moving it would not move all of them"
            : null;
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
            return write.Gone(slug);
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
            return write.Gone(slug);
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
}
