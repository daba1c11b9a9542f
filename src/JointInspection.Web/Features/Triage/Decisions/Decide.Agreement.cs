using System.Globalization;
using JointInspection.Web.Features.Triage.Recommendations;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Triage.Decisions;

/// <summary>
/// The decision page's part in a joint decision: the agreement panel, and the answer of a chief inspector whose
/// inspectorate takes part, for their own inspectorate.
/// </summary>
public sealed partial class DecideModel
{
    /// <summary>The current decision's agreement, party by party, when it needs one.</summary>
    public AgreementPanel? Agreement { get; private set; }

    /// <summary>"agree" or "object" after this person's answer was saved (the address says so, read back only as one of those).</summary>
    public string? Answered => Request.Query["answered"].ToString() switch
    {
        Decisions.Agreement.Agree => Decisions.Agreement.Agree,
        Decisions.Agreement.Objects => Decisions.Agreement.Objects,
        _ => null,
    };

    /// <summary>A party's chief inspector agrees, or objects with reasons, for their own inspectorate.</summary>
    public async Task<IActionResult> OnPostAgreementAsync(
        string reference, [FromForm(Name = "agreement-version")] string? version, [FromForm(Name = "response")] string? response,
        [FromForm(Name = "reasons")] string? reasons, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(reference, cancellationToken))
        {
            return NotFound();
        }

        var request = new AgreementRequest(
            long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null, response, reasons);
        var result = await decisions.RespondAsync(Submission.Id, request, User.Email()!, User.Inspectorate(), links.BaseFor(Request), cancellationToken);
        if (result is DecisionResult.Saved)
        {
            return Redirect($"{PortalPaths.Decide(Submission.Reference)}?answered={response}#agreement");
        }

        await ReadWhatItIsDecidedOnAsync(cancellationToken);
        Show(Current);
        this.StartFromRecommendation();
        await CapacityAsync(cancellationToken);
        var errors = result is DecisionResult.Invalid invalid ? invalid.Errors
            : new Dictionary<string, string> { ["response"] = "The decision changed while you were reading it. Read it again below, then answer." };
        foreach (var (key, message) in errors)
        {
            Errors.TryAdd(key == "version" ? "response" : key, message);
        }

        if (Agreement is not null && Agreement.AwaitingAnswerFrom(User.Inspectorate()) is { } mine)
        {
            Agreement = Agreement with { Answer = new AgreementPanel.Answering(mine.Name, response, reasons, Errors) };
        }

        return Page();
    }
}
