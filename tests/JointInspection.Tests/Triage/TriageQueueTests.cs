using System.Net;
using System.Net.Http.Json;
using Dapper;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Submissions;

namespace JointInspection.Tests.Triage;

public sealed record QueueBody(List<QueueItem> Items, string? Next, string? Previous, Dictionary<string, long> Counts);

public sealed record QueueItem(long Id, string Reference, string Kind, string Title, string RespondentType, bool EmailConfirmed, DateTimeOffset ReceivedAt, string Status);

/// <summary>
/// The queue through its API, signed in for real as a secretariat officer. Each test's rows carry a word of their
/// own in their text, and each query searches for it, so tests sharing the database do not see each other's rows.
/// </summary>
public sealed class TriageQueueTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>
{
    private static string NewMarker() => "m" + Guid.NewGuid().ToString("N")[..12];

    public static async Task<QueueBody> GetQueueAsync(TestBrowser browser, string query)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/triage/submissions?{query}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<QueueBody>())!;
    }

    /// <summary>Five submissions that differ in every filtered way: a to e, with their ids.</summary>
    private Dictionary<char, long> SeedFive(string marker)
    {
        var rows = new (char, SubmissionRow)[]
        {
            ('a', new($"{marker} a", Title: "Suggestion a", RespondentType: "organisation", Confirmed: true, Lead: "hmcpsi", Areas: ["community-safety"], Inspectorates: ["ofsted"])),
            ('b', new($"{marker} b", AreaOfFocus: "custodial-conditions")),
            ('c', new($"{marker} c", WorkstreamId: 4, Confirmed: true)),
            ('d', new($"{marker} d", RespondentType: "organisation", Status: "declined")),
            ('e', new($"{marker} e", Title: "Suggestion e", Areas: ["custodial-conditions"], Inspectorates: ["cqc"])),
        };
        var ids = SubmissionRows.InsertMany(portal.ConnectionString, rows.Select(r => r.Item2));
        return rows.Select((r, i) => (r.Item1, ids[i])).ToDictionary(r => r.Item1, r => r.Item2);
    }

    [Theory]
    [InlineData("", "edcba")]
    [InlineData("kind=suggestion", "ea")]
    [InlineData("kind=response", "dcb")]
    [InlineData("areaOfFocus=custodial-conditions", "eb")]
    [InlineData("areaOfFocus=bringing-offenders-to-justice", "c")]
    [InlineData("areaOfFocus=community-safety", "a")]
    [InlineData("inspectorate=hmcpsi", "ca")]
    [InlineData("inspectorate=cqc", "e")]
    [InlineData("inspectorate=ofsted", "a")]
    [InlineData("inspectorate=hmi-prisons", "")]
    [InlineData("respondentType=organisation", "da")]
    [InlineData("respondentType=individual", "ecb")]
    [InlineData("confirmed=true", "ca")]
    [InlineData("confirmed=false", "edb")]
    [InlineData("status=declined", "d")]
    [InlineData("status=received", "ecba")]
    [InlineData("kind=response&confirmed=false&respondentType=individual", "b")]
    [InlineData("sort=oldest&kind=suggestion", "ae")]
    public async Task Each_filter_narrows_the_queue_to_what_it_names(string filters, string expected)
    {
        var marker = NewMarker();
        var ids = SeedFive(marker);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var queue = await GetQueueAsync(browser, $"q={marker}&{filters}");

        Assert.Equal(expected.Select(letter => ids[letter]), queue.Items.Select(item => item.Id));
        Assert.Null(queue.Next);
    }

    [Fact]
    public async Task Items_say_what_a_response_responds_to_and_carry_the_reference()
    {
        var marker = NewMarker();
        var ids = SeedFive(marker);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var items = (await GetQueueAsync(browser, $"q={marker}&sort=oldest")).Items;

        Assert.Equal(
            ["Suggestion a", "Area of focus: Custodial conditions", "Workstream: Rape (two-part report)", "The draft programme as a whole", "Suggestion e"],
            items.Select(item => item.Title));
        var a = items[0];
        Assert.Equal(($"JI-{ids['a']:D6}", "suggestion", "organisation", true, "received"), (a.Reference, a.Kind, a.RespondentType, a.EmailConfirmed, a.Status));
    }

    [Fact]
    public async Task Counts_by_status_follow_every_filter_but_status()
    {
        var marker = NewMarker();
        SeedFive(marker);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        Assert.Equal(new Dictionary<string, long> { ["received"] = 4, ["declined"] = 1 }, NonZero(await GetQueueAsync(browser, $"q={marker}")));
        Assert.Equal(new Dictionary<string, long> { ["received"] = 4, ["declined"] = 1 }, NonZero(await GetQueueAsync(browser, $"q={marker}&status=declined")));
        Assert.Equal(new Dictionary<string, long> { ["received"] = 2, ["declined"] = 1 }, NonZero(await GetQueueAsync(browser, $"q={marker}&kind=response")));
        var none = await GetQueueAsync(browser, $"q={marker}zz");
        Assert.Empty(NonZero(none));
        // Every status is counted, even with nothing in it, so the page can offer each one.
        Assert.Equal(SubmissionStatus.All.Order(), none.Counts.Keys.Order());
    }

    private static Dictionary<string, long> NonZero(QueueBody page) =>
        page.Counts.Where(c => c.Value > 0).ToDictionary(c => c.Key, c => c.Value);

    [Fact]
    public async Task Search_finds_words_in_the_title_and_text_and_in_who_sent_it()
    {
        var marker = NewMarker();
        var inTitle = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} x", Title: "Lighthouse keepers"));
        var inBody = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} the lighthouse is dark"));
        var inName = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} y", Name: "Lighthouse Family", RespondentType: "organisation"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        Assert.Equal([inName, inBody, inTitle], (await GetQueueAsync(browser, $"q={marker}+lighthouse")).Items.Select(i => i.Id));
        // Stemmed, and nothing typed is taken as search syntax.
        Assert.Equal([inName, inBody, inTitle], (await GetQueueAsync(browser, $"q={marker}+LIGHTHOUSES")).Items.Select(i => i.Id));
        Assert.Equal([inName, inBody, inTitle], (await GetQueueAsync(browser, $"q={Uri.EscapeDataString($"{marker} \"lighthouse* ^-(:")}")).Items.Select(i => i.Id));
        Assert.Equal([inBody], (await GetQueueAsync(browser, $"q={marker}+dark+lighthouse")).Items.Select(i => i.Id));
        // A word of the text must be whole; a name may be the start of one.
        Assert.Equal([inName], (await GetQueueAsync(browser, $"q={marker}+lighth")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Search_finds_a_name_an_email_address_or_an_organisation_whole_or_by_its_start_in_any_case()
    {
        var marker = NewMarker();
        var person = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} a", Name: "Oluwaseun Adeyemi-Price", Email: "seun.price@northwold.example"));
        var organisation = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} b", RespondentType: "organisation", Organisation: "Quarrington Advocacy Trust", Email: "office@qat.example"));
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} c"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        async Task<IEnumerable<long>> Find(string q) =>
            (await GetQueueAsync(browser, $"q={Uri.EscapeDataString($"{marker} {q}")}")).Items.Select(i => i.Id);

        Assert.Equal([person], await Find("Oluwaseun Adeyemi-Price"));
        Assert.Equal([person], await Find("adeyemi"));
        Assert.Equal([person], await Find("OLUWA"));
        Assert.Equal([person], await Find("seun.price@northwold.example"));
        Assert.Equal([person], await Find("SEUN.PRICE@north"));
        Assert.Equal([organisation], await Find("Quarrington Advocacy Trust"));
        Assert.Equal([organisation], await Find("quarr"));
        Assert.Equal([organisation], await Find("office@qat.example"));
        Assert.Empty(await Find("seun.price@qat.example"));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("ji-{1}")]
    [InlineData("JI{1}")]
    [InlineData(" JI-{2} ")]
    public async Task Search_for_a_reference_returns_that_submission_alone_whatever_the_other_filters(string form)
    {
        var marker = NewMarker();
        var id = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} a", Status: "declined"));
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} b"));
        var reference = SubmissionReference.Format(id);
        var q = string.Format(System.Globalization.CultureInfo.InvariantCulture, form, reference, id, id.ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var found = await GetQueueAsync(browser, $"q={Uri.EscapeDataString(q)}&status=received&kind=suggestion");

        Assert.Equal([reference], found.Items.Select(i => i.Reference));
        Assert.Equal(1, found.Counts["declined"]);
        Assert.Equal(1, found.Counts.Values.Sum());
        Assert.Null(found.Next);
        Assert.Empty((await GetQueueAsync(browser, $"q=JI-{id + 1000000}")).Items);
    }

    [Fact]
    public async Task Search_follows_edited_text()
    {
        var marker = NewMarker();
        var id = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} about kestrels"));
        using (var connection = TestDatabase.Open(portal.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE submission SET body_text = @text WHERE id = @id", new { text = $"{marker} about falcons", id });
        }

        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        Assert.Empty((await GetQueueAsync(browser, $"q={marker}+kestrels")).Items);
        Assert.Equal([id], (await GetQueueAsync(browser, $"q={marker}+falcons")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Search_follows_edited_respondent_details()
    {
        var marker = NewMarker();
        var id = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} a", Name: "Marigold Ashcombe"));
        using (var connection = TestDatabase.Open(portal.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE submission SET respondent_name = 'Tamsin Ravenhurst' WHERE id = @id", new { id });
        }

        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        Assert.Empty((await GetQueueAsync(browser, $"q={marker}+marig")).Items);
        Assert.Equal([id], (await GetQueueAsync(browser, $"q={marker}+raven")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_search_finds_the_same_whether_or_not_some_respondents_details_have_a_word_that_starts_as_a_search_word()
    {
        // On SQLite a search word is looked for whole alone while no respondent's details have a word that starts as it
        // does without being it, and otherwise as the start of a word in those details too: each way must find what the
        // other would.
        var marker = NewMarker();
        var inText = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} counting gannets"));
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} visiting the gannetry"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        async Task<QueueBody> Find(string q) => await GetQueueAsync(browser, $"q={Uri.EscapeDataString($"{marker} {q}")}");

        var inTextAlone = await Find("gannets");
        Assert.Equal([inText], inTextAlone.Items.Select(i => i.Id));
        Assert.Equal(1, inTextAlone.Counts.Values.Sum());

        var startOfName = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} counting", RespondentType: "organisation", Organisation: "Gannetry Trust"));
        Assert.Equal([startOfName, inText], (await Find("gannets")).Items.Select(i => i.Id));

        var wholeInName = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} counting", RespondentType: "organisation", Organisation: "Gannet Watch"));
        var all = await Find("gannets");
        Assert.Equal([wholeInName, startOfName, inText], all.Items.Select(i => i.Id));
        Assert.Equal(3, all.Counts.Values.Sum());
        Assert.Equal([startOfName], (await Find("gannets counting trust")).Items.Select(i => i.Id));
        Assert.Equal([wholeInName], (await Find("watch gannets")).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_search_counts_each_match_under_the_status_it_has_now()
    {
        var marker = NewMarker();
        var moved = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} about kestrels"));
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} about kestrels too"));
        SubmissionRows.Insert(portal.ConnectionString, new($"{marker} about falcons", RespondentType: "organisation", Organisation: "Kestrel Watch"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");
        Assert.Equal(3, (await GetQueueAsync(browser, $"q={marker}+kestrel")).Counts["received"]);

        using (var connection = TestDatabase.Open(portal.ConnectionString))
        {
            await connection.ExecuteAsync("UPDATE submission SET status = 'declined' WHERE id = @moved", new { moved });
        }

        // Under another status filter, as the counts are meant to say where else to look; the organisation's name is
        // found from the start of a word.
        var found = await GetQueueAsync(browser, $"q={marker}+kestrel&status=declined");
        Assert.Equal([moved], found.Items.Select(i => i.Id));
        Assert.Equal(2, found.Counts["received"]);
        Assert.Equal(1, found.Counts["declined"]);
        Assert.Equal(3, found.Counts.Values.Sum());
    }

    [Fact]
    public async Task A_search_finds_words_with_accents_and_digits_whichever_way_they_are_typed()
    {
        var marker = NewMarker();
        var id = SubmissionRows.Insert(portal.ConnectionString, new($"{marker} a naïve plan for the Café2024 scheme"));
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var found = await GetQueueAsync(browser, $"q={marker}+NAIVE+café2024");

        Assert.Equal([id], found.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("newest", "edcba")]
    [InlineData("oldest", "abcde")]
    public async Task A_search_pages_through_matches_of_every_status_each_once_either_way(string sort, string order)
    {
        var marker = NewMarker();
        var ids = SeedFive(marker);
        using (var connection = TestDatabase.Open(portal.ConnectionString))
        {
            // The last status of all beside received and declined, so that no bound between pages may cut a row off by its status.
            await connection.ExecuteAsync("UPDATE submission SET status = 'programme-changed' WHERE id = @id", new { id = ids['b'] });
        }

        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var first = await GetQueueAsync(browser, $"q={marker}&limit=2&sort={sort}");
        var second = await GetQueueAsync(browser, $"q={marker}&limit=2&sort={sort}&after={first.Next}");
        var third = await GetQueueAsync(browser, $"q={marker}&limit=2&sort={sort}&after={second.Next}");
        var back = await GetQueueAsync(browser, $"q={marker}&limit=2&sort={sort}&before={third.Previous}");
        var declined = await GetQueueAsync(browser, $"q={marker}&limit=2&sort={sort}&status=declined");

        Assert.Equal(order.Select(letter => ids[letter]), first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id));
        Assert.Null(third.Next);
        Assert.Equal(second.Items, back.Items);
        Assert.Equal([ids['d']], declined.Items.Select(i => i.Id));
        Assert.Equal((3, 1, 1), (declined.Counts["received"], declined.Counts["declined"], declined.Counts["programme-changed"]));
    }

    [Fact]
    public async Task The_api_pages_with_next_and_previous_cursors()
    {
        var marker = NewMarker();
        var ids = SeedFive(marker);
        using var browser = await portal.SignedInAsync(Staff.Secretariat, "/triage");

        var first = await GetQueueAsync(browser, $"q={marker}&limit=2");
        var second = await GetQueueAsync(browser, $"q={marker}&limit=2&after={first.Next}");
        var third = await GetQueueAsync(browser, $"q={marker}&limit=2&after={second.Next}");
        var back = await GetQueueAsync(browser, $"q={marker}&limit=2&before={third.Previous}");

        Assert.Equal("edcba".Select(letter => ids[letter]), first.Items.Concat(second.Items).Concat(third.Items).Select(i => i.Id));
        Assert.Null(first.Previous);
        Assert.Null(third.Next);
        Assert.Equal(second.Items, back.Items);
    }
}
