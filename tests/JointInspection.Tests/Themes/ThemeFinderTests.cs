using JointInspection.Tests.Similarity;
using JointInspection.Web.Features.Themes;
using Xunit.Abstractions;

namespace JointInspection.Tests.Themes;

/// <summary>
/// Clustering with the real model on a small fixed set: three themes of six responses each are found as three, each
/// whole, named from its own words, with its most typical responses first; the same responses always give the same
/// themes; too few responses give none.
/// </summary>
public sealed class ThemeFinderTests(LoadedModel loaded, ITestOutputHelper output) : IClassFixture<LoadedModel>
{
    [Fact]
    public void Three_themes_of_six_responses_are_found_whole_and_named_from_their_own_words()
    {
        var points = Points();

        var themes = ThemeFinder.Find(points);

        foreach (var theme in themes)
        {
            output.WriteLine($"{theme.Name}: {string.Join(", ", theme.Members.Select(m => $"{m.SubmissionId} ({m.Closeness:F2})"))}");
        }

        Assert.Equal(
            [[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], [13, 14, 15, 16, 17, 18]],
            themes.Select(t => t.Members.Select(m => m.SubmissionId).Order().ToArray()).OrderBy(t => t[0]));
        var names = themes.OrderBy(t => t.Members.Min(m => m.SubmissionId)).Select(t => t.Name.ToLowerInvariant()).ToList();
        Assert.Matches("housing|release|accommodation|prison", names[0]);
        Assert.Matches("mental|custody|health", names[1]);
        Assert.Matches("knife|knives|young|school", names[2]);
        Assert.All(themes, t => Assert.Equal(t.Members.OrderByDescending(m => m.Closeness).Select(m => m.SubmissionId), t.Members.Select(m => m.SubmissionId)));
    }

    [Fact]
    public void The_same_responses_give_the_same_themes_and_a_number_asked_for_is_kept_to()
    {
        var points = Points();

        var first = ThemeFinder.Find(points);
        var again = ThemeFinder.Find(points);
        var two = ThemeFinder.Find(points, themes: 2);

        Assert.Equal(Describe(first), Describe(again));
        Assert.Equal(2, two.Count);
        Assert.Equal(18, two.Sum(t => t.Members.Count));
    }

    [Fact]
    public void Fewer_responses_than_the_minimum_give_no_themes()
    {
        Assert.Empty(ThemeFinder.Find(Points().Take(ThemeFinder.MinResponses - 1).ToList()));
    }

    [Fact]
    public void A_theme_is_named_from_the_words_most_of_its_responses_use_and_the_others_do_not()
    {
        var points = new[]
        {
            new ThemePoint(1, [1f], "Prison leavers need housing on release."),
            new ThemePoint(2, [1f], "Housing for people on release from prison is scarce."),
            new ThemePoint(3, [1f], "The release housing plan starts too late in prison."),
            new ThemePoint(4, [1f], "Prison mental health care is poor."),
            new ThemePoint(5, [1f], "Mental health in prison needs inspecting."),
        };

        var words = ThemeWords.Of(points);

        Assert.Equal("Housing, release", ThemeWords.Name(new HashSet<long> { 1, 2, 3 }, words));
        Assert.Equal("Health, mental", ThemeWords.Name(new HashSet<long> { 4, 5 }, words));
        Assert.Equal("Unnamed theme", ThemeWords.Name(new HashSet<long> { 1 }, words));
    }

    private List<ThemePoint> Points() =>
        [.. ThemeSample.All.Select((text, i) => new ThemePoint(i + 1, loaded.Embeddings.Embed(text)!, text))];

    private static string Describe(IReadOnlyList<FoundTheme> themes) =>
        string.Join(" | ", themes.Select(t => $"{t.Name}: {string.Join(",", t.Members.Select(m => m.SubmissionId))}"));
}
