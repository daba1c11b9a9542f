namespace JointInspection.Benchmarks;

/// <summary>
/// Consultation responses as people write them, made up: English sentences about the justice system, 30 to 250 words,
/// and campaign letters sent many times over with small edits. Each sentence is put together word by word from
/// several lists, so two people's texts rarely share a run of three words, as two real people's do not, while a
/// campaign's copies share nearly all of theirs. The words are fixed by the seed, so every run reads the same texts.
/// </summary>
internal sealed class ConsultationTexts
{
    /// <summary>Of a backlog, the share that are copies of a campaign letter, edited or not.</summary>
    public const double CampaignShare = 0.4;

    public const int Campaigns = 20;

    private static readonly string[] Speakers =
        ["We", "I", "Staff", "Families", "Victims", "Partners", "Magistrates", "Volunteers", "Officers", "Members", "Carers", "Advocates"];

    private static readonly string[] Modals = ["should", "must", "cannot", "would", "often", "rarely", "still", "now", "could", "never"];

    private static readonly string[] Verbs =
    [
        "review", "fund", "inspect", "ignore", "improve", "share", "question", "delay", "protect", "measure", "record", "explain",
        "support", "challenge", "monitor", "publish", "coordinate", "prioritise", "resource", "examine", "track", "repair",
        "understand", "strengthen", "audit", "compare", "follow", "reshape", "test", "expand", "plan", "staff",
    ];

    private static readonly string[] Qualities =
    [
        "overstretched", "local", "specialist", "independent", "early", "consistent", "timely", "safe", "fair", "statutory",
        "voluntary", "regional", "rural", "urban", "digital", "accredited", "weekend", "emergency", "routine", "national",
        "fragmented", "outdated", "costly", "effective", "slow", "patchy", "joint", "separate", "hidden", "basic", "quiet",
        "complex", "chronic", "informal", "formal", "temporary", "permanent", "shared", "missing", "new",
    ];

    private static readonly string[] Things =
    [
        "victims", "supervision", "custody", "listings", "treatment", "resettlement", "witnesses", "advocacy", "disclosure",
        "remand", "education", "interpreting", "diversion", "contact", "hostels", "recall", "mediation", "screening",
        "casework", "bail", "housing", "employment", "complaints", "reports", "safeguarding", "healthcare", "restraint",
        "detention", "transport", "training", "funding", "staffing", "records", "referrals", "assessments", "sentencing",
        "policing", "probation", "prisons", "courts", "youth", "women", "children", "families", "neurodiversity", "trauma",
    ];

    private static readonly string[] Linking = ["in", "across", "for", "around", "within", "after", "before", "near", "beyond", "throughout"];

    private static readonly string[] Places =
    [
        "Cardiff", "Wales", "London", "Swansea", "Newport", "Leeds", "Bristol", "Manchester", "Kent", "Cumbria", "Devon",
        "Birmingham", "Norfolk", "Durham", "Powys", "Gwent", "Sheffield", "Liverpool", "Essex", "Dorset", "Lancashire",
        "Yorkshire", "Cornwall", "Wrexham", "Bangor", "Hull", "Coventry", "Leicester", "Nottingham", "Suffolk",
    ];

    private static readonly string[] Manners = ["badly", "slowly", "well", "unevenly", "rarely", "quickly", "poorly", "inconsistently", "fairly", "openly"];

    private static readonly string[] Asides =
    [
        "I have worked in this field for many years.", "Thank you for the chance to respond.", "My son went through this system.",
        "I am writing as a volunteer.", "Please take this seriously.", "I support this campaign.", "Kind regards.",
    ];

    private readonly Random random;
    private readonly string[] campaigns;

    public ConsultationTexts(int seed)
    {
        random = new Random(seed);
        campaigns = [.. Enumerable.Range(0, Campaigns).Select(_ => Distinct(random.Next(80, 200)))];
    }

    /// <summary>One person's own text of about <paramref name="words"/> words (whole sentences, so a few more).</summary>
    public string Distinct(int words)
    {
        var sentences = new List<string>();
        var count = 0;
        while (count < words)
        {
            var sentence = Sentence();
            sentences.Add(sentence);
            count += sentence.Split(' ').Length;
        }

        return string.Join(' ', sentences);
    }

    /// <summary>One person's own text of 30 to about 250 words.</summary>
    public string Distinct() => Distinct(random.Next(30, 231));

    /// <summary>A backlog's next text: a campaign letter (as sent, or with a sentence of the sender's own added or one left out) or a text of its own.</summary>
    public string Next()
    {
        if (random.NextDouble() >= CampaignShare)
        {
            return Distinct();
        }

        var letter = campaigns[random.Next(Campaigns)];
        return random.Next(3) switch
        {
            0 => letter,
            1 => $"{Pick(Asides)} {letter}",
            _ => string.Join(". ", letter.Split(". ").Where((_, i) => i != 1)),
        };
    }

    /// <summary>A suggestion's reason: one sentence.</summary>
    public string Reason() => Sentence();

    // Each word of a sentence is drawn on its own, so that a run of three words is shared by a few hundred texts at
    // most; fixed phrases would put the same shingles in every text's sketch, as real writing does not.
    private string Sentence() => random.Next(2) == 0
        ? $"{Pick(Speakers)} {Pick(Modals)} {Pick(Verbs)} the {Pick(Qualities)} {Pick(Things)} of {Pick(Things)} {Pick(Linking)} {Pick(Places)}."
        : $"In {Pick(Places)}, the {Pick(Qualities)} {Pick(Things)} {Pick(Verbs)}s {Pick(Qualities)} {Pick(Things)} {Pick(Manners)}.";

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
