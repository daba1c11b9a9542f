namespace JointInspection.Web.Features.Moderation;

/// <summary>What a respondent's own page says about publishing what they sent, in their words: as they agreed, and when.</summary>
public static class PublicationWords
{
    public static string For(string kind, string consent, ModerationRecord moderation, bool concluded)
    {
        ArgumentNullException.ThrowIfNull(moderation);
        var how = consent == "named" ? "with your name" : "without your name";
        return consent == "none" ? $"You asked us not to publish your {kind}, so we will not."
            : moderation.State == ModerationState.Withheld ? $"We have not published your {kind} ({ModerationState.ReasonLabel(moderation.WithheldReason).ToLowerInvariant()})."
            : moderation.State == ModerationState.Published && concluded
                ? $"We published your {kind} {how} with the outcome of the consultation."
                  + (moderation.Redactions.Any(r => r.InForce) ? " Some words were replaced by “[redacted]”, to protect someone’s personal details." : "")
            : $"We will publish your {kind} {how} with the outcome of the consultation, once a member of staff has read it. We never publish your email address.";
    }
}
