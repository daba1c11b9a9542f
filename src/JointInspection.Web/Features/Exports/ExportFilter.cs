using System.Reflection;
using JointInspection.Web.Features.Submissions;
using JointInspection.Web.Features.Triage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace JointInspection.Web.Features.Exports;

/// <summary>
/// The queue's filter an export is asked with, kept as the queue's own query string: the view of the queue is the
/// export, read again by <see cref="TriageFilter.Parse(TriageRequest, Programme.Programme, IReadOnlyCollection{Rounds.ProgrammeRound}, string)"/>
/// when the export runs. Sort and paging say how the queue shows submissions, not which: an export has them all, in
/// reference order, so they are left out.
/// </summary>
public static class ExportFilter
{
    /// <summary>The filter's parameters that are set, as a query string without its "?" ("" for every submission).</summary>
    public static string QueryOf(TriageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var set = Parameters(request).Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        return QueryString.Create(set).ToUriComponent().TrimStart('?');
    }

    public static TriageRequest RequestOf(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TriageRequest.From(new QueryCollection(QueryHelpers.ParseQuery(query)));
    }

    /// <summary>The filter in words, one line per parameter set, for the pages; empty means every submission.</summary>
    public static IReadOnlyList<(string Name, string Value)> Describe(
        TriageRequest request, Programme.Programme programme, IReadOnlyCollection<Rounds.ProgrammeRound> rounds)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(rounds);
        var lines = new List<(string, string)>();
        void Add(string name, string? value, Func<string, string?> words)
        {
            if (!string.IsNullOrEmpty(value))
            {
                lines.Add((name, words(value) ?? value));
            }
        }

        Add("Programme round", request.Round, code => rounds.FirstOrDefault(r => r.Code == code)?.Label);
        Add("Status", request.Status, SubmissionStatus.Label);
        Add("Kind", request.Kind, kind => kind == SubmissionKind.Suggestion ? "Suggestions" : "Responses");
        Add("Area of focus", request.AreaOfFocus, code => programme.AreasOfFocus.FirstOrDefault(a => a.Code == code)?.Name);
        Add("Inspectorate named", request.Inspectorate, code => programme.Inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName);
        Add("Respondent", request.RespondentType, type => type == "organisation" ? "Organisations" : "Individuals");
        Add("Email address", request.Confirmed, yes => yes == "true" ? "Confirmed" : "Not confirmed");
        Add("Moderation", request.Moderation, Moderation.ModerationState.Label);
        Add("Assigned to", request.Assigned, who => who == TriageRequest.Nobody ? "Nobody" : who == TriageRequest.Me ? "You" : who);
        Add("Assessment", request.Assessed, yes => yes == "true" ? "Assessed" : "Suggestions not assessed yet");
        Add("Decision", request.Decided, yes => yes == "true" ? "Decided" : "Not decided yet");
        Add("Search", request.Q, q => $"“{q}”");
        // A filter the queue has gained since these words were written is still shown, as its parameter.
        string[] described = ["round", "status", "kind", "areaOfFocus", "inspectorate", "respondentType", "confirmed", "moderation", "assigned", "assessed", "decided", "q"];
        foreach (var (name, value) in Parameters(request).Where(p => !described.Contains(p.Key) && !string.IsNullOrEmpty(p.Value)))
        {
            lines.Add((name, value!));
        }

        return lines;
    }

    /// <summary>
    /// The queue's filter parameters, read from <see cref="TriageRequest"/>'s own [FromQuery] names, so a filter the queue
    /// gains is exported without a change here; sort and paging are not filters.
    /// </summary>
    private static readonly (string Name, PropertyInfo Property)[] FilterParameters =
    [
        .. typeof(TriageRequest).GetConstructors().MaxBy(c => c.GetParameters().Length)!.GetParameters()
            .Select(p => (Name: p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!, Property: typeof(TriageRequest).GetProperty(p.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)!))
            .Where(p => p.Name is not ("sort" or "after" or "before" or "limit")),
    ];

    private static IEnumerable<KeyValuePair<string, string?>> Parameters(TriageRequest r) =>
        FilterParameters.Select(p => KeyValuePair.Create(p.Name, (string?)p.Property.GetValue(r)));
}
