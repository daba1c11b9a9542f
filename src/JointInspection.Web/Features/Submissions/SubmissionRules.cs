using System.Net.Mail;
using static JointInspection.Web.Features.Submissions.SubmissionChoices;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// What a submission must hold. Errors are keyed by field name (as in the API's JSON and the forms'
/// field ids), in the order the fields appear, each saying what to do.
/// </summary>
public static class SubmissionRules
{
    public const int NameMax = 200;
    public const int EmailMax = 254;
    public const int TitleMax = 200;
    public const int TextMax = 20_000;
    public const int EvidenceLinksMax = 10;
    public const int LinkMax = 2_000;

    public static Dictionary<string, string> Validate(SubmissionAnswers answers, Programme.Programme programme)
    {
        if (answers.Kind is not (SubmissionKind.Response or SubmissionKind.Suggestion))
        {
            return new() { ["kind"] = "Say whether this is a response (\"response\") or a suggested topic (\"suggestion\")" };
        }

        var errors = new Dictionary<string, string>();
        foreach (var step in SubmissionQuestions.StepsFor(answers.Kind))
        {
            foreach (var (field, message) in Validate(answers, programme, step))
            {
                errors.TryAdd(field, message);
            }
        }

        return errors;
    }

    public static Dictionary<string, string> Validate(SubmissionAnswers a, Programme.Programme programme, SubmissionStep step)
    {
        var errors = new Dictionary<string, string>();
        void Check(string field, bool ok, string message)
        {
            if (!ok)
            {
                errors.TryAdd(field, message);
            }
        }

        switch (step)
        {
            case SubmissionStep.ResponseTarget:
                Check("responseTo", IsOneOf(ResponseTo, a.ResponseTo), "Select what you are responding to");
                if (a.ResponseTo == "area-of-focus")
                {
                    Check("areaOfFocus", programme.AreasOfFocus.Any(x => x.Code == a.AreaOfFocus), "Select the area of focus you are responding to");
                }

                if (a.ResponseTo == "workstream")
                {
                    Check("workstream", programme.Workstreams.Any(w => w.Slug == a.Workstream), "Select the workstream you are responding to");
                }

                break;

            case SubmissionStep.Response:
                Check("stance", IsOneOf(Stances, a.Stance), "Select whether you support it");
                CheckText(Check, "text", a.Text, "Enter your response", "Your response");
                break;

            case SubmissionStep.SuggestionTopic:
                Check("title", !string.IsNullOrWhiteSpace(a.Title), "Enter a title for the topic");
                Check("title", (a.Title?.Length ?? 0) <= TitleMax, $"Title must be {TitleMax} characters or fewer");
                CheckText(Check, "text", a.Text, "Enter what the inspection should look at", "What the inspection should look at");
                CheckText(Check, "reason", a.Reason, "Enter why it matters for public safety or the public’s confidence", "Why it matters");
                break;

            case SubmissionStep.SuggestionScope:
                CheckCodes(Check, "areasOfFocus", a.AreasOfFocus, programme.AreasOfFocus.Select(x => x.Code), "area of focus", "areas of focus");
                Check("crossCuttingIssues", a.CrossCuttingIssues.All(c => programme.CrossCuttingIssues.Any(x => x.Code == c)), "Select cross-cutting issues from the list");
                break;

            case SubmissionStep.SuggestionInspectorates:
                CheckCodes(Check, "inspectorates", a.Inspectorates, programme.Inspectorates.Select(x => x.Code), "inspectorate that should take part", "inspectorates");
                var lead = programme.Inspectorates.FirstOrDefault(x => x.Code == a.Lead && x.IsCriminalJustice);
                Check("lead", a.Lead == DontKnow || lead is not null, "Select which inspectorate should lead, or “I don’t know”");
                // "I don't know" who takes part leaves any lead possible; a named list must include the lead.
                Check("lead", lead is null || a.Inspectorates.Count == 0 || a.Inspectorates.Contains(DontKnow) || a.Inspectorates.Contains(lead.Code),
                    $"The lead must take part: select {lead?.ShortName} as taking part too, or choose a lead from those taking part");
                break;

            case SubmissionStep.SuggestionTiming:
                Check("timing", IsOneOf(TimingsFor(programme.Round), a.Timing), "Select when the inspection should happen");
                break;

            case SubmissionStep.SuggestionEvidence:
                var lines = (a.EvidenceLinks ?? "").Split('\n').Select(l => l.Trim()).ToList();
                Check("evidenceLinks", a.EvidenceLinkList().Count() <= EvidenceLinksMax, $"Enter {EvidenceLinksMax} links or fewer");
                var wrong = lines.FindIndex(l => l.Length > 0 && !IsWebAddress(l));
                Check("evidenceLinks", wrong < 0, $"Line {wrong + 1} is not a web address. {LinksRule}");
                break;

            case SubmissionStep.AboutYou:
                Check("name", !string.IsNullOrWhiteSpace(a.Name), "Enter your name");
                Check("name", (a.Name?.Length ?? 0) <= NameMax, $"Name must be {NameMax} characters or fewer");
                if (EmailError(a.Email) is { } emailError)
                {
                    Check("email", false, emailError);
                }

                Check("respondentType", IsOneOf(RespondentTypes, a.RespondentType), "Select whether you are responding as an individual or for an organisation");
                if (a.RespondentType == "organisation")
                {
                    Check("organisationName", !string.IsNullOrWhiteSpace(a.OrganisationName), "Enter the name of your organisation");
                    Check("organisationName", (a.OrganisationName?.Length ?? 0) <= NameMax, $"Organisation name must be {NameMax} characters or fewer");
                    Check("organisationType", IsOneOf(OrganisationTypes, a.OrganisationType), "Select the type of organisation");
                }

                Check("publicationConsent", IsOneOf(PublicationConsents, a.PublicationConsent), $"Select whether we may publish your {SubmissionKind.Noun(a.Kind)}");
                break;
        }

        return errors;
    }

    /// <summary>The one rule for evidence links, in the hint and in the error alike.</summary>
    public const string LinksRule = "Each line must be one full web address starting https:// or http://";

    /// <summary>A required list that may instead say "I don’t know", but not both.</summary>
    private static void CheckCodes(Action<string, bool, string> check, string field, List<string> codes, IEnumerable<string> known, string one, string many)
    {
        check(field, codes.Count > 0, $"Select at least one {one}, or “I don’t know”");
        check(field, codes.All(c => c == DontKnow || known.Contains(c)), $"Select {many} from the list");
        check(field, !codes.Contains(DontKnow) || codes.Count == 1, $"Select {many}, or “I don’t know”, not both");
    }

    private static void CheckText(Action<string, bool, string> check, string field, string? text, string whenEmpty, string label)
    {
        check(field, !string.IsNullOrWhiteSpace(text), whenEmpty);
        check(field, (text?.Length ?? 0) <= TextMax, $"{label} must be {TextMax:N0} characters or fewer");
        check(field, (text?.Length ?? 0) > TextMax || !UserText.NestsTooDeeply(text), $"{label} nests quotes, lists or brackets more than {UserText.MaxNesting} levels deep. Flatten it and try again.");
    }

    private static bool IsWebAddress(string link) =>
        link.Length <= LinkMax
        && Uri.TryCreate(link, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>What is wrong with an email address a person typed, or null when it will do.</summary>
    public static string? EmailError(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "Enter your email address"
        : !IsEmailAddress(email) ? "Enter an email address in the correct format, like name@example.com"
        : null;

    private static bool IsEmailAddress(string email)
    {
        var trimmed = email.Trim();
        return trimmed.Length <= EmailMax
            && MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}
