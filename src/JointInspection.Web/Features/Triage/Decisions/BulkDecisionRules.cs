using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>One submission of a bulk decision, as sent: its reference and the version of its decision the sender saw (0 when none).</summary>
public sealed record BulkDecisionSubmission(string? Reference = null, long? Version = null);

/// <summary>
/// One decision for several submissions: one outcome, one set of reasons and the meeting it was taken at. Each submission
/// still gets a decision of its own, checked against the version sent for it.
/// </summary>
public sealed record BulkDecisionRequest(
    string? Outcome = null,
    string? Rationale = null,
    string? DeferTo = null,
    string? MergeInto = null,
    string? MeetingOn = null,
    string? MeetingAttendees = null,
    IReadOnlyList<BulkDecisionSubmission?>? Submissions = null);

/// <summary>A selected submission as stored: what the rules need to know of it.</summary>
public sealed record BulkCandidate(long Id, string Reference, string Kind, DecisionChoices Choices);

/// <summary>A reason the bulk decision as a whole is refused, keyed by the API's field name.</summary>
public sealed record BulkError(string Field, string Message);

/// <summary>One submission's decision, past the rules, ready for the store.</summary>
public sealed record BulkItem(BulkCandidate Submission, ValidDecision Decision);

/// <summary>
/// The rules for deciding on several submissions at once. Every submission must be able to have the outcome, and every
/// one must pass the single decision's rules (<see cref="DecisionRules"/>); otherwise nothing is recorded, and the errors
/// name the submissions they are about. Accepting is not offered: each accepted suggestion becomes a proposed workstream
/// of its own, with its own title, lead and days.
/// </summary>
public static class BulkDecisionRules
{
    /// <summary>As many as the queue shows on its longest page.</summary>
    public const int MaxSubmissions = 200;

    /// <summary>The outcomes that need nothing particular to each submission, so one decision can serve several.</summary>
    public static readonly IReadOnlyList<string> Outcomes =
        [DecisionOutcome.Merge, DecisionOutcome.Defer, DecisionOutcome.Decline, DecisionOutcome.Noted, DecisionOutcome.ProgrammeChanged];

    /// <summary>The ids of the submissions the request names, once each, for reading them before the rules are checked.</summary>
    public static IReadOnlyList<long> IdsNamed(BulkDecisionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (request.Submissions ?? [])
            .Select(s => SubmissionReference.TryParse(s?.Reference?.Trim(), out var id) ? id : 0)
            .Where(id => id > 0)
            .Distinct()
            .Take(MaxSubmissions + 1)
            .ToList();
    }

    /// <summary>
    /// Checks the request against the submissions it names, as <paramref name="stored"/> has them by id. Either every
    /// submission gets a decision, or there are errors and none does.
    /// </summary>
    public static (IReadOnlyList<BulkItem>? Decisions, IReadOnlyList<BulkError> Errors) Check(
        BulkDecisionRequest request, IReadOnlyDictionary<long, BulkCandidate> stored)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stored);
        var errors = new List<BulkError>();
        var chosen = Selection(request.Submissions ?? [], stored, errors);

        var outcome = request.Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome) || (outcome != DecisionOutcome.Accept && !Outcomes.Contains(outcome)))
        {
            errors.Add(new("outcome", "Select a decision: merge, defer or decline for suggestions; noted or programme changed for responses"));
        }
        else if (outcome == DecisionOutcome.Accept)
        {
            errors.Add(new("outcome", "Accept suggestions one at a time, each from its own decision page: each becomes a proposed workstream of its own, with its own title, lead and days"));
        }
        else if (chosen.Where(c => !DecisionOutcome.For(c.Candidate.Kind).Contains(outcome)).Select(c => c.Candidate).ToList() is { Count: > 0 } cannot)
        {
            errors.Add(new("outcome", CannotHave(outcome, cannot)));
        }

        // The single decision's rules, for each submission; the outcome and version are answered above, for all at once.
        var decisions = new List<BulkItem>();
        var found = new List<(string Field, string Message, string Reference)>();
        foreach (var (candidate, version) in chosen)
        {
            // An outcome refused above is checked as none, so that what it would need (an accepted workstream's every
            // field, say) is not asked for too.
            var fits = outcome is not null && Outcomes.Contains(outcome) && DecisionOutcome.For(candidate.Kind).Contains(outcome);
            var single = new DecisionRequest(
                version ?? 0, fits ? outcome : null, request.Rationale, null, request.MergeInto, request.DeferTo, null, request.MeetingOn, request.MeetingAttendees);
            var (decision, singleErrors) = DecisionRules.Check(single, candidate.Kind, candidate.Choices);
            if (decision is not null)
            {
                decisions.Add(new BulkItem(candidate, decision));
            }

            found.AddRange(singleErrors.Where(e => e.Key is not ("outcome" or "version")).Select(e => (e.Key, e.Value, candidate.Reference)));
        }

        // The same mistake for every submission (the reasons left out, say) is said once; one that only some have names them.
        foreach (var same in found.GroupBy(f => (f.Field, f.Message)))
        {
            var references = same.Select(f => f.Reference).ToList();
            errors.Add(new(same.Key.Field, references.Count == chosen.Count ? same.Key.Message : $"{same.Key.Message} (for {Listed(references)})"));
        }

        return errors.Count > 0 ? (null, errors) : (decisions, errors);
    }

    /// <summary>The submissions named, each once, with the version sent for it; what is wrong with the selection goes in errors.</summary>
    private static List<(BulkCandidate Candidate, long? Version)> Selection(
        IReadOnlyList<BulkDecisionSubmission?> sent, IReadOnlyDictionary<long, BulkCandidate> stored, List<BulkError> errors)
    {
        var chosen = new List<(BulkCandidate, long?)>();
        if (sent.Count == 0)
        {
            errors.Add(new("submissions", "Select at least one submission to decide on"));
            return chosen;
        }

        if (sent.Count > MaxSubmissions)
        {
            errors.Add(new("submissions", $"Select {MaxSubmissions} submissions or fewer at once: there are {sent.Count}"));
            return chosen;
        }

        var blank = 0;
        var notReferences = new List<string>();
        var unknown = new List<string>();
        var repeated = new List<string>();
        var noVersion = new List<string>();
        var seen = new HashSet<long>();
        foreach (var submission in sent)
        {
            var reference = submission?.Reference?.Trim() ?? "";
            if (reference.Length == 0)
            {
                blank++;
            }
            else if (!SubmissionReference.TryParse(reference, out var id))
            {
                notReferences.Add($"'{reference}'");
            }
            else if (!stored.TryGetValue(id, out var candidate))
            {
                unknown.Add(SubmissionReference.Format(id));
            }
            else if (!seen.Add(id))
            {
                repeated.Add(candidate.Reference);
            }
            else
            {
                if (submission!.Version is not >= 0)
                {
                    noVersion.Add(candidate.Reference);
                }

                chosen.Add((candidate, submission.Version));
            }
        }

        if (blank > 0)
        {
            errors.Add(new("submissions", "Send the reference of every submission, such as JI-000123"));
        }

        if (notReferences.Count > 0)
        {
            errors.Add(new("submissions", $"{Listed(notReferences)} {(notReferences.Count == 1 ? "is not a submission reference" : "are not submission references")}: a reference looks like JI-000123"));
        }

        if (unknown.Count > 0)
        {
            errors.Add(new("submissions", $"There is no submission {Listed(unknown, "or")}: check the {(unknown.Count == 1 ? "reference" : "references")}"));
        }

        if (repeated.Distinct().ToList() is { Count: > 0 } twice)
        {
            errors.Add(new("submissions", $"{Listed(twice)} {(twice.Count == 1 ? "is" : "are")} selected more than once: select each submission once"));
        }

        if (noVersion.Count > 0)
        {
            errors.Add(new("submissions", $"Send the version of the current decision on {Listed(noVersion)}, as the queue gives it: 0 when there is none yet"));
        }

        return chosen;
    }

    /// <summary>"JI-000124 is a suggestion, which cannot be noted: …", naming every submission the outcome does not fit.</summary>
    private static string CannotHave(string outcome, List<BulkCandidate> cannot)
    {
        var one = cannot.Count == 1;
        var kind = cannot[0].Kind == SubmissionKind.Suggestion ? (one ? "a suggestion" : "suggestions") : (one ? "a response" : "responses");
        var done = outcome switch
        {
            DecisionOutcome.Merge => "merged",
            DecisionOutcome.Defer => "deferred",
            DecisionOutcome.Decline => "declined",
            DecisionOutcome.Noted => "noted",
            _ => "marked as changing the programme",
        };
        return $"{Listed(cannot.Select(c => c.Reference).ToList())} {(one ? "is" : "are")} {kind}, which cannot be {done}: "
            + $"leave {(one ? "it" : "them")} out and decide on {(one ? "it" : "them")} separately";
    }

    /// <summary>"JI-000001", "JI-000001 and JI-000002", "JI-000001, JI-000002 and JI-000003".</summary>
    public static string Listed(IReadOnlyList<string> items, string last = "and")
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} {last} {items[^1]}";
    }
}
