namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// The "Similarity" configuration section. The thresholds were chosen on the labelled sample the tests keep
/// (tests/JointInspection.Tests/Similarity/labelled-sample.json); the README says how.
/// </summary>
public sealed class SimilarityOptions
{
    public const string Section = "Similarity";

    /// <summary>Whether the portal looks for copies at all; when off, nothing is analysed or grouped.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The share of three-word shingles two texts must have in common to be one template's copies.</summary>
    public double TemplateThreshold { get; set; } = 0.25;

    /// <summary>Whether the third tier reads texts for meaning with the language model (about 350 MB of memory once loaded).</summary>
    public bool Embeddings { get; set; } = true;

    /// <summary>The model: only the one the portal carries, all-MiniLM-L6-v2, can be named.</summary>
    public string Model { get; set; } = SentenceEmbeddings.Model;

    /// <summary>Threads the model may use: one leaves the other cores to the requests while a backlog is read.</summary>
    public int ModelThreads { get; set; } = 1;

    /// <summary>The cosine similarity two texts' vectors must reach to be proposed as the same idea.</summary>
    public double ParaphraseThreshold { get; set; } = 0.62;

    /// <summary>How close existing work must be to be shown as perhaps covering a text: help, so it may reach further than grouping.</summary>
    public double SimilarTopicThreshold { get; set; } = 0.5;

    /// <summary>Texts with fewer words than this are never grouped: "n/a" sent twice is not a campaign.</summary>
    public int MinWords { get; set; } = 5;

    /// <summary>How many submissions one pass analyses in one transaction, so each holds the write turn only briefly.</summary>
    public int BatchSize { get; set; } = 25;

    /// <summary>How long the runner waits between looks for submissions not yet analysed, when nothing wakes it.</summary>
    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(5);
}
