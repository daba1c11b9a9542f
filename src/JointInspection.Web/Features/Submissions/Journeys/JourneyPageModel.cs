using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace JointInspection.Web.Features.Submissions.Journeys;

/// <summary>
/// What every page of the respond and suggest journeys shares: it refuses politely, storing nothing,
/// when the consultation is not open; it loads the programme and the person's draft answers; and it
/// builds the form fields with this request's errors attached.
/// </summary>
public abstract class JourneyPageModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes) : PageModel
{
    /// <summary>The hint under every long-text box: what <see cref="UserText"/> will render.</summary>
    public const string TextHint =
        "You can use paragraphs, lists (start lines with - ), *emphasis* and links. Up to 20,000 characters.";

    public Journey Journey { get; private set; } = null!;

    public Programme.Programme Programme { get; private set; } = null!;

    public SubmissionAnswers Answers { get; private set; } = new();

    public IReadOnlyList<ErrorLink> Errors { get; private set; } = [];

    /// <summary>"check" when the person came from a Change link, so that saving takes them straight back.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnTo { get; set; }

    public bool ReturningToCheck => ReturnTo == "check";

    protected DraftStore Drafts => drafts;

    protected SubmissionIntake Intake => intake;

    /// <summary>The journey's slug; the shared pages take it from the route.</summary>
    protected virtual string? JourneySlug => RouteData.Values["journey"] as string;

    public string PageTitle(string title) => Errors.Count > 0 ? $"Error: {title}" : title;

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field)?.Message;

    public InputField Input(string id, string label, string? value) => new(id, label, value, ErrorFor(id));

    public TextareaField Textarea(string id, string label, string? value) => new(id, label, value, ErrorFor(id));

    public ChoicesField Radios(string id, string label, IEnumerable<ChoiceItem> items, string? selected) =>
        new(id, label, items.ToList(), selected is null ? [] : [selected], ErrorFor(id));

    public ChoicesField Checkboxes(string id, string label, IEnumerable<ChoiceItem> items, IReadOnlyCollection<string> selected) =>
        new(id, label, items.ToList(), selected, ErrorFor(id)) { Multiple = true };

    public SelectField Select(string id, string label, IEnumerable<ChoiceItem> items, string? selected) =>
        new(id, label, items.ToList(), selected, ErrorFor(id));

    /// <summary>The choices as radios or checkboxes; "I don’t know" comes after an "or", as GOV.UK sets it apart.</summary>
    public static IEnumerable<ChoiceItem> Items(IEnumerable<(string Code, string Label)> choices) =>
        choices.Select(c => new ChoiceItem(c.Code, c.Label) { DividerBefore = c.Code == SubmissionChoices.DontKnow ? "or" : null });

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (Journey.FromSlug(JourneySlug) is not { } journey)
        {
            context.Result = NotFound();
            return;
        }

        Journey = journey;
        // Back or refresh after sending, even once the consultation has closed: what was sent, never an empty form to send again.
        if (await drafts.FindSentAsync(HttpContext, journey.Kind) is { } sent)
        {
            context.Result = AlreadySent(sent);
            return;
        }

        var cancellationToken = HttpContext.RequestAborted;
        if (!await intake.IsOpenAsync(cancellationToken))
        {
            context.Result = ConsultationClosed();
            return;
        }

        Programme = await programmes.ReadAsync(cancellationToken);
        Answers = await drafts.LoadAsync(HttpContext, journey.Kind);
        await next();
    }

    protected PartialViewResult ConsultationClosed() => Partial("_Closed");

    private PartialViewResult AlreadySent(SentDraft sent)
    {
        // The page links to the secret status address: keep this page's address out of other sites' logs too.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Partial("_AlreadySent", new AlreadySentView(Journey, sent));
    }

    /// <summary>Errors for fields on this page: each links to its field here.</summary>
    protected void ShowErrors(IReadOnlyDictionary<string, string> errors) =>
        Errors = errors.Select(e => new ErrorLink(e.Key, e.Value, $"#{e.Key}")).ToList();

    /// <summary>Errors for fields on other pages: each links to the field on its own page.</summary>
    protected void ShowErrors(IEnumerable<ErrorLink> errors) => Errors = errors.ToList();
}

/// <summary>What the "You have sent this" page shows in place of a journey page.</summary>
public sealed record AlreadySentView(Journey Journey, SentDraft Sent);

/// <summary>
/// A page that asks for one step's answers. GET shows what the draft holds. POST takes this step's
/// fields, saves the draft whatever state it is in (so nothing typed is lost), then shows the errors
/// or moves on. An answer too long to keep is not saved: the page shows it back, from the form, with its error.
/// Saving is limited per client, and a step's size is capped (<see cref="JourneyLimits"/>).
/// </summary>
[EnableRateLimiting(JourneyLimits.DraftSavesPolicy)]
[RequestSizeLimit(JourneyLimits.MaxStepBytes)]
[RefuseOversizedStep]
public abstract class JourneyStepModel(DraftStore drafts, SubmissionIntake intake, ProgrammeReader programmes)
    : JourneyPageModel(drafts, intake, programmes)
{
    public abstract SubmissionStep PageStep { get; }

    /// <summary>Back walks the journey's pages in order; from its first page, back to the start page it began from.</summary>
    public virtual string BackHref => ReturningToCheck ? Journey.CheckPath : Journey.PreviousPath(PageStep) ?? "/";

    public virtual Task<IActionResult> OnGetAsync() => Task.FromResult<IActionResult>(Page());

    public async Task<IActionResult> OnPostAsync(SubmissionAnswers posted)
    {
        SubmissionQuestions.CopyStep(PageStep, posted, Answers);
        var errors = SubmissionRules.Validate(Answers, Programme, PageStep);
        if (!JourneyLimits.FitsInDraft(Answers))
        {
            ShowErrors(errors);
            return Page();
        }

        await Drafts.SaveAsync(HttpContext, Answers);
        if (errors.Count > 0)
        {
            ShowErrors(errors);
            return Page();
        }

        return Redirect(ReturningToCheck ? Journey.CheckPath : Journey.NextPath(PageStep));
    }

    /// <summary>
    /// "Save and come back later": keeps this page's answers as they are, finished or not, then asks where to send the
    /// link back. Only an answer too long to keep stops it, with its error.
    /// </summary>
    public async Task<IActionResult> OnPostSaveForLaterAsync(SubmissionAnswers posted)
    {
        SubmissionQuestions.CopyStep(PageStep, posted, Answers);
        if (!JourneyLimits.FitsInDraft(Answers))
        {
            ShowErrors(SubmissionRules.Validate(Answers, Programme, PageStep));
            return Page();
        }

        await Drafts.SaveAsync(HttpContext, Answers);
        return Redirect(Journey.SavePath(PageStep));
    }
}
