using System.Globalization;
using System.Text.RegularExpressions;
using JointInspection.Web.Features.Submissions;
using Microsoft.AspNetCore.Mvc;

namespace JointInspection.Web.Features.Triage;

public enum TriageSort
{
    Newest,
    Oldest,

    /// <summary>Highest risk score first; unassessed (score 0) last; newest first within a score.</summary>
    Risk,
}

/// <summary>
/// Where a page starts or ends. Newest and oldest page on the id alone; highest risk pages on (score, id), which is
/// unique because the id is. As text it is the id, or "score-id" for the risk sort: callers treat it as opaque.
/// </summary>
public readonly record struct QueueCursor(long Id, int Score = 0)
{
    public string Format(TriageSort sort) => sort == TriageSort.Risk
        ? $"{Score.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}"
        : Id.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string text, TriageSort sort, out QueueCursor cursor)
    {
        ArgumentNullException.ThrowIfNull(text);
        cursor = default;
        var score = 0;
        var idText = text;
        if (sort == TriageSort.Risk)
        {
            var dash = text.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0 || !int.TryParse(text.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out score) || score > 25)
            {
                return false;
            }

            idText = text[(dash + 1)..];
        }

        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return false;
        }

        cursor = new QueueCursor(id, score);
        return true;
    }
}

/// <summary>
/// The queue's query string as typed, for the API and the page alike. Everything is text here so that a bad
/// value becomes a 400 naming its parameter rather than a binding failure that names nothing.
/// </summary>
public sealed record TriageRequest(
    [FromQuery(Name = "status")] string? Status = null,
    [FromQuery(Name = "kind")] string? Kind = null,
    [FromQuery(Name = "areaOfFocus")] string? AreaOfFocus = null,
    [FromQuery(Name = "inspectorate")] string? Inspectorate = null,
    [FromQuery(Name = "respondentType")] string? RespondentType = null,
    [FromQuery(Name = "confirmed")] string? Confirmed = null,
    [FromQuery(Name = "q")] string? Q = null,
    [FromQuery(Name = "sort")] string? Sort = null,
    [FromQuery(Name = "after")] string? After = null,
    [FromQuery(Name = "before")] string? Before = null,
    [FromQuery(Name = "limit")] string? Limit = null,
    [FromQuery(Name = "round")] string? Round = null,
    [FromQuery(Name = "moderation")] string? Moderation = null,
    [FromQuery(Name = "assigned")] string? Assigned = null,
    [FromQuery(Name = "assessed")] string? Assessed = null,
    [FromQuery(Name = "decided")] string? Decided = null,
    [FromQuery(Name = "tag")] string? Tag = null)
{
    /// <summary>The "assigned" value for the submissions of whoever is asking.</summary>
    public const string Me = "me";

    /// <summary>The "assigned" value for submissions nobody has been given.</summary>
    public const string Nobody = "nobody";

    /// <summary>
    /// This request with "assigned=me" made the asker's own email address, for a view of the queue that outlives the
    /// request (an export, written later by the portal itself).
    /// </summary>
    public TriageRequest For(string? me) => Assigned?.Trim() == Me && me is not null ? this with { Assigned = me } : this;

    public static TriageRequest From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Get(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        return new(Get("status"), Get("kind"), Get("areaOfFocus"), Get("inspectorate"), Get("respondentType"),
            Get("confirmed"), Get("q"), Get("sort"), Get("after"), Get("before"), Get("limit"), Get("round"), Get("moderation"),
            Get("assigned"), Get("assessed"), Get("decided"), Get("tag"));
    }
}

/// <summary>
/// A validated view of the queue. After and Before are keyset cursors: the id of the last (or first) row of
/// the page the reader came from.
/// </summary>
public sealed partial record TriageFilter(
    string? Status = null,
    string? Kind = null,
    string? AreaOfFocus = null,
    string? Inspectorate = null,
    string? RespondentType = null,
    bool? Confirmed = null,
    string? Search = null,
    TriageSort Sort = TriageSort.Newest,
    QueueCursor? After = null,
    QueueCursor? Before = null,
    int Limit = TriageFilter.DefaultLimit,
    long? RoundId = null,
    string? Moderation = null,
    string? AssignedTo = null,
    bool Unassigned = false,
    bool? Assessed = null,
    bool? Decided = null,
    long? TagId = null)
{
    /// <summary>
    /// The submission whose reference the search is (JI-000123, any case, the hyphen and leading zeros optional),
    /// or null. A reference names one submission, so the other filters do not apply to it. A bare number is left as
    /// words to find: numbers turn up in what people write.
    /// </summary>
    public long? Reference => Search is not null && ReferencePattern().Match(Search) is { Success: true } match
        && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxSearchLength = 200;

    /// <summary>
    /// Checks every parameter against the programme's area of focus and inspectorate codes and the rounds there are;
    /// <paramref name="me"/> is the email address of whoever asks, for "assigned=me".
    /// </summary>
    public static (TriageFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        TriageRequest request, Programme.Programme programme, IReadOnlyCollection<Rounds.ProgrammeRound> rounds, string? me = null)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return Parse(request, programme.AreasOfFocus.Select(a => a.Code).ToList(), programme.Inspectorates.Select(i => i.Code).ToList(), rounds, me);
    }

    /// <summary>
    /// Checks every parameter; unknown codes are errors rather than empty results, so a typo is noticed.
    /// Empty values mean "any", as an unselected filter on the page sends them.
    /// </summary>
    public static (TriageFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        TriageRequest request, IReadOnlyCollection<string> areasOfFocus, IReadOnlyCollection<string> inspectorates,
        IReadOnlyCollection<Rounds.ProgrammeRound> rounds, string? me = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rounds);
        var errors = new Dictionary<string, string[]>();
        string? OneOf(string name, string? value, IEnumerable<string> allowed)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            var known = allowed.ToList();
            if (known.Contains(value, StringComparer.Ordinal))
            {
                return value;
            }

            errors[name] = [$"Unknown {name} '{value}'. Use one of: {string.Join(", ", known)}."];
            return null;
        }

        var sort = OneOf("sort", request.Sort, ["newest", "oldest", "risk"]) switch
        {
            "oldest" => TriageSort.Oldest,
            "risk" => TriageSort.Risk,
            _ => TriageSort.Newest,
        };
        QueueCursor? Cursor(string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            if (QueueCursor.TryParse(value, sort, out var cursor))
            {
                return cursor;
            }

            errors[name] = [$"'{value}' is not a page cursor for this sort. Use the 'next' or 'previous' value of an earlier page, or leave {name} out for the first page."];
            return null;
        }

        var status = OneOf("status", request.Status, SubmissionStatus.All);
        var kind = OneOf("kind", request.Kind, SubmissionKind.All);
        var area = OneOf("areaOfFocus", request.AreaOfFocus, areasOfFocus);
        var inspectorate = OneOf("inspectorate", request.Inspectorate, inspectorates);
        var respondentType = OneOf("respondentType", request.RespondentType, SubmissionChoices.RespondentTypes.Select(c => c.Code));
        var confirmed = OneOf("confirmed", request.Confirmed, ["true", "false"]) is { } yes ? yes == "true" : (bool?)null;
        var round = OneOf("round", request.Round, rounds.Select(r => r.Code)) is { } code ? rounds.Single(r => r.Code == code).Id : (long?)null;
        var moderation = OneOf("moderation", request.Moderation, Features.Moderation.ModerationState.All.Select(s => s.Code));

        var assessed = OneOf("assessed", request.Assessed, ["true", "false"]) is { } wasAssessed ? wasAssessed == "true" : (bool?)null;
        var decided = OneOf("decided", request.Decided, ["true", "false"]) is { } wasDecided ? wasDecided == "true" : (bool?)null;
        var assignedTo = request.Assigned?.Trim() switch
        {
            null or "" or TriageRequest.Nobody => null,
            TriageRequest.Me => me,
            { } email => email,
        };
        if (request.Assigned?.Trim() is { Length: > 0 } assigned && assigned is not (TriageRequest.Me or TriageRequest.Nobody)
            && (!assigned.Contains('@', StringComparison.Ordinal) || assigned.Length > 320))
        {
            errors["assigned"] = [$"Unknown assigned '{assigned}'. Use {TriageRequest.Me}, {TriageRequest.Nobody} or a member of staff's email address."];
        }
        else if (request.Assigned?.Trim() == TriageRequest.Me && me is null)
        {
            errors["assigned"] = ["assigned=me needs a signed-in member of staff."];
        }

        long? tag = null;
        if (!string.IsNullOrEmpty(request.Tag))
        {
            if (long.TryParse(request.Tag, NumberStyles.None, CultureInfo.InvariantCulture, out var tagId) && tagId > 0)
            {
                tag = tagId;
            }
            else
            {
                errors["tag"] = [$"'{request.Tag}' is not a tag. Use a tag's number, as /triage/tags links to it."];
            }
        }

        var search = request.Q?.Trim();
        if (search is { Length: > MaxSearchLength })
        {
            errors["q"] = [$"Search for at most {MaxSearchLength} characters."];
        }

        var after = Cursor("after", request.After);
        var before = Cursor("before", request.Before);
        if (after is not null && before is not null)
        {
            errors["before"] = ["Give after or before, not both."];
        }

        var limit = DefaultLimit;
        if (!string.IsNullOrEmpty(request.Limit)
            && (!int.TryParse(request.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        return errors.Count > 0
            ? (null, errors)
            : (new TriageFilter(status, kind, area, inspectorate, respondentType, confirmed,
                string.IsNullOrEmpty(search) ? null : search, sort, after, before, limit, round, moderation,
                assignedTo, request.Assigned?.Trim() == TriageRequest.Nobody, assessed, decided, tag), errors);
    }

    /// <summary>
    /// The search's words (letters and digits only, so none can be an operator, on either database), or null when
    /// there is nothing to search for.
    /// </summary>
    public IReadOnlyList<string>? SearchWords()
    {
        if (Search is null || Reference is not null)
        {
            return null;
        }

        var words = Word().Matches(Search).Select(match => match.Value).ToList();
        return words.Count == 0 ? null : words;
    }

    [GeneratedRegex(@"^JI-?0*([1-9][0-9]{0,17})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
