using System.Text.Encodings.Web;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.DataRights;

/// <summary>The emails a request about personal data causes. Whatever the respondent wrote is encoded in the HTML part.</summary>
public static class DataRightsEmails
{
    public const string AcknowledgementPurpose = "data-request-acknowledgement";
    public const string ReplyPurpose = "data-request-reply";
    public const string ErasedPurpose = "data-request-erased";
    public const string EverythingPurpose = "data-everything-held";

    public static OutgoingEmail Acknowledgement(long submissionId, string reference, string email, string kind, string details, DateTimeOffset dueAt)
    {
        var asked = kind == DataRequests.Erasure
            ? $"You asked us to delete your personal data held with submission {reference}."
            : $"You asked us to correct your personal data held with submission {reference}. You wrote:";
        var quoted = kind == DataRequests.Erasure && details.Length == 0 ? "" : $"\n\n{details}";
        var due = UkTime.Date(dueAt);
        var text = $"""
            {asked}{quoted}

            The joint inspection secretariat will deal with your request and reply to this address by {due}.
            """;
        var html = $"""
            <p>{Encode(asked)}</p>
            {(quoted.Length == 0 ? "" : $"<blockquote style=\"white-space: pre-wrap\">{Encode(details)}</blockquote>")}
            <p>The joint inspection secretariat will deal with your request and reply to this address by {Encode(due)}.</p>
            """;
        return new OutgoingEmail(AcknowledgementPurpose, email, $"We have received your request about {reference}", text, html, submissionId);
    }

    public static OutgoingEmail CorrectionReply(long submissionId, string reference, string email, string reply)
    {
        var text = $"""
            About your request to correct your personal data held with submission {reference}:

            {reply}
            """;
        var html = $"""
            <p>About your request to correct your personal data held with submission {Encode(reference)}:</p>
            <p style="white-space: pre-wrap">{Encode(reply)}</p>
            """;
        return new OutgoingEmail(ReplyPurpose, email, $"Your request about {reference}", text, html, submissionId);
    }

    /// <summary>Sent with no submission attached: the submission's own emails are removed with its personal data.</summary>
    public static OutgoingEmail Erased(string reference, string email, string? keptTextReason)
    {
        var kept = keptTextReason is null
            ? "We have deleted your name, email address, organisation details and what you wrote."
            : $"We have deleted your name, email address and organisation details. We have kept what you wrote, without your name, because: {keptTextReason}";
        var text = $"""
            We have carried out your request to delete your personal data held with submission {reference}.

            {kept}

            This is the last email we will send you about it.
            """;
        var html = $"""
            <p>We have carried out your request to delete your personal data held with submission {Encode(reference)}.</p>
            <p>{Encode(kept)}</p>
            <p>This is the last email we will send you about it.</p>
            """;
        return new OutgoingEmail(ErasedPurpose, email, $"We have deleted your data held with {reference}", text, html, null);
    }

    /// <summary>Every submission sent with the address, with the link to each one's status page (those older than status links by reference only).</summary>
    public static OutgoingEmail EverythingHeld(string email, IReadOnlyList<(string Reference, DateTimeOffset ReceivedAt, Uri? StatusLink)> submissions)
    {
        var lines = submissions.Select(s => $"- {s.Reference}, sent {UkTime.Date(s.ReceivedAt)}{(s.StatusLink is null ? "" : $": {s.StatusLink}")}");
        var items = submissions.Select(s => s.StatusLink is null
            ? $"<li>{Encode(s.Reference)}, sent {Encode(UkTime.Date(s.ReceivedAt))}</li>"
            : $"<li><a href=\"{Encode(s.StatusLink.ToString())}\">{Encode(s.Reference)}</a>, sent {Encode(UkTime.Date(s.ReceivedAt))}</li>");
        var text = $"""
            You asked what the joint inspection programme consultation holds about you. These are the submissions sent with this email address:

            {string.Join("\n", lines)}

            Each link opens the submission's page, where you can see and download everything we hold with it, and ask us to correct or delete it. Keep these links to yourself.
            """;
        var html = $"""
            <p>You asked what the joint inspection programme consultation holds about you. These are the submissions sent with this email address:</p>
            <ul>{string.Concat(items)}</ul>
            <p>Each link opens the submission's page, where you can see and download everything we hold with it, and ask us to correct or delete it. Keep these links to yourself.</p>
            """;
        return new OutgoingEmail(EverythingPurpose, email, "The data we hold about you", text, html, null);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
