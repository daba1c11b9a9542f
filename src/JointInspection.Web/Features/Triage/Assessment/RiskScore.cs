namespace JointInspection.Web.Features.Triage.Assessment;

/// <summary>A level of likelihood or impact with the wording published as the assessment criteria.</summary>
public sealed record RiskLevel(int Value, string Name, string Descriptor);

/// <summary>
/// Public risk: likelihood × impact, each 1–5, so 1–25. The bands are the ones published with the criteria:
/// 1–4 low, 5–9 medium, 10–16 high, 20–25 very high (no product of two 1–5 numbers falls in 17–19).
/// </summary>
public sealed record RiskScore
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public static readonly IReadOnlyList<RiskLevel> Likelihoods =
    [
        new(1, "Rare", "Not expected to happen in the programme period."),
        new(2, "Unlikely", "Could happen in the programme period, but there is little to suggest it will."),
        new(3, "Possible", "Might well happen in the programme period; there are signs that it could."),
        new(4, "Likely", "Expected to happen in the programme period; evidence shows it happening in places."),
        new(5, "Almost certain", "Already happening, or will happen in the programme period without action."),
    ];

    public static readonly IReadOnlyList<RiskLevel> Impacts =
    [
        new(1, "Minimal", "Little effect on the public or on how the criminal justice system works."),
        new(2, "Minor", "Some effect on a small number of people or one local service, quickly put right."),
        new(3, "Moderate", "Noticeable harm or poor service for a group of people or several local services."),
        new(4, "Major", "Significant harm to people, or a service failing across a region or a whole agency."),
        new(5, "Severe", "Serious harm to the public or loss of confidence in the criminal justice system."),
    ];

    private RiskScore(int likelihood, int impact)
    {
        Likelihood = likelihood;
        Impact = impact;
    }

    public int Likelihood { get; }

    public int Impact { get; }

    public int Value => Likelihood * Impact;

    public RiskBand Band => BandOf(Value);

    public static RiskScore Create(int likelihood, int impact) =>
        TryCreate(likelihood, impact, out var score, out var error) ? score : throw new ArgumentOutOfRangeException(nameof(likelihood), error);

    /// <summary>Null score and an error naming the bad part when either number is outside 1–5.</summary>
    public static bool TryCreate(int likelihood, int impact, out RiskScore score, out string? error)
    {
        error = !InRange(likelihood) ? "Likelihood must be a whole number from 1 (rare) to 5 (almost certain)"
            : !InRange(impact) ? "Impact must be a whole number from 1 (minimal) to 5 (severe)"
            : null;
        score = error is null ? new RiskScore(likelihood, impact) : null!;
        return error is null;
    }

    public static bool InRange(int level) => level is >= Lowest and <= Highest;

    public static RiskBand BandOf(int value) => value switch
    {
        < 1 or > 25 => throw new ArgumentOutOfRangeException(nameof(value), value, "A risk score is from 1 to 25."),
        <= 4 => RiskBand.Low,
        <= 9 => RiskBand.Medium,
        <= 16 => RiskBand.High,
        _ => RiskBand.VeryHigh,
    };

    public static string BandLabel(RiskBand band) => band switch
    {
        RiskBand.Low => "Low",
        RiskBand.Medium => "Medium",
        RiskBand.High => "High",
        _ => "Very high",
    };
}

public enum RiskBand
{
    Low,
    Medium,
    High,
    VeryHigh,
}
