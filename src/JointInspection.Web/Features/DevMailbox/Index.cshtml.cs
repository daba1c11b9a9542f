using System.Text.RegularExpressions;
using JointInspection.DevServices;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Mailbox = JointInspection.DevServices.DevMailbox;

namespace JointInspection.Web.Features.DevMailbox;

/// <summary>What the development mailbox has received, newest first. Registered only when the mailbox is enabled.</summary>
public sealed partial class IndexModel(Mailbox? mailbox = null) : PageModel
{
    public IReadOnlyList<ReceivedMessage> Messages { get; private set; } = [];

    public string Address { get; private set; } = "";

    public IActionResult OnGet()
    {
        if (mailbox is null)
        {
            return NotFound();
        }

        Address = mailbox.IsRunning ? $"{Mailbox.Host}:{mailbox.Port}" : "(not listening)";
        Messages = [.. mailbox.Messages.Reverse()];
        return Page();
    }

    /// <summary>
    /// The text with its web addresses (confirmation links, status links) as links. Every piece is
    /// HTML-encoded; only http and https addresses are linked, so no other scheme reaches an href.
    /// </summary>
    public static IHtmlContent TextWithLinks(string text)
    {
        var content = new HtmlContentBuilder();
        var at = 0;
        foreach (Match address in WebAddress().Matches(text))
        {
            content.Append(text[at..address.Index]);
            var link = new TagBuilder("a");
            link.AddCssClass("govuk-link");
            link.Attributes["href"] = address.Value;
            link.InnerHtml.Append(address.Value);
            content.AppendHtml(link);
            at = address.Index + address.Length;
        }

        content.Append(text[at..]);
        return content;
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();
}
