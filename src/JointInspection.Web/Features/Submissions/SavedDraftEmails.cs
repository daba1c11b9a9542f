using System.Text.Encodings.Web;
using JointInspection.Web.Features.Submissions.Journeys;
using JointInspection.Web.Infrastructure;
using JointInspection.Web.Infrastructure.Email;

namespace JointInspection.Web.Features.Submissions;

/// <summary>The emails that bring a person back to answers they saved: the link they asked for, and the reminder.</summary>
public static class SavedDraftEmails
{
    public static OutgoingEmail Link(string email, Journey journey, Uri link, DateTimeOffset expiresAt, DateTimeOffset? closesAt)
    {
        var what = SubmissionKind.Noun(journey.Kind);
        var intro = $"You saved your {what} to the joint inspection programme consultation, to finish later.";
        return Build(SavedDrafts.LinkPurpose, email, $"Your saved {what}", intro, link, expiresAt, closesAt);
    }

    public static OutgoingEmail Reminder(string email, Journey journey, Uri link, DateTimeOffset expiresAt, DateTimeOffset closesAt)
    {
        var what = SubmissionKind.Noun(journey.Kind);
        var intro = $"You saved a {what} to the joint inspection programme consultation but have not sent it yet. " +
            $"The consultation closes at {UkTime.DateAndTime(closesAt)}: after that it cannot be sent.";
        return Build(SavedDrafts.ReminderPurpose, email, $"The consultation closes soon: send your saved {what}", intro, link, expiresAt, closesAt);
    }

    private static OutgoingEmail Build(
        string purpose, string email, string subject, string intro, Uri link, DateTimeOffset expiresAt, DateTimeOffset? closesAt)
    {
        var expires = UkTime.DateAndTime(expiresAt);
        var closing = closesAt is { } closes ? $" The consultation closes at {UkTime.DateAndTime(closes)}." : "";
        var text = $"""
            {intro}

            Continue where you left off, on this or any other device:
            {link}

            The link works once and expires at {expires}.{closing} To come back again after using it, choose "Save and come back later" again.

            Nothing has been sent to the chief inspectors yet. If you did not ask for this, ignore this email: your answers will be deleted when the consultation closes.
            """;
        var html = $"""
            <p>{Encode(intro)}</p>
            <p><a href="{Encode(link.ToString())}">Continue where you left off</a>, on this or any other device.</p>
            <p>The link works once and expires at {Encode(expires)}.{Encode(closing)} To come back again after using it, choose “Save and come back later” again.</p>
            <p>Nothing has been sent to the chief inspectors yet. If you did not ask for this, ignore this email: your answers will be deleted when the consultation closes.</p>
            """;
        return new OutgoingEmail(purpose, email, subject, text, html, null);
    }

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
