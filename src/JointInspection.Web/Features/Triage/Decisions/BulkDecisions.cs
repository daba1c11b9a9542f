using JointInspection.Web.Features.Programme;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>What one submission's decision came to, in a bulk decision.</summary>
public sealed record BulkOutcome(BulkCandidate Submission, DecisionResult Result);

/// <summary>What a bulk decision came to, said outright.</summary>
public abstract record BulkDecisionResult
{
    private BulkDecisionResult()
    {
    }

    /// <summary>Refused as a whole, before anything was written: what to fix, by field.</summary>
    public sealed record Refused(IReadOnlyList<BulkError> Errors) : BulkDecisionResult;

    /// <summary>Each submission's decision was tried on its own: saved, or a conflict or refusal for that one alone.</summary>
    public sealed record Tried(IReadOnlyList<BulkOutcome> Outcomes) : BulkDecisionResult
    {
        public IReadOnlyList<BulkOutcome> Saved => Outcomes.Where(o => o.Result is DecisionResult.Saved).ToList();

        public IReadOnlyList<BulkOutcome> NotSaved => Outcomes.Where(o => o.Result is not DecisionResult.Saved).ToList();
    }
}

/// <summary>
/// One decision for several submissions, for the page and the API. The rules are checked for every submission before any
/// is written; then each is recorded through the same DecisionStore.DecideAsync as a single decision, in a
/// transaction of its own with its own version check, audit entry and email, so someone deciding one of them in between
/// refuses that one only and the others stay saved.
/// </summary>
public sealed class BulkDecisions(TriageQueueReader queue, ProgrammeReader programmes, DecisionStore store)
{
    /// <summary>The submissions with these ids as the queue shows them, for the page that lists what is being decided.</summary>
    public Task<IReadOnlyList<SelectedSubmission>> SelectionAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken) =>
        queue.SelectionAsync(ids, cancellationToken);

    public async Task<BulkDecisionResult> DecideAsync(
        BulkDecisionRequest request, string actor, string? actorInspectorate, Uri publicBase, CancellationToken cancellationToken)
    {
        var (decisions, errors) = await CheckAsync(request, cancellationToken);
        if (decisions is null)
        {
            return new BulkDecisionResult.Refused(errors);
        }

        var outcomes = new List<BulkOutcome>(decisions.Count);
        foreach (var (submission, decision) in decisions)
        {
            outcomes.Add(new BulkOutcome(
                submission, await store.DecideAsync(submission.Id, decision, actor, actorInspectorate, publicBase, cancellationToken)));
        }

        return new BulkDecisionResult.Tried(outcomes);
    }

    /// <summary>The rules, against the submissions as stored, without recording anything.</summary>
    public async Task<(IReadOnlyList<BulkItem>? Decisions, IReadOnlyList<BulkError> Errors)> CheckAsync(BulkDecisionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var stored = await CandidatesAsync(await queue.SelectionAsync(BulkDecisionRules.IdsNamed(request), cancellationToken), cancellationToken);
        return BulkDecisionRules.Check(request, stored);
    }

    /// <summary>The programmes of the rounds these submissions belong to, each read once: a decision follows its own round's rules.</summary>
    public async Task<IReadOnlyDictionary<long, Programme.Programme>> ProgrammesAsync(IEnumerable<SelectedSubmission> selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var byRound = new Dictionary<long, Programme.Programme>();
        foreach (var roundId in selection.Select(s => s.RoundId).Distinct())
        {
            byRound[roundId] = await programmes.ReadAsync(roundId, cancellationToken);
        }

        return byRound;
    }

    private async Task<IReadOnlyDictionary<long, BulkCandidate>> CandidatesAsync(IReadOnlyList<SelectedSubmission> selection, CancellationToken cancellationToken)
    {
        var byRound = await ProgrammesAsync(selection, cancellationToken);
        var choices = byRound.ToDictionary(p => p.Key, p => DecisionChoices.From(p.Value));
        return selection.ToDictionary(s => s.Item.Id, s => new BulkCandidate(s.Item.Id, s.Item.Reference, s.Item.Kind, choices[s.RoundId]));
    }
}
