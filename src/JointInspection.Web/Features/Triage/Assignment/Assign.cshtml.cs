using System.Globalization;
using JointInspection.Web.Features.Account;
using JointInspection.Web.Infrastructure.Auth;
using JointInspection.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage.Assignment;

/// <summary>
/// Gives one submission, or those ticked in the queue, to a secretariat officer or chief inspector, or takes them off
/// everyone's list. The queue sends its checkboxes' values ("JI-000123:0", reference and decision version; the version
/// does not matter here) by GET, so choosing changes nothing; the page's own form posts.
/// </summary>
public sealed partial class AssignModel(
    TriageQueueReader queue, StaffDirectory staff, SubmissionAssignments assignments, ILogger<AssignModel> logger) : PageModel
{
    public const string Field = "assignee";

    /// <summary>The submissions to assign, in the order sent; values that name no submission are dropped.</summary>
    public IReadOnlyList<TriageItem> Listed { get; private set; } = [];

    /// <summary>Who can be given case work, with the signed-in person first.</summary>
    public IReadOnlyList<StaffMember> People { get; private set; } = [];

    /// <summary>Each person's undecided submissions, by email address.</summary>
    public IReadOnlyDictionary<string, long> InHand { get; private set; } = new Dictionary<string, long>();

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "selected")]
    public List<string> Selected { get; set; } = [];

    [BindProperty(Name = Field)]
    public string? Assignee { get; set; }

    [BindProperty(Name = "returnTo")]
    public string? ReturnTo { get; set; }

    /// <summary>Where the page goes back to: the view of the queue it came from, or the one submission's page.</summary>
    public string Back => QueueSelection.Back(ReturnTo, Listed, Url);

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "selected")] string[]? selected, [FromQuery(Name = "returnTo")] string? returnTo, CancellationToken cancellationToken)
    {
        Selected = [.. selected ?? []];
        ReturnTo = returnTo;
        await ListAsync(cancellationToken);
        // One submission already assigned: start from who has it, so the page reads as "change".
        if (Listed.Count == 1 && Listed[0].AssignedTo is not null)
        {
            Assignee = (await assignments.OfAsync(Listed[0].Id, cancellationToken))?.Assignee;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await ListAsync(cancellationToken);
        if (Errors.Count > 0)
        {
            return Page();
        }

        var person = People.FirstOrDefault(p => string.Equals(p.Email, Assignee, StringComparison.OrdinalIgnoreCase));
        if (person is null && Assignee != TriageRequest.Nobody)
        {
            Errors[Field] = "Select who to assign them to, or nobody";
            return Page();
        }

        AssignmentResult result;
        try
        {
            result = await assignments.AssignAsync(Listed.Select(s => s.Id).ToList(), person?.Email, User.Email()!, cancellationToken);
        }
        catch (Exception ex) when (StorageFaults.Is(ex))
        {
            NotStored(logger, ex);
            Errors[Field] = "The portal cannot save assignments just now. Nothing was changed. Try again in a few minutes";
            StorageFaults.Refuse(Response);
            return Page();
        }

        if (result is AssignmentResult.NotAssignable)
        {
            // Their role was removed while the form was open: the list is read again without them.
            Errors[Field] = $"{person!.DisplayName} no longer has a role that takes case work. Select someone else";
            Assignee = null;
            await ListAsync(cancellationToken);
            return Page();
        }

        var what = Listed.Count == 1 ? Listed[0].Reference : $"{Listed.Count} submissions";
        TempData[Recommendations.RecommendModel.Done] = person is null ? $"{what} assigned to nobody." : $"{what} assigned to {person.DisplayName}.";
        return Redirect(Back);
    }

    /// <summary>"(you)" beside the signed-in person, and each person's role and work in hand.</summary>
    public ChoiceItem Choice(StaffMember person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var you = string.Equals(person.Email, User.Email(), StringComparison.OrdinalIgnoreCase) ? " (you)" : "";
        var inHand = InHand.GetValueOrDefault(person.Email);
        var roles = string.Join(" and ", person.Roles.Where(r => r != StaffRoles.Admin).Select(StaffRoles.Label));
        return new ChoiceItem(person.Email, person.DisplayName + you)
        {
            Hint = $"{roles}. {inHand.ToString("N0", CultureInfo.InvariantCulture)} undecided {(inHand == 1 ? "submission" : "submissions")} assigned",
        };
    }

    private async Task ListAsync(CancellationToken cancellationToken)
    {
        (Listed, var error) = await QueueSelection.ReadAsync(queue, Selected, "Assign the selected submissions", cancellationToken);
        if (error is not null)
        {
            Errors[QueueSelection.Field] = error;
        }

        var me = User.Email();
        People = (await staff.ListAsync(cancellationToken))
            .Where(SubmissionAssignments.TakesCaseWork)
            .OrderBy(p => string.Equals(p.Email, me, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ToList();
        InHand = await assignments.InHandAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not take an assignment; the form was shown again with a 503.")]
    private static partial void NotStored(ILogger logger, Exception exception);
}
