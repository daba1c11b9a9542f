using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace JointInspection.Web.Features.Themes;

/// <summary>
/// Names a theme from its responses' words: each response's words (lower case, without punctuation, numbers or
/// ML.NET's English stop words), then the words that many of the theme's responses use and few others do.
/// </summary>
public static class ThemeWords
{
    private const int WordsInName = 3;

    /// <summary>The distinct words of each response, by submission id.</summary>
    public static IReadOnlyDictionary<long, HashSet<string>> Of(IReadOnlyList<ThemePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ml = new MLContext();
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Row { Text = p.Text }));
        var words = ml.Transforms.Text.NormalizeText(nameof(Row.Text), keepDiacritics: false, keepPunctuations: false, keepNumbers: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Words", nameof(Row.Text)))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Words", language: StopWordsRemovingEstimator.Language.English))
            .Fit(data)
            .Transform(data)
            .GetColumn<VBuffer<ReadOnlyMemory<char>>>("Words")
            // Each row's words are copied out as it is read: the cursor reuses one buffer for every row.
            .Select(row => row.DenseValues().Select(w => w.ToString()).Where(w => w.Length > 2).ToHashSet(StringComparer.Ordinal))
            .ToList();
        return points.Select((p, i) => (p.SubmissionId, Words: words[i])).ToDictionary(p => p.SubmissionId, p => p.Words);
    }

    /// <summary>
    /// "Housing, release, accommodation": the words most used by <paramref name="members"/> beyond their use by the
    /// others, each used by at least two members; "Unnamed theme" when no word stands out.
    /// </summary>
    public static string Name(IReadOnlySet<long> members, IReadOnlyDictionary<long, HashSet<string>> words)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(words);
        var inside = Counts(words.Where(w => members.Contains(w.Key)).Select(w => w.Value));
        var outside = Counts(words.Where(w => !members.Contains(w.Key)).Select(w => w.Value));
        var others = Math.Max(1, words.Count - members.Count);
        var chosen = inside
            .Where(w => w.Value >= 2)
            .Select(w => (Word: w.Key, Lead: ((double)w.Value / members.Count) - ((double)outside.GetValueOrDefault(w.Key) / others)))
            .Where(w => w.Lead > 0)
            .OrderByDescending(w => w.Lead).ThenBy(w => w.Word, StringComparer.Ordinal)
            .Take(WordsInName)
            .Select(w => w.Word)
            .ToList();
        if (chosen.Count == 0)
        {
            return "Unnamed theme";
        }

        var name = string.Join(", ", chosen);
        return string.Concat(char.ToUpperInvariant(name[0]).ToString(), name[1..]);
    }

    private static Dictionary<string, int> Counts(IEnumerable<HashSet<string>> responses)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in responses.SelectMany(r => r))
        {
            counts[word] = counts.GetValueOrDefault(word) + 1;
        }

        return counts;
    }

    private sealed class Row
    {
        public string Text { get; set; } = "";
    }
}
