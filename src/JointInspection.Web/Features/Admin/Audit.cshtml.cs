using JointInspection.Web.Features.AuditTrail;
using JointInspection.Web.Features.Programme;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace JointInspection.Web.Features.Admin;

/// <summary>A day, month and year as typed into a GOV.UK date input, kept as typed so an error can show it again.</summary>
public sealed class TypedDate
{
    public string? Day { get; set; }

    public string? Month { get; set; }

    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public DateOnly? AsDate() =>
        int.TryParse(Day, out var day) && int.TryParse(Month, out var month) && int.TryParse(Year, out var year)
            && year is >= 1000 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}

/// <summary>The whole audit log for admins, newest first, filtered by person, action and UK dates, paged by keyset.</summary>
public sealed class AuditModel(AuditReader audit, ProgrammeReader programmes) : PageModel
{
    public IReadOnlyList<(string Actor, string Who)> People { get; private set; } = [];

    public AuditPage Results { get; private set; } = new([], null);

    public Dictionary<string, string> Errors { get; } = [];

    private IReadOnlyList<Inspectorate> inspectorates = [];

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true)]
    public TypedDate From { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public TypedDate To { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public string InspectorateName(string code) => inspectorates.FirstOrDefault(i => i.Code == code)?.ShortName ?? code;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        inspectorates = (await programmes.ReadAsync(cancellationToken)).Inspectorates;
        People = await audit.ActorsAsync(cancellationToken);
        var from = Parse(From, "From", "from");
        var to = Parse(To, "To", "to");
        if (from is not null && to is not null && to < from)
        {
            Errors["To.Day"] = "The date to must be the same as or after the date from";
        }

        if (string.IsNullOrEmpty(Person) || !People.Any(p => p.Actor == Person))
        {
            Person = null;
        }

        if (string.IsNullOrEmpty(Action) || !AuditEntry.Actions.Any(a => a.Action == Action))
        {
            Action = null;
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // Dates are UK days: from the start of the first to the end of the last, whatever the clocks did.
        Results = await audit.ReadAsync(
            new AuditQuery(Person, Action, from is { } f ? StartOfUkDay(f) : null, to is { } t ? StartOfUkDay(t.AddDays(1)) : null, Before),
            cancellationToken);
        return Page();
    }

    /// <summary>This page's address with the filters as they are, and a cursor.</summary>
    public string Link(long? before) =>
        QueryString.Create(new Dictionary<string, string?>
        {
            ["person"] = Person,
            ["action"] = Action,
            ["From.Day"] = From.Day,
            ["From.Month"] = From.Month,
            ["From.Year"] = From.Year,
            ["To.Day"] = To.Day,
            ["To.Month"] = To.Month,
            ["To.Year"] = To.Year,
            ["before"] = before?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is var query ? "/admin/audit" + query : "/admin/audit";

    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    private static DateTimeOffset StartOfUkDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, London.GetUtcOffset(midnight));
    }

    private DateOnly? Parse(TypedDate typed, string field, string words)
    {
        if (typed.IsEmpty)
        {
            return null;
        }

        var date = typed.AsDate();
        if (date is null)
        {
            Errors[$"{field}.Day"] = $"The date {words} must be a real date";
        }

        return date;
    }
}
