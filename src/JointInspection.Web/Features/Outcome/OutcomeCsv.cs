using System.Globalization;
using CsvHelper;

namespace JointInspection.Web.Features.Outcome;

/// <summary>
/// The outcome's open data as CSV, written by CsvHelper straight to the response. A cell that starts with = + - @, a tab
/// or a carriage return is prefixed with an apostrophe (CsvHelper's injection escaping), so that a spreadsheet never runs
/// what a respondent typed as a formula. UTF-8 with a byte order mark, so that Excel reads accents and curly quotes.
/// </summary>
public static class OutcomeCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    // CsvHelper's own defaults for the characters (= @ + -, tab and CR, as OWASP recommends) and the apostrophe.
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static async Task WriteAsync<T>(Stream body, IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(body, Options, leaveOpen: true);
        await csv.WriteRecordsAsync(rows, cancellationToken);
    }

    public static IAsyncEnumerable<T> Of<T>(IEnumerable<T> rows) => rows.ToAsyncEnumerable();
}

/// <summary>A decision as a row of the decision log's CSV: the JSON's fields, the agreeing inspectorates joined by "; ".</summary>
[CsvRecord]
public sealed partial record DecisionCsvRow(
    string Reference, string Kind, string? RespondsTo, string? AreaOfFocus, string? RespondsToWorkstream, string Publication, string? Title,
    string? Respondent, string Outcome, string Decision, string Rationale, string? Workstream, string? WorkstreamTitle, string? DeferredTo,
    int? Likelihood, int? Impact, int? RiskScore, string? RiskBand, string AgreedBy, string? DecidedBy, string DecidedAt, string ReleasedAt)
{
    public static DecisionCsvRow From(DecisionLogEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            e.Reference, e.Kind, e.RespondsTo, e.AreaOfFocus, e.RespondsToWorkstream, e.Publication, e.Title, e.Respondent, e.Outcome, e.Decision,
            e.Rationale, e.Workstream, e.WorkstreamTitle, e.DeferredTo, e.Likelihood, e.Impact, e.RiskScore, e.RiskBand, string.Join("; ", e.AgreedBy),
            e.DecidedBy, Instant(e.DecidedAt), Instant(e.ReleasedAt));
    }

    internal static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A published response or suggestion as a row of the responses' CSV.</summary>
[CsvRecord]
public sealed partial record ResponseCsvRow(
    string Reference, string Kind, string Respondent, string RespondentType, string? OrganisationType, string? RespondsTo, string? AreaOfFocus,
    string? Workstream, string? Stance, string? Title, string Text, string? Reason, string? EvidenceLinks, string ReceivedAt, bool HasRedactions)
{
    public static ResponseCsvRow From(PublishedResponseDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(
            d.Reference, d.Kind, d.Respondent, d.RespondentType, d.OrganisationType, d.RespondsTo, d.AreaOfFocus, d.Workstream, d.Stance, d.Title,
            d.Text, d.Reason, d.EvidenceLinks, DecisionCsvRow.Instant(d.ReceivedAt), d.HasRedactions);
    }
}
