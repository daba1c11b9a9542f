using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// A joint proposal as it stands, for moving to the other programme year: the suggestion, its current decision, the
/// proposed workstream that decision made and the inspectorates that must agree it, the lead first.
/// </summary>
public sealed record ProposalToMove(
    SubmissionRecord Submission, Programme.Programme Programme, DecisionRecord? Current, Programme.Workstream? Proposed, IReadOnlyList<AgreementRecord> Parties)
{
    public ProgrammeRound Round => Programme.Round;

    public string? Lead => Parties.FirstOrDefault(p => p.IsLead)?.InspectorateCode;

    /// <summary>The year it would move to: the round's other one.</summary>
    public string? OtherYear => Proposed?.ProgrammeYear is { } from ? Round.Years.First(y => y.Code != from).Code : null;

    public string Name(string? code) => Programme.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code ?? "";

    /// <summary>Why it cannot be moved here, whoever asks; null when its lead's chief inspector can move it.</summary>
    public string? Refusal =>
        Current is not { Outcome: DecisionOutcome.Accept } || Proposed?.ProgrammeYear is null
            ? $"{Submission.Reference} has no proposed workstream to move: only the proposed workstream of an accepted suggestion can be moved to the other programme year"
        : RoundRules.ConcludedError(Round) is { } concluded ? concluded
        : Current.Agreement is null
            ? $"“{Proposed.Title}” needed no one else's agreement, so the secretariat moves it to the other programme year in the draft programme"
        : Current.Agreement == Agreement.Objected
            ? $"The decision on {Submission.Reference} has an objection: its lead's chief inspector proposes it again on its decision page, in whichever year it should be"
        : null;

    /// <summary>Why this chief inspector cannot move it: only the chief inspector of the lead inspectorate proposes a joint decision.</summary>
    public string? RefusalFor(string? actorInspectorate) =>
        Refusal ?? (actorInspectorate == Lead ? null
            : $"Only the chief inspector of {Name(Lead)}, which leads “{Proposed!.Title}”, can move it: the other inspectorates taking part agree the move once it is proposed");
}

/// <summary>
/// Moves a joint proposal to the round's other programme year. The proposal is the accepted decision's, which every
/// criminal justice inspectorate taking part agreed (or is agreeing), so the move is a revision of that decision, made
/// through DecisionStore.DecideAsync like any other: the lead's chief inspector proposes it, and it awaits
/// the others' agreement again, its days held provisionally in the new year until they agree; audited, in one
/// transaction. Everything else about the proposal stays as it is.
/// </summary>
public sealed class ProposalMover(SubmissionReader submissions, ProgrammeReader programmes, DecisionStore decisions)
{
    /// <summary>The key of a refusal of the move as a whole rather than of one field.</summary>
    public const string Whole = "move";

    /// <summary>The suggestion's joint proposal as it stands; null when there is no such submission.</summary>
    public async Task<ProposalToMove?> ReadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return null;
        }

        var programme = await programmes.ReadAsync(submission.RoundId, cancellationToken);
        var current = await decisions.CurrentAsync(id, cancellationToken);
        var parties = current is null ? [] : await decisions.AgreementsAsync(id, current.Version, cancellationToken);
        var proposed = programme.AllWorkstreams.FirstOrDefault(w => w.Origin?.Reference == submission.Reference);
        return new ProposalToMove(submission, programme, current, proposed, parties);
    }

    /// <summary>
    /// Revises the decision on <paramref name="proposal"/> to put its workstream in <paramref name="to"/>. Version is the
    /// decision the page showed: if it has changed since, nothing is saved and the result is a conflict. Rationale is the
    /// decision's reasons, which its respondent reads once the revision is agreed and released.
    /// </summary>
    public async Task<DecisionResult> MoveAsync(
        ProposalToMove proposal, long? version, string? to, string? rationale, string? overCapacityReason, string actor, string? actorInspectorate,
        Uri publicBase, CancellationToken cancellationToken) =>
        await MoveAsync(proposal, version, to, rationale, overCapacityReason, actor, actorInspectorate, publicBase, preview: false, cancellationToken);

    /// <summary>
    /// What proposing the move would come to, by the same steps as <see cref="MoveAsync(ProposalToMove, long?, string?, string?, string?, string, string?, Uri, CancellationToken)"/>,
    /// rolled back: the revised decision's email as its respondent will get it once agreed, or why the move is refused.
    /// </summary>
    public async Task<DecisionResult> PreviewAsync(
        ProposalToMove proposal, long? version, string? to, string? rationale, string? overCapacityReason, string actor, string? actorInspectorate,
        Uri publicBase, CancellationToken cancellationToken) =>
        await MoveAsync(proposal, version, to, rationale, overCapacityReason, actor, actorInspectorate, publicBase, preview: true, cancellationToken);

    private async Task<DecisionResult> MoveAsync(
        ProposalToMove proposal, long? version, string? to, string? rationale, string? overCapacityReason, string actor, string? actorInspectorate,
        Uri publicBase, bool preview, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.RefusalFor(actorInspectorate) is { } refusal)
        {
            return Refused(Whole, refusal);
        }

        var proposed = proposal.Proposed!;
        if (WorkstreamRules.MoveYearError(proposal.Round, proposed.ProgrammeYear!, to) is { } yearError)
        {
            return Refused("to", yearError);
        }

        var request = new DecisionRequest(
            version,
            DecisionOutcome.Accept,
            rationale,
            new ProposedWorkstream(
                proposed.Title, proposed.Summary, proposed.Lead?.Inspectorate.Code, [.. proposed.SupportingInspectorates.Select(p => p.Inspectorate.Code)],
                [.. proposed.PartnerBodies.Select(p => p.Inspectorate.Code)], [.. proposed.AreasOfFocus.Select(a => a.Code)], to?.Trim(), proposed.Kind),
            OverCapacityReason: overCapacityReason);
        var (decision, errors) = DecisionRules.Check(request, SubmissionKind.Suggestion, DecisionChoices.From(proposal.Programme));
        if (decision is null)
        {
            return new DecisionResult.Invalid(Fields(errors));
        }

        var result = preview
            ? await decisions.PreviewAsync(proposal.Submission.Id, decision, actor, actorInspectorate, publicBase, cancellationToken)
            : await decisions.DecideAsync(proposal.Submission.Id, decision, actor, actorInspectorate, publicBase, cancellationToken);
        return result is DecisionResult.Invalid invalid ? new DecisionResult.Invalid(Fields(invalid.Errors)) : result;
    }

    /// <summary>
    /// The decision's errors as this page's fields: the reasons, going over capacity and the year; anything else (the
    /// version, a workstream made invalid since) is about the move as a whole.
    /// </summary>
    private static Dictionary<string, string> Fields(IReadOnlyDictionary<string, string> errors)
    {
        var fields = new Dictionary<string, string>();
        foreach (var (key, message) in errors)
        {
            fields.TryAdd(key switch
            {
                "rationale" or "overCapacityReason" => key,
                "workstream.programmeYear" => "to",
                _ => Whole,
            }, message);
        }

        return fields;
    }

    private static DecisionResult.Invalid Refused(string field, string message) => new(new Dictionary<string, string> { [field] = message });
}
