namespace JointInspection.Benchmarks;

/// <summary>
/// Consultation responses as people write them, made up: English sentences about the justice system, 30 to 250 words,
/// and campaign letters sent many times over with small edits. Each sentence is put together from several lists, so two
/// people's texts rarely share a run of three words, as two real people's do not, while a campaign's copies share
/// nearly all of theirs. The words are fixed by the seed, so every run reads the same texts.
/// </summary>
internal sealed class ConsultationTexts
{
    /// <summary>Of a backlog, the share that are copies of a campaign letter, edited or not.</summary>
    public const double CampaignShare = 0.4;

    public const int Campaigns = 20;

    private static readonly string[] Openers =
    [
        "We believe", "In our experience", "I am concerned that", "Our members tell us", "It is clear that", "We would argue",
        "From what I have seen", "The evidence suggests", "Many families feel", "Front-line staff report", "We are worried",
        "As a magistrate I see", "Our research shows", "Too often", "In my view", "Local partners agree",
    ];

    private static readonly string[] Qualities =
    [
        "overstretched", "local", "specialist", "independent", "early", "joined-up", "consistent", "timely", "safe", "fair",
        "culturally aware", "trauma-informed", "community", "residential", "statutory", "voluntary", "regional", "rural",
        "urban", "long-term", "short-term", "digital", "face-to-face", "multi-agency", "accredited", "peer-led",
    ];

    private static readonly string[] Things =
    [
        "support for victims", "probation supervision", "youth offending teams", "custody suites", "court listings",
        "mental health services", "drug treatment", "approved premises", "resettlement plans", "witness care",
        "domestic abuse advocates", "police disclosure", "remand decisions", "prison education", "interpreting services",
        "liaison and diversion", "family contact", "hostel places", "recall processes", "restorative justice",
        "neurodiversity screening", "case file quality", "bail information", "housing advice", "employment schemes",
        "complaints handling", "pre-sentence reports", "safeguarding referrals", "healthcare in prison", "use of force",
    ];

    private static readonly string[] Claims =
    [
        "should be inspected together with", "are not joined up with", "depend far too heavily on", "are undermined by",
        "would improve quickly with better", "have been cut faster than", "rarely take account of", "are delayed by",
        "should be judged alongside", "could learn a great deal from", "are inconsistent across", "need more scrutiny than",
    ];

    private static readonly string[] Places =
    [
        "in Cardiff", "across Wales", "in the north east", "in our county", "in London", "in rural areas", "in the courts we visit",
        "in the women's estate", "for young adults", "for older prisoners", "for people leaving custody", "for care leavers",
        "in Swansea", "in the Midlands", "on remand wings", "at weekends", "for foreign nationals", "in the Valleys",
    ];

    private static readonly string[] Closers =
    [
        "and this is why a joint inspection is needed.", "and the inspectorates should look at this.", "which affects the most vulnerable.",
        "and nobody is held to account for it.", "as we have said in earlier consultations.", "and this must change.",
        "which wastes public money.", "and it is getting worse.", "and victims pay the price.", "though some areas do it well.",
    ];

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

    // The closing phrases are few and long, so only some sentences have one, or every text would share them.
    private string Sentence() =>
        $"{Pick(Openers)} {Pick(Qualities)} {Pick(Things)} {Pick(Claims)} {Pick(Qualities)} {Pick(Things)} {Pick(Places)}"
        + (random.Next(3) == 0 ? $", {Pick(Closers)}" : ".");

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
