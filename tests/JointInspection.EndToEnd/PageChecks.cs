using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace JointInspection.EndToEnd;

/// <summary>The checks every public page must pass, reported as readable failures rather than thrown one at a time.</summary>
public static partial class PageChecks
{
    /// <summary>The axe impacts that fail a page; "minor" and "moderate" are left to review.</summary>
    public static readonly IReadOnlySet<string> BlockingImpacts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "serious",
        "critical",
    };

    /// <summary>
    /// Opens <paramref name="path"/> and returns what is wrong with it: an unexpected status, no title,
    /// other than one h1, no stylesheet, or any serious or critical axe violation.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckAsync(IPage page, string path, int expectedStatus = 200)
    {
        var failures = new List<string>();
        var response = await page.GotoAsync(path);
        if (response is null)
        {
            return [$"{path}: no response"];
        }

        if (response.Status != expectedStatus)
        {
            failures.Add($"{path}: status {response.Status}, expected {expectedStatus}");
        }

        failures.AddRange(await CheckShownAsync(page, path));
        return failures;
    }

    /// <summary>
    /// The same checks as <see cref="CheckAsync"/> on the page as it is now, for a page reached by a link or a form
    /// rather than by its address: no title, other than one h1, no stylesheet, or any serious or critical axe violation.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CheckShownAsync(IPage page, string label)
    {
        ArgumentNullException.ThrowIfNull(page);
        var failures = new List<string>();
        var title = (await page.TitleAsync()).Trim();
        if (title.Length == 0)
        {
            failures.Add($"{label}: <title> is empty");
        }

        var headings = await page.Locator("h1").CountAsync();
        if (headings != 1)
        {
            failures.Add($"{label}: {headings} h1 elements, expected exactly 1");
        }

        // Colour-contrast results mean nothing on an unstyled page.
        var cssRules = await page.EvaluateAsync<int>(
            "() => [...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)");
        if (cssRules == 0)
        {
            failures.Add($"{label}: no stylesheet rules loaded (is wwwroot/css/portal.css built and served?)");
        }

        failures.AddRange(await AxeFailuresAsync(page, label));
        return failures;
    }

    /// <summary>Runs axe on the page as it is now and describes each serious or critical violation.</summary>
    public static async Task<IReadOnlyList<string>> AxeFailuresAsync(IPage page, string label)
    {
        var result = await page.RunAxe();
        return Describe(label, result.Violations ?? []);
    }

    /// <summary>
    /// Axe on a page with GOV.UK conditional reveals. GOV.UK Frontend puts aria-expanded on the radios and checkboxes
    /// that reveal a follow-up question, on purpose (alphagov/govuk-frontend#979), and axe reports it as
    /// aria-allowed-attr. Only that rule is waived, only on those inputs, and only when aria-expanded is all it objects
    /// to; anything else still fails (SubmissionJourneyTests proves the waiver is that narrow).
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeFailuresWaivingRevealingControlsAsync(IPage page, string label)
    {
        var result = await page.RunAxe();
        return Describe(label, (result.Violations ?? []).Select(WaiveRevealingControls).Where(v => v.Nodes?.Length > 0));
    }

    private static AxeResultItem WaiveRevealingControls(AxeResultItem violation)
    {
        if (violation.Id != "aria-allowed-attr")
        {
            return violation;
        }

        violation.Nodes = (violation.Nodes ?? []).Where(node => !IsRevealingControlWithOnlyAriaExpanded(node)).ToArray();
        return violation;
    }

    private static bool IsRevealingControlWithOnlyAriaExpanded(AxeResultNode node)
    {
        var messages = new[] { node.Any, node.All, node.None }
            .SelectMany(checks => checks ?? [])
            .Select(check => check.Message)
            .OfType<string>()
            .ToList();
        return node.Html is { } html
            && RevealingControl().IsMatch(html)
            && messages.Count > 0
            && messages.All(message => OnlyAriaExpanded().IsMatch(message));
    }

    /// <summary>A GOV.UK radio or checkbox that controls a conditional reveal, as GOV.UK Frontend's script leaves it.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""^<input class="govuk-(radios|checkboxes)__input" [^>]*\baria-controls="conditional-[^"]+"[^>]*>$""")]
    private static partial System.Text.RegularExpressions.Regex RevealingControl();

    [System.Text.RegularExpressions.GeneratedRegex("""^ARIA attribute is not allowed: aria-expanded="(true|false)"$""")]
    private static partial System.Text.RegularExpressions.Regex OnlyAriaExpanded();

    public static IReadOnlyList<string> Describe(string label, IEnumerable<AxeResultItem> violations) =>
        violations
            .Where(violation => violation.Impact is { } impact && BlockingImpacts.Contains(impact))
            .Select(violation =>
            {
                var text = new StringBuilder()
                    .Append(label).Append(": axe ").Append(violation.Id)
                    .Append(" (").Append(violation.Impact).Append(") ").Append(violation.Help)
                    .Append(" <").Append(violation.HelpUrl).Append('>');
                foreach (var node in violation.Nodes ?? [])
                {
                    text.AppendLine().Append("    target ").Append(node.Target?.ToString() ?? "(none)")
                        .Append("  ").Append(node.Html);
                }

                return text.ToString();
            })
            .ToList();

    /// <summary>One assertion for a batch of failures, listing them all.</summary>
    public static void AssertNone(IReadOnlyCollection<string> failures)
    {
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }
}
