using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace JointInspection.EndToEnd;

/// <summary>
/// Waiting for a page to arrive at an address, in place of Playwright's <c>WaitForURLAsync</c>. The .NET client's
/// version looks at the address or load state it has and only then listens for the event it waits on; an event
/// delivered between the two, on the thread that reads the browser's messages, is lost, and the wait runs out its whole
/// timeout (microsoft/playwright-dotnet#3364). It failed a browser test in CI that way: the page had loaded, yet the
/// wait saw only "networkidle" fire. Both waits here are answered by the browser's side, which polls until true, so
/// there is no event to miss.
/// </summary>
public static class Arrival
{
    /// <summary>
    /// Waits until <paramref name="page"/>'s address matches <paramref name="glob"/> (as Playwright reads one:
    /// <c>**</c> any characters, <c>*</c> any but '/', every other character itself) and that document has loaded.
    /// </summary>
    public static async Task ArriveAtAsync(this IPage page, string glob)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(Pattern(glob));
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
    }

    internal static Regex Pattern(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            if (glob[i] != '*')
            {
                pattern.Append(Regex.Escape(glob[i].ToString()));
            }
            else if (i + 1 < glob.Length && glob[i + 1] == '*')
            {
                pattern.Append(".*");
                i++;
            }
            else
            {
                pattern.Append("[^/]*");
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
