using System.Globalization;
using System.Net.Mail;

namespace JointInspection.Web.Infrastructure;

/// <summary>
/// Where the public can write to, and when the accessibility statement was prepared: Portal:ContactEmail,
/// Portal:DataProtectionEmail and Portal:AccessibilityStatementPrepared. The addresses are the operator's to publish;
/// until one is set, the pages say so and give the postal address instead.
/// </summary>
public sealed class PortalContact
{
    public const string ContactEmailKey = "Portal:ContactEmail";

    public const string DataProtectionEmailKey = "Portal:DataProtectionEmail";

    public const string StatementPreparedKey = "Portal:AccessibilityStatementPrepared";

    /// <summary>The day the statement was written. Whoever reviews it sets the key to the day they did.</summary>
    public static readonly DateOnly DefaultStatementPrepared = new(2026, 12, 6);

    /// <summary>The secretariat's address for questions, requests for other formats and accessibility problems.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>The data protection officer's address, on the privacy notice.</summary>
    public string? DataProtectionEmail { get; init; }

    public DateOnly AccessibilityStatementPrepared { get; init; } = DefaultStatementPrepared;

    /// <summary>"6 December 2026".</summary>
    public string StatementPreparedText => AccessibilityStatementPrepared.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
}

public static class PortalContactRegistration
{
    /// <summary>Reads the three keys once; an address or date that cannot be what was meant stops start-up with one line.</summary>
    public static WebApplicationBuilder AddPortalContact(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var prepared = PortalContact.DefaultStatementPrepared;
        var preparedText = configuration[PortalContact.StatementPreparedKey];
        if (!string.IsNullOrWhiteSpace(preparedText)
            && !DateOnly.TryParseExact(preparedText.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out prepared))
        {
            builder.Refuse($"{PortalContact.StatementPreparedKey} is '{preparedText}', which is not a date. Set it as yyyy-MM-dd, the day the statement was prepared.");
        }

        builder.Services.AddSingleton(new PortalContact
        {
            ContactEmail = Email(builder, PortalContact.ContactEmailKey),
            DataProtectionEmail = Email(builder, PortalContact.DataProtectionEmailKey),
            AccessibilityStatementPrepared = prepared,
        });
        return builder;
    }

    private static string? Email(WebApplicationBuilder builder, string key)
    {
        var value = builder.Configuration[key]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // Shown as a mailto: link, so it must be one plain address, not "Name <address>" or a list.
        if (!MailAddress.TryCreate(value, out var address) || address.Address != value)
        {
            builder.Refuse($"{key} is '{value}', which is not one email address. Set it like accessibility@example.gov.uk, or leave it out.");
            return null;
        }

        return value;
    }
}
