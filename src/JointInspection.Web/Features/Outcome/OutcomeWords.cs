using JointInspection.Web.Features.Rounds;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage.Assessment;
using JointInspection.Web.Features.Triage.Decisions;

namespace JointInspection.Web.Features.Outcome;

/// <summary>The outcome's words for what is stored as codes: the page, the API and the CSV say the same.</summary>
public static class OutcomeWords
{
    /// <summary>A decision in the third person, as the public reads it (the respondent's email says "your").</summary>
    public static string Decision(OutcomeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome switch
        {
            DecisionOutcome.Accept or DecisionOutcome.Merge => $"{BeforeWorkstream(decision)}{decision.WorkstreamTitle}",
            DecisionOutcome.Defer when decision.DeferredTo == DecisionOutcome.NextProgramme => "Deferred to the next joint inspection programme",
            DecisionOutcome.Defer => $"Deferred to the programme’s second year, {ProgrammeYear.LabelOf(decision.DeferredTo)}",
            DecisionOutcome.Decline => "Declined: not taken forward",
            DecisionOutcome.Noted => "Noted: taken into account, no change to the programme",
            DecisionOutcome.ProgrammeChanged => "The programme was changed",
            _ => decision.Outcome,
        };
    }

    /// <summary>The words of an accepting or merging decision that come before the workstream's title, which the page links.</summary>
    public static string BeforeWorkstream(OutcomeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Outcome == DecisionOutcome.Accept ? "Accepted as a new workstream: " : "Merged into the workstream ";
    }

    /// <summary>"Response to the programme as a whole", "Response to the workstream …", "Suggested topic".</summary>
    public static string WhatItIs(OutcomeDecision decision, Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(programme);
        return decision.Kind == SubmissionKind.Suggestion ? "Suggested topic"
            : decision.ResponseTo switch
            {
                "area-of-focus" => $"Response to the area of focus {programme.AreasOfFocus.FirstOrDefault(a => a.Code == decision.AreaOfFocusCode)?.Name ?? decision.AreaOfFocusCode}",
                "workstream" => $"Response to the workstream {decision.RespondsToTitle}",
                _ => "Response to the programme as a whole",
            };
    }

    /// <summary>"12 (high)", or "Not assessed" for a submission that never needed an assessment.</summary>
    public static string Risk(OutcomeDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Risk is { } risk ? $"{risk} ({RiskScore.BandLabel(decision.Band!.Value).ToLowerInvariant()})" : "Not assessed";
    }

    /// <summary>The inspectorates that agreed, lead first; or, for a decision of one inspectorate, whose it was.</summary>
    public static string AgreedBy(OutcomeDecision decision, Programme.Programme programme)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(programme);
        string Short(string code) => programme.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;
        if (decision.AgreedBy.Count > 0)
        {
            return string.Join(", ", decision.AgreedBy.Select((code, i) => i == 0 ? $"{Short(code)} (lead)" : Short(code)));
        }

        return decision.DecidedBy is { } by
            ? $"Decided by {Short(by)}; no other inspectorate’s agreement was needed"
            : "No other inspectorate’s agreement was needed";
    }

    public static string Stance(string? stance) => stance switch
    {
        "support" => "Support",
        "support-with-changes" => "Support with changes",
        "do-not-support" => "Do not support",
        "no-view" => "No view either way",
        _ => stance ?? "",
    };

    /// <summary>"Individual", or "Organisation: Courts" (its type, never its name: that is the respondent's name, if they agreed).</summary>
    public static string RespondentType(string respondentType, string? organisationType) =>
        respondentType == "organisation"
            ? $"Organisation: {SubmissionChoices.Label(SubmissionChoices.OrganisationTypes, organisationType)}"
            : "Individual";
}
