using JointInspection.Web.Features.Rounds;

namespace JointInspection.Web.Features.Manage.Conclusion;

/// <summary>How far a round is from concluding: what is still to decide, agree, release and moderate.</summary>
public sealed record ConclusionProgress(
    long Submissions, long Undecided, long AwaitingAgreement, long Held, long ToModerate, long Published, long Withheld, long NotForPublication);

/// <summary>
/// The order a round concludes in, GOV.UK's way: the consultation closes; every submission is decided, every joint
/// decision agreed and every outcome has reached its respondent; the chair finalises the programme; every submission is
/// moderated; and then the outcome is published. Each rule answers with what is still to do, or null.
/// </summary>
public static class ConclusionRules
{
    public static string? FinaliseRefusal(ProgrammeRound round, DateTimeOffset now, ConclusionProgress progress, bool byTheChair, string chair)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(progress);
        return round.FinalisedAt is { } finalised ? $"The {round.Label} programme was finalised on {Infrastructure.UkTime.Date(finalised)}"
            : !byTheChair ? $"Only the chair of the chief inspectors, {chair}, can finalise the programme"
            : round.StateAt(now) is RoundState.Draft or RoundState.Open ? $"The {round.Label} consultation has not closed yet: close it before the programme is finalised"
            : progress.Undecided > 0 ? $"{Submissions(progress.Undecided)} still {(progress.Undecided == 1 ? "has" : "have")} no decision: decide every submission before the programme is finalised"
            : progress.AwaitingAgreement > 0 ? $"{Decisions(progress.AwaitingAgreement)} still {(progress.AwaitingAgreement == 1 ? "awaits" : "await")} agreement or {(progress.AwaitingAgreement == 1 ? "was" : "were")} objected to: every proposed workstream must be agreed or withdrawn first"
            : progress.Held > 0 ? Held(progress)
            : null;
    }

    public static string? PublishRefusal(ProgrammeRound round, DateTimeOffset now, ConclusionProgress progress)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(progress);
        return round.ConcludedAt is { } concluded ? $"The {round.Label} outcome was published on {Infrastructure.UkTime.Date(concluded)}"
            : round.StateAt(now) is RoundState.Draft or RoundState.Open ? $"The {round.Label} consultation has not closed yet: an outcome is published only after it closes"
            : round.FinalisedAt is null ? "The chair has not finalised the programme yet: the outcome is published with the final programme"
            : progress.Held > 0 ? Held(progress)
            : progress.ToModerate > 0 ? $"{Submissions(progress.ToModerate)} {(progress.ToModerate == 1 ? "is" : "are")} still to moderate: nothing is published before it is moderated"
            : null;
    }

    private static string Held(ConclusionProgress progress) =>
        $"{Outcomes(progress.Held)} {(progress.Held == 1 ? "is" : "are")} held: release them, so that respondents hear before the public reads it";

    private static string Submissions(long count) => count == 1 ? "1 submission" : $"{count:N0} submissions";

    private static string Decisions(long count) => count == 1 ? "1 decision" : $"{count:N0} decisions";

    private static string Outcomes(long count) => count == 1 ? "1 outcome" : $"{count:N0} outcomes";
}
