using System.Text.Encodings.Web;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Submissions;

/// <summary>The emails a submission causes. Every one has a plain-text part; user text in the HTML part is encoded or sanitised.</summary>
public static class SubmissionEmails
{
    public const string AcknowledgementPurpose = "acknowledgement";
    public const string ConfirmationPurpose = "email-confirmation";

    /// <summary>The receipt: reference, status link and a copy of what they sent (as text, and as sanitised HTML).</summary>
    public static OutgoingEmail Acknowledgement(
        long submissionId, string reference, string email, string name, string copyText, string copyHtml, Uri statusLink,
        bool emailVerified = false)
    {
        var confirming = emailVerified
            ? "You were signed in with this email address, so it is already confirmed: you do not need to do anything else."
            : "We have sent you a separate email with a link to confirm your email address.";
        var text = $"""
            Dear {name},

            Thank you. We have received what you sent to the joint inspection programme consultation. Your reference is {reference}.

            Follow what happens to it, and read the chief inspectors' decision when it is made, at:
            {statusLink}

            {confirming}

            What you sent:

            {copyText}
            """;
        var html = $"""
            <p>Dear {Encode(name)},</p>
            <p>Thank you. We have received what you sent to the joint inspection programme consultation. Your reference is <strong>{Encode(reference)}</strong>.</p>
            <p><a href="{Encode(statusLink.ToString())}">Follow what happens to it</a>, and read the chief inspectors' decision when it is made.</p>
            <p>{Encode(confirming)}</p>
            <h2>What you sent</h2>
            {copyHtml}
            """;
        return new OutgoingEmail(AcknowledgementPurpose, email, $"We have received your submission {reference}", text, html, submissionId);
    }

    public static OutgoingEmail Confirmation(
        long submissionId, string reference, string email, string name, Uri confirmLink, DateTimeOffset expiresAt)
    {
        var expires = UkTime.DateAndTime(expiresAt);
        var text = $"""
            Dear {name},

            Please confirm this is your email address, so that the chief inspectors know submission {reference} came from you:
            {confirmLink}

            The link works once and expires at {expires}. If you did not send anything to the consultation, ignore this email.
            """;
        var html = $"""
            <p>Dear {Encode(name)},</p>
            <p>Please <a href="{Encode(confirmLink.ToString())}">confirm this is your email address</a>, so that the chief inspectors know submission <strong>{Encode(reference)}</strong> came from you.</p>
            <p>The link works once and expires at {Encode(expires)}. If you did not send anything to the consultation, ignore this email.</p>
            """;
        return new OutgoingEmail(ConfirmationPurpose, email, $"Confirm your email address for {reference}", text, html, submissionId);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
