using System.Globalization;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Recommendations;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// A chief inspector's decision on one submission, or a revision of it. The fields are kept exactly as sent, so a
/// mistake, or someone else deciding first, comes back with everything this person typed.
/// </summary>
public sealed partial class DecideModel(
    SubmissionReader submissions, ProgrammeReader programmes, AssessmentStore assessments, DecisionStore decisions, PublicLinks links,
    RecommendationStore recommendations) : DecisionFormFields
{
    public bool IsSuggestion => Submission.IsSuggestion;

    public AssessmentRecord? Assessment { get; private set; }

    /// <summary>Every decision so far, newest (the current one) first.</summary>
    public IReadOnlyList<DecisionRecord> History { get; private set; } = [];

    public DecisionRecord? Current => History.Count > 0 ? History[0] : null;

    /// <summary>Set when someone else decided first: their decision is now the one this form revises.</summary>
    public DecisionRecord? ConflictWith { get; private set; }

    /// <summary>Set when the form named a version that never existed, so there was no one else's decision to show.</summary>
    public bool StaleVersion { get; private set; }

    /// <summary>The secretariat's open recommendation, if any (the Recommendations slice fills the form from it).</summary>
    public RecommendationRecord? Recommendation { get; private set; }

    /// <summary>The version of the recommendation the form started from: recording the decision marks it taken.</summary>
    [BindProperty(Name = DecisionFormStart.Field)]
    public long? RecommendationVersion { get; set; }

    /// <summary>Set for a suggestion only: nothing else can become work.</summary>
    public CapacityTable? CapacityTable { get; private set; }

    [BindProperty(Name = "meetingOn-day")]
    public string? MeetingDay { get; set; }

    [BindProperty(Name = "meetingOn-month")]
    public string? MeetingMonth { get; set; }

    [BindProperty(Name = "meetingOn-year")]
    public string? MeetingYear { get; set; }

    [BindProperty(Name = "meetingAttendees")]
    public string? MeetingAttendees { get; set; }

    /// <summary>Set once the decision passed every rule: the email it will send, for the chief inspector to check first.</summary>
    public DecisionResult.Previewed? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        Show(Current);
        this.StartFromRecommendation();
        await CapacityAsync(cancellationToken);
        return Page();
    }

    /// <summary>Back from the preview to the form, with everything as it was typed.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        await CapacityAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var (meetingOn, meetingError) = DecisionRules.MeetingDate(MeetingDay, MeetingMonth, MeetingYear);
        var request = new DecisionRequest(
            long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null,
            Outcome,
            Rationale,
            Workstream(),
            MergeInto,
            DeferTo,
            OverCapacityReason,
            meetingOn,
            MeetingAttendees);
        var (decision, errors) = DecisionRules.Check(request, Submission.Answers.Kind ?? "", DecisionChoices.From(Programme));
        if (meetingError is not null)
        {
            // The date as typed is not one: said beside the form's other mistakes, and nothing recorded.
            return await ShowErrorsAsync(new Dictionary<string, string>(errors) { ["meetingOn"] = meetingError }, cancellationToken);
        }

        if (decision is null)
        {
            return await ShowErrorsAsync(errors, cancellationToken);
        }

        // The first send shows the email; the decision is recorded only from the preview's own button.
        var confirmed = Request.Form["confirm"] == "yes";
        var result = confirmed
            ? await decisions.DecideAsync(
                Submission.Id, decision, User.Email()!, User.Inspectorate(), links.BaseFor(Request), RecommendationStore.Taking(RecommendationVersion, User.Email()!), cancellationToken)
            : await decisions.PreviewAsync(Submission.Id, decision, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken);
        if (result is DecisionResult.Previewed preview)
        {
            Preview = preview;
            await ReadWhatItIsDecidedOnAsync(cancellationToken);
            return Page();
        }

        if (result is DecisionResult.Conflict conflict)
        {
            // What this person typed stays; only the version moves on, so sending again revises the decision they now see.
            ConflictWith = conflict.Current;
            StaleVersion = conflict.Current is null;
            await ReadWhatItIsDecidedOnAsync(cancellationToken);
            Version = (Current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
            await CapacityAsync(cancellationToken);
            return Page();
        }

        if (result is DecisionResult.Invalid invalid)
        {
            return await ShowErrorsAsync(invalid.Errors, cancellationToken);
        }

        // On to the next submission waiting for a decision, or back to the queue when none is, saying this one is done.
        var saved = ((DecisionResult.Saved)result).Decision;
        var decided = $"?{DecisionRecordedBanner.Parameter}={Submission.Reference}&{DecisionRecordedBanner.EmailParameter}={DecisionRecordedBanner.EmailState(saved)}";
        return await decisions.NextUndecidedAsync(Submission.Id, cancellationToken) is { } next
            ? Redirect(PortalPaths.Decide(SubmissionReference.Format(next)) + decided)
            : Redirect(PortalPaths.Triage + decided);
    }

    /// <summary>The page's id for a field the rules name: "workstream.lead" is "workstream-lead"; the version has no field of its own.</summary>
    public static string FieldId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key == "version" ? "outcome" : key.Replace('.', '-');
    }

    public string GroupClass(string fieldId) => Errors.ContainsKey(fieldId) ? "govuk-form-group govuk-form-group--error" : "govuk-form-group";

    /// <summary>The hint and error ids that describe a control, for aria-describedby.</summary>
    public string? DescribedBy(string fieldId, bool hint = false)
    {
        var ids = new[] { hint ? $"{fieldId}-hint" : null, Errors.ContainsKey(fieldId) ? $"{fieldId}-error" : null }.OfType<string>().ToList();
        return ids.Count == 0 ? null : string.Join(' ', ids);
    }

    /// <summary>The form's fields as sent, for the preview to carry to the button that records the decision.</summary>
    public IEnumerable<(string Name, string Value)> Sent() =>
        Request.HasFormContentType
            ? Request.Form.Where(f => f.Key is not ("__RequestVerificationToken" or "confirm"))
                .SelectMany(f => f.Value.Select(v => (f.Key, v ?? "")))
            : [];

    private async Task<IActionResult> ShowErrorsAsync(IReadOnlyDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        foreach (var (key, message) in errors)
        {
            Errors.TryAdd(FieldId(key), message);
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        await CapacityAsync(cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        if (!SubmissionReference.TryParse(reference, out var id) || await submissions.ByIdAsync(id, cancellationToken) is not { } submission)
        {
            return false;
        }

        DecideOn(submission, await programmes.ReadAsync(submission.RoundId, cancellationToken));
        return true;
    }

    /// <summary>The assessment and the decisions so far: read only for a page that shows them, not before a save that redirects.</summary>
    private async Task ReadWhatItIsDecidedOnAsync(CancellationToken cancellationToken)
    {
        Assessment = await assessments.ReadAsync(Submission.Id, cancellationToken);
        History = await decisions.HistoryAsync(Submission.Id, cancellationToken);
        Agreement = Current is { Agreement: not null } current
            ? AgreementPanel.For(current, await decisions.AgreementsAsync(Submission.Id, current.Version, cancellationToken), Programme.Inspectorates)
            : null;
        if (Agreement?.AwaitingAnswerFrom(User.Inspectorate()) is { } mine)
        {
            Agreement = Agreement with { Answer = new AgreementPanel.Answering(mine.Name, null, null, Errors) };
        }
        Recommendation = await recommendations.OpenAsync(Submission.Id, cancellationToken);
    }

    /// <summary>
    /// Fills the form from the current decision when revising one; otherwise from the suggestion itself, so that
    /// accepting it as proposed takes only a rationale and the choices the suggestion could not make.
    /// </summary>
    private void Show(DecisionRecord? current)
    {
        var answers = Submission.Answers;
        Version = (current?.Version ?? 0).ToString(CultureInfo.InvariantCulture);
        Outcome = current?.Outcome;
        Rationale = current?.Rationale;
        MergeInto = current?.Outcome == DecisionOutcome.Merge ? current.WorkstreamSlug : null;
        DeferTo = current?.DeferredTo;
        OverCapacityReason = current?.OverCapacityReason;
        MeetingAttendees = current?.MeetingAttendees;
        var meeting = current?.MeetingOn is { } on && DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        MeetingDay = meeting?.Day.ToString(CultureInfo.InvariantCulture);
        MeetingMonth = meeting?.Month.ToString(CultureInfo.InvariantCulture);
        MeetingYear = meeting?.Year.ToString(CultureInfo.InvariantCulture);

        var proposed = Programme.AllWorkstreams.FirstOrDefault(w => w.Origin?.Reference == Submission.Reference);
        if (current?.Outcome == DecisionOutcome.Accept && proposed is not null)
        {
            Title = proposed.Title;
            Summary = proposed.Summary;
            Lead = proposed.Lead?.Inspectorate.Code;
            Supporting = [.. proposed.SupportingInspectorates.Select(p => p.Inspectorate.Code)];
            Partners = [.. proposed.PartnerBodies.Select(p => p.Inspectorate.Code)];
            AreasOfFocus = [.. proposed.AreasOfFocus.Select(a => a.Code)];
            ProgrammeYear = proposed.ProgrammeYear;
            Kind = proposed.Kind;
            return;
        }

        Title = answers.Title;
        Summary = answers.Text;
        Lead = CriminalJustice.Any(i => i.Code == answers.Lead) ? answers.Lead : null;
        Supporting = [.. answers.Inspectorates.Where(code => code != Lead && CriminalJustice.Any(i => i.Code == code))];
        Partners = [.. answers.Inspectorates.Where(code => PartnerBodies.Any(i => i.Code == code))];
        AreasOfFocus = [.. answers.AreasOfFocus];
        ProgrammeYear = Assessment?.Input.ProgrammeYear
            ?? (Programme.Round.HasYear(answers.Timing) ? answers.Timing : null);
        Kind = null;
    }

    /// <summary>
    /// Capacity in the year the form names, else the assessment's. "This suggestion" is what accepting it as the form
    /// stands would draw: the assessed days of the inspectorates that take part, as the store will count them.
    /// </summary>
    private async Task CapacityAsync(CancellationToken cancellationToken)
    {
        if (!IsSuggestion)
        {
            // Only a suggestion can become work; the page shows capacity for nothing else.
            return;
        }

        var year = Programme.Round.HasYear(ProgrammeYear) ? ProgrammeYear!
            : Assessment?.Input.ProgrammeYear ?? Programme.Round.Years[0].Code;
        var figures = await assessments.CapacityAsync(year, Submission.Id, cancellationToken);
        var requested = ValidWorkstream.DaysDrawn(Lead, Supporting, Assessment?.Input.Days ?? new Dictionary<string, int>());
        CapacityTable = new CapacityTable(
            year, "This suggestion", Capacity.Lines(CriminalJustice.Select(i => i.Code), figures, requested), CriminalJustice);
    }
}
