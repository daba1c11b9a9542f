using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Infrastructure;

namespace JointInspection.Web.Features.Submissions;

/// <summary>The outcome of trying to send a submission: saved, refused with field errors, or too late.</summary>
public sealed record IntakeResult(SavedSubmission? Saved, IReadOnlyDictionary<string, string> Errors, bool ConsultationClosed)
{
    public static IntakeResult Closed { get; } = new(null, new Dictionary<string, string>(), ConsultationClosed: true);
}

/// <summary>
/// The one way in for a submission, from the forms and the API alike: same rules, same storage. A submission goes to
/// the current round, while its consultation is open.
/// </summary>
public sealed class SubmissionIntake(ProgrammeReader programmes, SubmissionStore store, PublicLinks links, TimeProvider clock)
{
    public async Task<bool> IsOpenAsync(CancellationToken cancellationToken) =>
        (await programmes.ReadAsync(cancellationToken)).Round.StateAt(clock.GetUtcNow()) == RoundState.Open;

    public Task<IntakeResult> SubmitAsync(SubmissionAnswers answers, HttpRequest request, CancellationToken cancellationToken) =>
        SubmitAsync(answers, request, null, cancellationToken);

    /// <summary>The same, with an API client's Idempotency-Key if it sent one (<see cref="SubmissionIdempotency"/>).</summary>
    public Task<IntakeResult> SubmitAsync(
        SubmissionAnswers answers, HttpRequest request, IdempotencyClaim? claim, CancellationToken cancellationToken) =>
        SubmitAsync(answers, request, claim, null, null, cancellationToken);

    /// <summary>
    /// The same, from a form sent by someone signed in whose provider vouched for <paramref name="verifiedEmail"/>:
    /// when they give that address it is stored as confirmed and no confirmation email is sent. Only the journeys pass
    /// it, as their forms carry an antiforgery token: a sign-in cookie alone must not confirm what another site sent.
    /// The files of their draft (<paramref name="draftId"/>) go with the submission.
    /// </summary>
    public async Task<IntakeResult> SubmitAsync(
        SubmissionAnswers answers, HttpRequest request, IdempotencyClaim? claim, string? verifiedEmail, string? draftId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var programme = await programmes.ReadAsync(cancellationToken);
        if (programme.Round.StateAt(clock.GetUtcNow()) != RoundState.Open)
        {
            return IntakeResult.Closed;
        }

        var errors = SubmissionRules.Validate(answers, programme);
        if (errors.Count > 0)
        {
            return new IntakeResult(null, errors, ConsultationClosed: false);
        }

        var emailVerified = verifiedEmail is not null
            && string.Equals(answers.Email?.Trim(), verifiedEmail.Trim(), StringComparison.OrdinalIgnoreCase);
        var saved = await store.SaveAsync(answers, programme, links.BaseFor(request), claim, emailVerified, draftId, cancellationToken);
        return new IntakeResult(saved, errors, ConsultationClosed: false);
    }
}
