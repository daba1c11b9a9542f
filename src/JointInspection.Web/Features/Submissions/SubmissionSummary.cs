using static JointInspection.Web.Features.Submissions.SubmissionChoices;

namespace JointInspection.Web.Features.Submissions;

/// <summary>One answer as a respondent reads it back: on the check-answers page, in emails, on the status page.</summary>
public sealed record SummaryRow(string Field, string Label, string Value, SubmissionStep Step);

public static class SubmissionSummary
{
    /// <summary>
    /// The short answers in order; the long texts (response, reason) are shown separately as rendered text. Once the
    /// respondent's personal data is removed (<paramref name="personalDataRemovedAt"/>), their name, email address and
    /// organisation read "Removed on" its date.
    /// </summary>
    public static IReadOnlyList<SummaryRow> Rows(SubmissionAnswers a, Programme.Programme programme, DateTimeOffset? personalDataRemovedAt = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(programme);
        var rows = SubmissionQuestions.StepsFor(a.Kind).SelectMany(step => RowsFor(step, a, programme));
        return personalDataRemovedAt is { } removed
            ? [.. rows.Select(r => r.Field is "name" or "email" or "organisationName" ? r with { Value = $"Removed on {Infrastructure.UkTime.Date(removed)}" } : r)]
            : [.. rows];
    }

    /// <summary>The long texts in order, with the heading each is read under: the response, or the suggestion's two.</summary>
    public static IReadOnlyList<(string Field, string Heading, string? Text)> LongTexts(SubmissionAnswers a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return [.. SubmissionQuestions.StepsFor(a.Kind).SelectMany(step => step switch
        {
            SubmissionStep.Response => [("text", "Your response", a.Text)],
            SubmissionStep.SuggestionTopic => new[] { ("text", "What the inspection should look at", a.Text), ("reason", "Why it matters", a.Reason) },
            _ => [],
        })];
    }

    private static IEnumerable<SummaryRow> RowsFor(SubmissionStep step, SubmissionAnswers a, Programme.Programme programme)
    {
        var bodies = programme.Inspectorates.Select(x => (x.Code, x.ShortName)).ToList();
        return step switch
        {
            SubmissionStep.ResponseTarget => [new("responseTo", "Responding to", a.ResponseTo switch
            {
                ResponseTargets.AreaOfFocus => $"Area of focus: {programme.AreasOfFocus.FirstOrDefault(x => x.Code == a.AreaOfFocus)?.Name}",
                ResponseTargets.Workstream => $"Workstream: {programme.Workstreams.FirstOrDefault(w => w.Slug == a.Workstream)?.Title}",
                _ => Label(ResponseTo, a.ResponseTo),
            }, step)],
            SubmissionStep.Response => [new("stance", "Do you support it?", Label(Stances, a.Stance), step)],
            SubmissionStep.SuggestionTopic => [new("title", "Topic", a.Title ?? "", step)],
            SubmissionStep.SuggestionScope =>
            [
                new("areasOfFocus", "Areas of focus", NamesOrDontKnow(a.AreasOfFocus, programme.AreasOfFocus.Select(x => (x.Code, x.Name))), step),
                new("crossCuttingIssues", "Cross-cutting issues", Names(a.CrossCuttingIssues, programme.CrossCuttingIssues.Select(x => (x.Code, x.Name))), step),
            ],
            SubmissionStep.SuggestionInspectorates =>
            [
                new("inspectorates", "Inspectorates that should take part", NamesOrDontKnow(a.Inspectorates, bodies), step),
                new("lead", "Should lead", a.Lead == DontKnow ? DontKnowLabel : Names([a.Lead ?? ""], bodies), step),
            ],
            SubmissionStep.SuggestionTiming => [new("timing", "When", Label(TimingsFor(programme.Round), a.Timing), step)],
            SubmissionStep.SuggestionEvidence =>
                [new("evidenceLinks", "Supporting evidence", string.Join("\n", a.EvidenceLinkList()) is { Length: > 0 } links ? links : "None", step)],
            SubmissionStep.AboutYou => AboutYou(a),
            _ => [],
        };
    }

    private static IEnumerable<SummaryRow> AboutYou(SubmissionAnswers a)
    {
        yield return new("name", "Name", a.Name ?? "", SubmissionStep.AboutYou);
        yield return new("email", "Email address", a.Email ?? "", SubmissionStep.AboutYou);
        yield return new("respondentType", "Responding", Label(RespondentTypes, a.RespondentType), SubmissionStep.AboutYou);
        if (a.RespondentType == "organisation")
        {
            yield return new("organisationName", "Organisation", a.OrganisationName ?? "", SubmissionStep.AboutYou);
            yield return new("organisationType", "Type of organisation", Label(OrganisationTypes, a.OrganisationType), SubmissionStep.AboutYou);
        }

        yield return new("publicationConsent", "Publication", Label(PublicationConsentsFor(a.Kind), a.PublicationConsent), SubmissionStep.AboutYou);
    }

    /// <summary>The whole submission as plain text, for the receipt email.</summary>
    public static string AsText(SubmissionAnswers a, Programme.Programme programme)
    {
        // Each label on its own line with the answer under it: a label that is a question ("Do you support it?")
        // then reads as a question and its answer, not "Do you support it?: I support it".
        var lines = Rows(a, programme).SelectMany(r => new[] { r.Label, r.Value, "" })
            .Concat(LongTexts(a).SelectMany(t => new[] { $"{t.Heading}:", t.Text ?? "", "" }));
        return string.Join('\n', lines).TrimEnd('\n');
    }

    /// <summary>The whole submission as HTML for the receipt: short answers encoded, long texts as already sanitised.</summary>
    public static string AsHtml(SubmissionAnswers a, Programme.Programme programme, string bodyHtml, string? reasonHtml)
    {
        var html = new System.Text.StringBuilder("<ul>");
        foreach (var row in Rows(a, programme))
        {
            html.Append("<li><strong>").Append(Encode(row.Label)).Append("</strong><br>").Append(Encode(row.Value)).Append("</li>");
        }

        html.Append("</ul>");
        foreach (var (field, heading, _) in LongTexts(a))
        {
            html.Append("<h3>").Append(Encode(heading)).Append("</h3>").Append(field == "reason" ? reasonHtml : bodyHtml);
        }

        return html.ToString();
    }

    private static string Encode(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    /// <summary>A required list left empty (as stored) or answered "I don’t know" (as drafted) reads "I don’t know".</summary>
    private static string NamesOrDontKnow(List<string> codes, IEnumerable<(string Code, string Name)> known) =>
        codes.Count == 0 || codes.Contains(DontKnow) ? DontKnowLabel : Names(codes, known);

    private static string Names(IEnumerable<string> codes, IEnumerable<(string Code, string Name)> known)
    {
        var chosen = codes.ToHashSet();
        var names = known.Where(k => chosen.Contains(k.Code)).Select(k => k.Name).ToList();
        return names.Count == 0 ? "None" : string.Join(", ", names);
    }
}
