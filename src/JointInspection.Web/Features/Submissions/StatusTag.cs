using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace JointInspection.Web.Features.Submissions;

/// <summary>
/// A submission's status as a GOV.UK tag, coloured by what it means, so staff and respondents can tell statuses apart
/// at a glance: new work is blue (GOV.UK Frontend's own tag colour), waiting for a decision yellow, outcomes that
/// change the programme green, merged purple, deferred orange, declined red and noted grey.
/// </summary>
public static class StatusTag
{
    /// <summary>The tag's classes for <paramref name="status"/>; a status this class does not know is grey.</summary>
    public static string Classes(string status) => status switch
    {
        SubmissionStatus.Received => "govuk-tag",
        SubmissionStatus.Assessed => "govuk-tag govuk-tag--yellow",
        "accepted" or "programme-changed" => "govuk-tag govuk-tag--green",
        "merged" => "govuk-tag govuk-tag--purple",
        "deferred" => "govuk-tag govuk-tag--orange",
        "declined" => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    /// <summary>The tag itself: <c>&lt;strong class="govuk-tag …"&gt;Label&lt;/strong&gt;</c>.</summary>
    public static IHtmlContent For(string status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var encoder = HtmlEncoder.Default;
        return new HtmlString($"<strong class=\"{encoder.Encode(Classes(status))}\" data-status=\"{encoder.Encode(status)}\">{encoder.Encode(SubmissionStatus.Label(status))}</strong>");
    }
}
