using System.Numerics.Tensors;

namespace JointInspection.Web.Features.Themes;

/// <summary>One response as theme-finding reads it: its vector (unit length) and its words.</summary>
public sealed record ThemePoint(long SubmissionId, float[] Vector, string Text);

/// <summary>A theme the portal offers: a name made of its most distinctive words, and its responses, most typical first.</summary>
public sealed record FoundTheme(string Name, IReadOnlyList<(long SubmissionId, double Closeness)> Members);

/// <summary>
/// Finds candidate themes among responses by average-linkage clustering of their vectors: every response starts alone,
/// and the two groups most alike on average (cosine) join, again and again. Unless told how many themes, it stops
/// before the join with the biggest fall in likeness from the one before: where groups that were much alike inside
/// would next have to join groups much less like them. Groups of fewer than <see cref="MinMembers"/> are not themes;
/// every response then joins the theme whose centre it is closest to.
/// </summary>
/// <remarks>
/// ML.NET's k-means was tried first and dropped: on the tests' three themes of six responses, even the best of five
/// seeded starts split them worse (inertia 8.48) than the themes themselves do (7.86). Joining the closest groups has
/// no start to get wrong and gives the same themes every time. The mean silhouette was tried for choosing how many,
/// and preferred two themes to three on the same responses. Joining compares every pair, so it reads at most
/// <see cref="Sample"/> responses, evenly spaced.
/// </remarks>
public static class ThemeFinder
{
    /// <summary>Fewer responses than this have no themes worth finding.</summary>
    public const int MinResponses = 10;

    public const int MaxThemes = 12;

    /// <summary>A group smaller than this is not offered: two responses that agree are not yet a theme.</summary>
    public const int MinMembers = 3;

    private const int Sample = 600;

    /// <summary>Cuts with more groups than this are not kept: most would be responses still alone.</summary>
    private const int Recorded = MaxThemes * 3;

    public static IReadOnlyList<FoundTheme> Find(IReadOnlyList<ThemePoint> points, int? themes = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < MinResponses)
        {
            return [];
        }

        var sample = points.Count <= Sample ? [.. points] : Enumerable.Range(0, Sample).Select(i => points[(int)((long)i * points.Count / Sample)]).ToList();
        var cuts = Cuts(Similarities(sample));
        var groups = themes is { } asked
            ? cuts.Where(c => Themes(c.Groups) == asked).Select(c => c.Groups).LastOrDefault() ?? WithGroups(cuts, asked)
            : cuts.Where(c => Themes(c.Groups) is >= 2 and <= MaxThemes).OrderByDescending(c => c.Fall).Select(c => c.Groups).FirstOrDefault()
              ?? WithGroups(cuts, 2);

        var centres = groups.Where(g => g.Count >= MinMembers).Select(g => Centre(g.Select(i => sample[i].Vector))).ToList();
        var members = points
            .Where(_ => centres.Count > 0)
            .Select(p => (Point: p, Scores: centres.Select(c => (double)TensorPrimitives.Dot(p.Vector, c)).ToList()))
            .Select(p => (p.Point, Theme: p.Scores.IndexOf(p.Scores.Max()), Closeness: p.Scores.Max()))
            .GroupBy(p => p.Theme)
            .Select(g => g.OrderByDescending(m => m.Closeness).ThenBy(m => m.Point.SubmissionId).ToList())
            .Where(g => g.Count >= MinMembers)
            .OrderByDescending(g => g.Count).ThenBy(g => g[0].Point.SubmissionId)
            .ToList();
        var words = ThemeWords.Of(points);
        return [.. members.Select(g => new FoundTheme(
            ThemeWords.Name(g.Select(m => m.Point.SubmissionId).ToHashSet(), words),
            [.. g.Select(m => (m.Point.SubmissionId, m.Closeness))]))];
    }

    private static float[][] Similarities(List<ThemePoint> sample)
    {
        var similarity = new float[sample.Count][];
        for (var i = 0; i < sample.Count; i++)
        {
            similarity[i] = new float[sample.Count];
            for (var j = 0; j < sample.Count; j++)
            {
                // Unit vectors: their dot product is their cosine similarity.
                similarity[i][j] = TensorPrimitives.Dot(sample[i].Vector, sample[j].Vector);
            }
        }

        return similarity;
    }

    private static int Themes(List<List<int>> groups) => groups.Count(g => g.Count >= MinMembers);

    /// <summary>The cut with that many groups, or the nearest there is: the last cut has two, each before it one more.</summary>
    private static List<List<int>> WithGroups(List<(List<List<int>> Groups, double Fall)> cuts, int count) =>
        cuts[^(Math.Clamp(count, 2, cuts.Count + 1) - 1)].Groups;

    /// <summary>
    /// Joins the two groups most alike on average until one is left. Returns the groups (as indexes into the sample)
    /// as they stood before each join, most groups first, each with how much less alike that join is than the one
    /// before it.
    /// </summary>
    private static List<(List<List<int>> Groups, double Fall)> Cuts(float[][] similarity)
    {
        var n = similarity.Length;
        var between = similarity.Select(row => row.Select(s => (double)s).ToArray()).ToArray();
        var groups = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToArray();
        var alive = Enumerable.Range(0, n).ToList();
        var cuts = new List<(List<List<int>>, double)>();
        var previous = double.NaN;
        while (alive.Count > 1)
        {
            var (a, b) = (-1, -1);
            var best = double.MinValue;
            for (var x = 0; x < alive.Count; x++)
            {
                var row = between[alive[x]];
                for (var y = x + 1; y < alive.Count; y++)
                {
                    if (row[alive[y]] > best)
                    {
                        (a, b, best) = (alive[x], alive[y], row[alive[y]]);
                    }
                }
            }

            if (alive.Count <= Recorded)
            {
                cuts.Add(([.. alive.Select(g => groups[g].ToList())], previous - best));
            }

            // The joined group's average likeness to each other group is the two averages weighted by their sizes.
            foreach (var c in alive.Where(c => c != a && c != b))
            {
                between[a][c] = between[c][a] = ((groups[a].Count * between[a][c]) + (groups[b].Count * between[b][c])) / (groups[a].Count + groups[b].Count);
            }

            groups[a].AddRange(groups[b]);
            alive.Remove(b);
            previous = best;
        }

        return cuts;
    }

    private static float[] Centre(IEnumerable<float[]> vectors)
    {
        float[]? centre = null;
        foreach (var vector in vectors)
        {
            centre ??= new float[vector.Length];
            TensorPrimitives.Add(centre, vector, centre);
        }

        TensorPrimitives.Divide(centre!, TensorPrimitives.Norm(centre!), centre!);
        return centre!;
    }
}
