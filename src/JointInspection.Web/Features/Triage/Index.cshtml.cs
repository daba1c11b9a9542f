using JointInspection.Web.Features.Account;
using JointInspection.Web.Features.Programme;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Triage;

/// <summary>
/// The staff triage queue. The filters are a GET form, so any view of the queue is a link that can be shared,
/// and it all works without JavaScript. Whoever has undecided submissions assigned starts at their own ("My
/// submissions"); "All submissions" is the same page with the assigned filter empty.
/// </summary>
public sealed class IndexModel(
    ProgrammeReader programmes, TriageQueueReader queue, StaffDirectory staff, Assignment.SubmissionAssignments assignments, Tags.TagStore tags,
    Similarity.SimilarityGroups groups) : PageModel
{
    /// <summary>The queue of everything, whoever it is assigned to: an empty assigned filter, so it is not taken for the bare address.</summary>
    public const string AllSubmissions = "/triage?assigned=";

    /// <summary>Groups of copies or near-copies waiting for a person to confirm them.</summary>
    public long GroupsToConfirm { get; private set; }

    /// <summary>The signed-in person's undecided submissions, for the "My submissions" tab.</summary>
    public long MineInHand { get; private set; }

    public TriageRequest Query { get; private set; } = new();

    public TriagePage? Result { get; private set; }

    /// <summary>The sort the page was read in, which decides how its cursors are written.</summary>
    public TriageSort Sort { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public IReadOnlyList<SelectField> Selects { get; private set; } = [];

    /// <summary>The reference searched for, when the search was one; the page says when there is no such submission.</summary>
    public string? ReferenceSought { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        MineInHand = User.Email() is { } me ? await assignments.InHandOfAsync(me, cancellationToken) : 0;
        if (Request.QueryString.HasValue is false && MineInHand > 0)
        {
            return Redirect("/triage?assigned=" + TriageRequest.Me);
        }

        Query = TriageRequest.From(Request.Query);
        GroupsToConfirm = await groups.ToReviewAsync(cancellationToken);
        var programme = await programmes.ReadAsync(cancellationToken);
        var rounds = (await programmes.ReadAllAsync(cancellationToken)).Select(p => p.Round).ToList();
        var (filter, errors) = TriageFilter.Parse(Query, programme, rounds, User.Email());
        var people = (await staff.ListAsync(cancellationToken)).Where(Assignment.SubmissionAssignments.TakesCaseWork).ToList();
        var tagged = await tags.NamesAsync(cancellationToken);
        Errors = errors;
        if (filter is not null)
        {
            Sort = filter.Sort;
            Result = await queue.ReadAsync(filter, cancellationToken);
            if (filter.Reference is { } id)
            {
                ReferenceSought = SubmissionReference.Format(id);
                // Looking up a reference is asking for that submission: go straight to the page its row links to.
                if (Result.Items.Count == 1)
                {
                    return Redirect(PortalPaths.Submission(ReferenceSought));
                }
            }
        }

        Selects =
        [
            Select("round", "Programme round", "Every round", rounds.OrderByDescending(r => r.FirstYear).Select(r => (r.Code, r.Label)), Query.Round),
            Select("status", "Status", "Any status", SubmissionStatus.All.Select(s => (s, SubmissionStatus.Label(s))), Query.Status),
            Select("kind", "Kind", "Responses and suggestions", [(SubmissionKind.Response, "Responses"), (SubmissionKind.Suggestion, "Suggestions")], Query.Kind),
            Select("areaOfFocus", "Area of focus", "Any area of focus", programme.AreasOfFocus.Select(a => (a.Code, a.Name)), Query.AreaOfFocus),
            Select("inspectorate", "Inspectorate named", "Any inspectorate", programme.Inspectorates.Select(i => (i.Code, i.ShortName)), Query.Inspectorate),
            Select("respondentType", "Respondent", "Individuals and organisations", [("individual", "Individuals"), ("organisation", "Organisations")], Query.RespondentType),
            Select("confirmed", "Email address", "Confirmed or not", [("true", "Confirmed"), ("false", "Not confirmed")], Query.Confirmed),
            Select("moderation", "Moderation", "Any moderation", Moderation.ModerationState.All, Query.Moderation),
            Select("assigned", "Assigned to", "Anyone or nobody",
                [(TriageRequest.Me, "You"), (TriageRequest.Nobody, "Nobody"), .. people.Select(p => (p.Email, p.DisplayName))], Query.Assigned),
            Select("assessed", "Assessment", "Assessed or not", [("true", "Assessed"), ("false", "Suggestions not assessed yet")], Query.Assessed),
            Select("decided", "Decision", "Decided or not", [("true", "Decided"), ("false", "Not decided yet")], Query.Decided),
            Select("tag", "Tag", "Any tags or none", tagged.Select(t => (t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Name)), Query.Tag),
        ];
        return Page();
    }

    /// <summary>This view of the queue with the cursor (and, for the counts, the status) replaced.</summary>
    public string Link(string? cursorName = null, QueueCursor? cursor = null, string? status = null)
    {
        var keep = Request.Query
            .Where(p => p.Key is not ("after" or "before") && !(status is not null && p.Key == "status") && !string.IsNullOrEmpty(p.Value))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .ToList();
        if (cursorName is not null && cursor is not null)
        {
            keep.Add(KeyValuePair.Create(cursorName, (string?)cursor.Value.Format(Sort)));
        }

        if (status is not null)
        {
            keep.Add(KeyValuePair.Create("status", (string?)status));
        }

        return "/triage" + QueryString.Create(keep);
    }

    /// <summary>This view of the queue as it was asked for, for a page reached from it to come back to.</summary>
    public string Here => "/triage" + Request.QueryString;

    /// <summary>
    /// This view of the queue, from its first page, in the server's <paramref name="sort"/>. The table's sortable
    /// headings are these links rather than a sort in the browser, because a page holds only part of the queue.
    /// </summary>
    public string SortLink(string sort)
    {
        var keep = Request.Query
            .Where(p => p.Key is not ("after" or "before" or "sort") && !string.IsNullOrEmpty(p.Value))
            .Select(p => KeyValuePair.Create(p.Key, (string?)p.Value.ToString()))
            .Append(KeyValuePair.Create("sort", (string?)sort));
        return "/triage" + QueryString.Create(keep);
    }

    /// <summary>A filter: its first option, "any", is the empty value, as an unselected filter sends.</summary>
    private SelectField Select(string name, string label, string any, IEnumerable<(string Value, string Label)> choices, string? selected) =>
        new(name, label, choices.Select(c => new ChoiceItem(c.Value, c.Label)).ToList(), selected, Errors.TryGetValue(name, out var messages) ? string.Join(" ", messages) : null)
        {
            LabelClass = "govuk-label--s",
            Placeholder = any,
            WidthClass = "govuk-!-width-full",
        };

    public static string KindLabel(string kind) => kind == SubmissionKind.Suggestion ? "Suggestion" : "Response";

    public static string RespondentLabel(string type) => type == "organisation" ? "Organisation" : "Individual";
}
