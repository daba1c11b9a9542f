using static JointInspection.Web.Features.Submissions.SubmissionChoices;

namespace JointInspection.Web.Features.Submissions;

/// <summary>One answer as a respondent reads it back: on the check-answers page, in emails, on the status page.</summary>
public sealed record SummaryRow(string Field, string Label, string Value, SubmissionStep Step);

public static class SubmissionSummary
{
    /// <summary>The short answers in order; the long texts (response, reason) are shown separately as rendered text.</summary>
    public static IReadOnlyList<SummaryRow> Rows(SubmissionAnswers a, Programme.Programme programme)
    {
        var rows = new List<SummaryRow>();
        if (a.Kind == SubmissionKind.Response)
        {
            var target = a.ResponseTo switch
            {
                "area-of-focus" => $"Area of focus: {programme.AreasOfFocus.FirstOrDefault(x => x.Code == a.AreaOfFocus)?.Name}",
                "workstream" => $"Workstream: {programme.Workstreams.FirstOrDefault(w => w.Slug == a.Workstream)?.Title}",
                _ => Label(ResponseTo, a.ResponseTo),
            };
            rows.Add(new("responseTo", "Responding to", target, SubmissionStep.ResponseTarget));
            rows.Add(new("stance", "Do you support it?", Label(Stances, a.Stance), SubmissionStep.Response));
        }
        else
        {
            rows.Add(new("title", "Topic", a.Title ?? "", SubmissionStep.SuggestionTopic));
            rows.Add(new("areasOfFocus", "Areas of focus", NamesOrDontKnow(a.AreasOfFocus, programme.AreasOfFocus.Select(x => (x.Code, x.Name))), SubmissionStep.SuggestionScope));
            rows.Add(new("crossCuttingIssues", "Cross-cutting issues", Names(a.CrossCuttingIssues, programme.CrossCuttingIssues.Select(x => (x.Code, x.Name))), SubmissionStep.SuggestionScope));
            var bodies = programme.Inspectorates.Select(x => (x.Code, x.ShortName)).ToList();
            rows.Add(new("inspectorates", "Inspectorates that should take part", NamesOrDontKnow(a.Inspectorates, bodies), SubmissionStep.SuggestionInspectorates));
            rows.Add(new("lead", "Should lead", a.Lead == DontKnow ? DontKnowLabel : Names([a.Lead ?? ""], bodies), SubmissionStep.SuggestionInspectorates));
            rows.Add(new("timing", "When", Label(TimingsFor(programme.Round), a.Timing), SubmissionStep.SuggestionTiming));
            rows.Add(new("evidenceLinks", "Supporting evidence", string.Join("\n", a.EvidenceLinkList()) is { Length: > 0 } links ? links : "None", SubmissionStep.SuggestionEvidence));
        }

        rows.Add(new("name", "Name", a.Name ?? "", SubmissionStep.AboutYou));
        rows.Add(new("email", "Email address", a.Email ?? "", SubmissionStep.AboutYou));
        rows.Add(new("respondentType", "Responding", Label(RespondentTypes, a.RespondentType), SubmissionStep.AboutYou));
        if (a.RespondentType == "organisation")
        {
            rows.Add(new("organisationName", "Organisation", a.OrganisationName ?? "", SubmissionStep.AboutYou));
            rows.Add(new("organisationType", "Type of organisation", Label(OrganisationTypes, a.OrganisationType), SubmissionStep.AboutYou));
        }

        rows.Add(new("publicationConsent", "Publication", Label(PublicationConsentsFor(a.Kind), a.PublicationConsent), SubmissionStep.AboutYou));
        return rows;
    }

    /// <summary>The whole submission as plain text, for the receipt email.</summary>
    public static string AsText(SubmissionAnswers a, Programme.Programme programme)
    {
        // Each label on its own line with the answer under it: a label that is a question ("Do you support it?")
        // then reads as a question and its answer, not "Do you support it?: I support it".
        var lines = Rows(a, programme).SelectMany(r => new[] { r.Label, r.Value, "" }).ToList();
        lines.Add(a.Kind == SubmissionKind.Response ? "Your response:" : "What the inspection should look at:");
        lines.Add(a.Text ?? "");
        if (a.Kind == SubmissionKind.Suggestion)
        {
            lines.Add("");
            lines.Add("Why it matters:");
            lines.Add(a.Reason ?? "");
        }

        return string.Join('\n', lines);
    }

    /// <summary>The chosen names in the programme's own order, whatever order they were ticked or stored in.</summary>
    /// <summary>The whole submission as HTML for the receipt: short answers encoded, long texts as already sanitised.</summary>
    public static string AsHtml(SubmissionAnswers a, Programme.Programme programme, string bodyHtml, string? reasonHtml)
    {
        var html = new System.Text.StringBuilder("<ul>");
        foreach (var row in Rows(a, programme))
        {
            html.Append("<li><strong>").Append(Encode(row.Label)).Append("</strong><br>").Append(Encode(row.Value)).Append("</li>");
        }

        html.Append("</ul><h3>").Append(a.Kind == SubmissionKind.Response ? "Your response" : "What the inspection should look at").Append("</h3>").Append(bodyHtml);
        if (reasonHtml is not null)
        {
            html.Append("<h3>Why it matters</h3>").Append(reasonHtml);
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
