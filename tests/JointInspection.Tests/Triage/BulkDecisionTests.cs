using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using JointInspection.TestSupport;

namespace JointInspection.Tests.Triage;

/// <summary>
/// One decision for several submissions, from the queue's checkboxes through /triage/decide-several and through
/// POST /api/v1/decisions, signed in for real as chief inspectors, with the outcome emails over SMTP: each submission
/// gets its own decision, version check, audit entry and email; a conflict on one leaves the others saved; an outcome one
/// of them cannot have refuses the lot, naming it.
/// </summary>
public sealed partial class BulkDecisionTests(PortalWithMailbox fixture) : IClassFixture<PortalWithMailbox>
{
    private static readonly TimeSpan Patience = TestPatience.SafetyNet;

    private PortalWithDevIdentity Portal => fixture.Portal;

    /// <summary>Three responses to the mental health workstream, each from its own respondent: (reference, email).</summary>
    private async Task<(string Reference, string Email)[]> ThreeResponsesAsync(string marker)
    {
        using var client = Portal.CreateClient();
        var sent = new List<(string, string)>();
        for (var i = 1; i <= 3; i++)
        {
            var email = $"{marker}-{i}@example.org";
            var created = await SampleSubmissions.SendAsync(client, SampleSubmissions.Response($"Response {i} about mental health.", email, "mental-health"));
            sent.Add((created.Reference, email));
        }

        return [.. sent];
    }

    private async Task<string> SuggestAsync()
    {
        using var client = Portal.CreateClient();
        return (await SampleSubmissions.SendAsync(client, SampleSubmissions.Suggestion("Bulk suggestion"))).Reference;
    }

    /// <summary>What is stored of decisions on the submission: decision rows, outcome emails and decision.save audit entries.</summary>
    private (long Decisions, long Emails, long Audit) Footprint(string reference)
    {
        using var connection = Portal.OpenDatabase();
        Assert.True(Web.Features.Submissions.SubmissionReference.TryParse(reference, out var id));
        return connection.QuerySingle<(long, long, long)>(
            """
            SELECT (SELECT count(*) FROM decision WHERE submission_id = @id),
                   (SELECT count(*) FROM outbox_message WHERE submission_id = @id AND purpose = 'outcome'),
                   (SELECT count(*) FROM audit_log WHERE action = 'decision.save' AND subject = @subject)
            """,
            new { id, subject = $"submission:{reference}" });
    }

    /// <summary>The value of each row's checkbox in the queue as the chief inspector sees it, by reference.</summary>
    private static Dictionary<string, string> Checkboxes(WebPage queue) =>
        Checkbox().Matches(queue.Html).ToDictionary(m => m.Groups["reference"].Value, m => m.Groups["value"].Value);

    /// <summary>The queue's "Decide on the selected submissions", as the browser sends it: a GET with each ticked value.</summary>
    private static Task<WebPage> SelectAsync(TestBrowser browser, IEnumerable<string> values) =>
        browser.GetAsync("/triage/decide-several?" + string.Join("&", values.Select(v => "selected=" + Uri.EscapeDataString(v))));

    private static Task<WebPage> DecideAsync(TestBrowser browser, WebPage page, IEnumerable<string> ticked, params (string, string)[] fields) =>
        browser.SubmitAsync(page, page.FindForm("data-bulk-decision-form")!, null, [.. ticked.Select(v => ("selected", v)), .. fields]);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(TestBrowser browser, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        using var response = await browser.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text));
    }

    [Fact]
    public async Task Noting_three_responses_from_the_queue_records_three_decisions_each_emailed_to_its_own_respondent()
    {
        var responses = await ThreeResponsesAsync("note-page");
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var queue = await chief.GetAsync("/triage?kind=response");

        Assert.Contains("<form id=\"selection\" method=\"get\"", queue.Html, StringComparison.Ordinal);
        Assert.Contains("formaction=\"/triage/decide-several\">Decide on the selected submissions</button>", queue.Html, StringComparison.Ordinal);
        Assert.Contains($"<span class=\"govuk-visually-hidden\">Select {responses[0].Reference}</span>", queue.Html, StringComparison.Ordinal);
        var values = Checkboxes(queue);
        Assert.All(responses, r => Assert.Equal($"{r.Reference}:0", values[r.Reference]));

        var page = await SelectAsync(chief, responses.Select(r => values[r.Reference]));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Decide on several submissions</h1>", page.Html, StringComparison.Ordinal);
        Assert.Contains($"{responses[2].Reference}: Workstream: Mental health", page.Html, StringComparison.Ordinal);
        // Responses are only noted or change the programme; a suggestion's outcomes are not offered for them.
        Assert.Contains("value=\"noted\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"decline\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"accept\"", page.Html, StringComparison.Ordinal);

        var result = await DecideAsync(chief, page, responses.Select(r => values[r.Reference]),
            ("outcome", "noted"), ("rationale", "Thank you: the workstream already looks at this."),
            ("meetingOn-day", "27"), ("meetingOn-month", "3"), ("meetingOn-year", "2022"), ("meetingAttendees", "All four chief inspectors"));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("<h1 class=\"govuk-heading-xl\" data-field=\"recorded\">3 decisions recorded</h1>", result.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-field=\"not-recorded\"", result.Html, StringComparison.Ordinal);
        using var connection = Portal.OpenDatabase();
        foreach (var (reference, email) in responses)
        {
            Assert.Equal((1L, 1L, 1L), Footprint(reference));
            var decision = connection.QuerySingle<(long Version, string Outcome, string Rationale, string By, string MeetingOn, string Attendees)>(
                "SELECT version, outcome, rationale, decided_by, meeting_on, meeting_attendees FROM decision WHERE submission_id = @id",
                new { id = long.Parse(reference[3..], System.Globalization.CultureInfo.InvariantCulture) });
            Assert.Equal((1L, "noted", "Thank you: the workstream already looks at this.", Staff.ProbationChiefInspector, "2022-03-27", "All four chief inspectors"), decision);
            Assert.Contains($"data-reference=\"{reference}\"", result.Html, StringComparison.Ordinal);

            var received = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", Patience);
            Assert.Equal([email], received.EnvelopeTo);
            Assert.Contains("Thank you: the workstream already looks at this.", received.TextBody, StringComparison.Ordinal);
        }

        // The queue now offers each for a revision against its new version.
        var after = Checkboxes(await chief.GetAsync("/triage?kind=response"));
        Assert.All(responses, r => Assert.Equal($"{r.Reference}:1", after[r.Reference]));
    }

    [Fact]
    public async Task One_decided_by_someone_else_in_between_is_reported_as_a_conflict_and_the_others_are_saved()
    {
        var responses = await ThreeResponsesAsync("conflict-page");
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        using var other = await Portal.SignedInAsync(Staff.PrisonsChiefInspector);
        var values = Checkboxes(await chief.GetAsync("/triage?kind=response"));
        var ticked = responses.Select(r => values[r.Reference]).ToList();
        var page = await SelectAsync(chief, ticked);
        var first = responses[1].Reference;

        var (status, _) = await PostAsync(other, $"/api/v1/submissions/{first}/decision", new { version = 0, outcome = "programme-changed", rationale = "We changed the workstream." });
        Assert.Equal(HttpStatusCode.OK, status);
        var result = await DecideAsync(chief, page, ticked, ("outcome", "noted"), ("rationale", "Thank you for responding."));

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Contains("data-field=\"recorded\">2 decisions recorded</h1>", result.Html, StringComparison.Ordinal);
        Assert.Contains("1 submission was not decided. The others are recorded.", result.Html, StringComparison.Ordinal);
        Assert.Matches($"<li data-reference=\"{first}\">\\s*{first}: {Regex.Escape(Staff.PrisonsChiefInspector)} recorded a decision at [^<]+, before yours was saved, so yours was not. Their decision: The programme has been changed", result.Html);
        Assert.Contains($"href=\"/triage/{first}/decide\">Decide on {first} on its own</a>", result.Html, StringComparison.Ordinal);
        Assert.Matches($"<tr class=\"govuk-table__row\" data-reference=\"{responses[2].Reference}\">\\s*<td[^>]*>[^\\n]+</td>\\s*<td[^>]*>Noted\\. [^<]+</td>\\s*<td[^>]*>Decided</td>", result.Html);
        using var connection = Portal.OpenDatabase();
        var stored = connection.Query<(string Outcome, string By)>(
            "SELECT outcome, decided_by FROM decision WHERE submission_id = @id", new { id = long.Parse(first[3..], System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal([("programme-changed", Staff.PrisonsChiefInspector)], stored);
        Assert.Equal(1L, Footprint(first).Decisions);
        Assert.Equal((1L, 1L, 1L), Footprint(responses[0].Reference));
        Assert.Equal((1L, 1L, 1L), Footprint(responses[2].Reference));
    }

    [Fact]
    public async Task Noting_a_suggestion_with_responses_is_refused_naming_the_suggestion_keeping_what_was_typed_and_saving_nothing()
    {
        var responses = await ThreeResponsesAsync("mixed-page");
        var suggestion = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var values = Checkboxes(await chief.GetAsync("/triage"));
        var ticked = new[] { values[responses[0].Reference], values[suggestion], values[responses[1].Reference] };
        var page = await SelectAsync(chief, ticked);
        Assert.Contains("data-field=\"both-kinds\"", page.Html, StringComparison.Ordinal);
        Assert.Contains("Accepting is not here", page.Html, StringComparison.Ordinal);

        var refused = await DecideAsync(chief, page, ticked, ("outcome", "noted"), ("rationale", "Read with care."), ("meetingAttendees", "Justin Russell"));

        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("<title>Error: ", refused.Html, StringComparison.Ordinal);
        Assert.Contains($"<li><a href=\"#outcome\">{suggestion} is a suggestion, which cannot be noted: leave it out and decide on it separately</a></li>", refused.Html, StringComparison.Ordinal);
        // Attendees without a date: the rules a single decision has, said once for all of them.
        Assert.Contains("<li><a href=\"#meetingOn-day\">Enter the date of the meeting the attendees were at</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">Read with care.</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Contains(">Justin Russell</textarea>", refused.Html, StringComparison.Ordinal);
        Assert.Matches("id=\"outcome-[0-9]\"[^>]*value=\"noted\"[^>]*checked", refused.Html);
        Assert.All(ticked, v => Assert.Matches($"value=\"{v}\"[^>]*checked", refused.Html));
        Assert.Equal((0L, 0L, 0L), Footprint(suggestion));
        Assert.Equal((0L, 0L, 0L), Footprint(responses[0].Reference));
        Assert.Equal((0L, 0L, 0L), Footprint(responses[1].Reference));

        // Unticking the suggestion is all it takes.
        var saved = await DecideAsync(chief, refused, [ticked[0], ticked[2]], ("outcome", "noted"), ("rationale", "Read with care."));
        Assert.Contains("data-field=\"recorded\">2 decisions recorded</h1>", saved.Html, StringComparison.Ordinal);
        Assert.Equal((0L, 0L, 0L), Footprint(suggestion));
        Assert.Equal(1L, Footprint(responses[1].Reference).Decisions);
    }

    [Fact]
    public async Task A_meeting_date_that_is_not_a_date_is_refused_with_the_other_mistakes_and_saves_nothing()
    {
        var responses = await ThreeResponsesAsync("date-page");
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");
        var ticked = responses.Select(r => $"{r.Reference}:0").ToList();
        var page = await SelectAsync(chief, ticked);

        var refused = await DecideAsync(chief, page, ticked,
            ("outcome", "noted"), ("rationale", ""), ("meetingOn-day", "30"), ("meetingOn-month", "2"), ("meetingOn-year", "2022"));

        Assert.Contains("<li><a href=\"#meetingOn-day\">The date of the meeting must be a real date, with a four-digit year</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#rationale\">Give the reasons for the decision: the respondent will read them</a></li>", refused.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"meetingOn-day\" name=\"meetingOn-day\" type=\"text\" inputmode=\"numeric\" value=\"30\"", refused.Html, StringComparison.Ordinal);
        Assert.All(responses, r => Assert.Equal((0L, 0L, 0L), Footprint(r.Reference)));
    }

    [Fact]
    public async Task Only_chief_inspectors_get_the_checkboxes_and_the_page()
    {
        var responses = await ThreeResponsesAsync("who-page");
        var path = $"/triage/decide-several?selected={responses[0].Reference}:0";
        using var secretariat = Portal.NewBrowser();
        using var anonymous = Portal.NewBrowser();

        var denied = await secretariat.AsDemoPersonAsync("staff", Staff.Secretariat, path);
        var queue = await secretariat.GetAsync("/triage");
        var signIn = await anonymous.GetAsync(path);
        using var posted = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/triage/decide-several")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("selected", $"{responses[0].Reference}:0"), KeyValuePair.Create("outcome", "noted")]),
        });

        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("/account/access-denied", denied.Address.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        // The secretariat may tick submissions to assign them, but not to decide on them.
        Assert.DoesNotContain("decide-several", queue.Html, StringComparison.Ordinal);
        Assert.Contains(signIn.Trail, address => address.AbsolutePath == "/account/sign-in");
        Assert.NotEqual(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal((0L, 0L, 0L), Footprint(responses[0].Reference));
    }

    [Fact]
    public async Task Choosing_nothing_in_the_queue_says_to_select_some()
    {
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector, "/triage");

        var page = await chief.GetAsync("/triage/decide-several");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<li><a href=\"/triage\">Select at least one submission in the triage queue", page.Html, StringComparison.Ordinal);
        Assert.Null(page.FindForm("data-bulk-decision-form"));
    }

    [Fact]
    public async Task The_api_notes_three_responses_each_with_its_own_decision_audit_entry_and_email()
    {
        var responses = await ThreeResponsesAsync("note-api");
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var (status, body) = await PostAsync(chief, "/api/v1/decisions", new
        {
            outcome = "noted",
            rationale = "Thank you: we read them all.",
            meetingOn = "2022-03-27",
            submissions = responses.Select(r => new { reference = r.Reference, version = 0 }),
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body.GetProperty("saved").GetInt32());
        Assert.Equal(0, body.GetProperty("notSaved").GetInt32());
        var results = body.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal(responses.Select(r => r.Reference), results.Select(r => r.GetProperty("reference").GetString()));
        Assert.All(results, r =>
        {
            Assert.Equal("saved", r.GetProperty("result").GetString());
            Assert.Equal(1, r.GetProperty("version").GetInt64());
            Assert.Equal("noted", r.GetProperty("decision").GetProperty("status").GetString());
            Assert.Equal("2022-03-27", r.GetProperty("decision").GetProperty("meetingOn").GetString());
        });
        foreach (var (reference, email) in responses)
        {
            Assert.Equal((1L, 1L, 1L), Footprint(reference));
            var received = await fixture.Mailbox.WaitForAsync(m => m.Subject == $"Decision on {reference}", Patience);
            Assert.Equal([email], received.EnvelopeTo);
        }
    }

    [Fact]
    public async Task The_api_reports_a_conflict_on_one_with_its_current_version_and_saves_the_others()
    {
        var responses = await ThreeResponsesAsync("conflict-api");
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        using var other = await Portal.SignedInAsync(Staff.PoliceChiefInspector);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(other, $"/api/v1/submissions/{responses[0].Reference}/decision", new { version = 0, outcome = "noted", rationale = "Noted first." })).Status);

        var (status, body) = await PostAsync(chief, "/api/v1/decisions", new
        {
            outcome = "noted",
            rationale = "Noted together.",
            submissions = responses.Select(r => new { reference = r.Reference, version = 0 }),
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 1), (body.GetProperty("saved").GetInt32(), body.GetProperty("notSaved").GetInt32()));
        var results = body.GetProperty("submissions").EnumerateArray().ToList();
        Assert.Equal(["conflict", "saved", "saved"], results.Select(r => r.GetProperty("result").GetString()));
        Assert.Equal(1, results[0].GetProperty("version").GetInt64());
        Assert.Equal("Noted first.", results[0].GetProperty("decision").GetProperty("rationale").GetString());
        Assert.Equal((1L, 1L, 1L), Footprint(responses[0].Reference));
        Assert.Equal((1L, 1L, 1L), Footprint(responses[1].Reference));
        Assert.Equal((1L, 1L, 1L), Footprint(responses[2].Reference));
        using var connection = Portal.OpenDatabase();
        Assert.Equal("Noted first.", connection.ExecuteScalar<string>(
            "SELECT rationale FROM decision WHERE submission_id = @id", new { id = long.Parse(responses[0].Reference[3..], System.Globalization.CultureInfo.InvariantCulture) }));
    }

    [Fact]
    public async Task The_api_refuses_an_outcome_a_suggestion_cannot_have_naming_it_and_saves_nothing()
    {
        var responses = await ThreeResponsesAsync("mixed-api");
        var suggestion = await SuggestAsync();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);

        var (status, body) = await PostAsync(chief, "/api/v1/decisions", new
        {
            outcome = "noted",
            rationale = "Noted.",
            submissions = new[] { new { reference = responses[0].Reference, version = 0 }, new { reference = suggestion, version = 0 }, new { reference = "JI-999999", version = 0 } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Nothing was recorded: the bulk decision has mistakes", body.GetProperty("title").GetString());
        Assert.Equal($"{suggestion} is a suggestion, which cannot be noted: leave it out and decide on it separately", body.GetProperty("errors").GetProperty("outcome")[0].GetString());
        Assert.Equal("There is no submission JI-999999: check the reference", body.GetProperty("errors").GetProperty("submissions")[0].GetString());
        Assert.Equal((0L, 0L, 0L), Footprint(suggestion));
        Assert.Equal((0L, 0L, 0L), Footprint(responses[0].Reference));
    }

    [Fact]
    public async Task The_api_is_for_chief_inspectors_and_answers_with_problem_details()
    {
        var responses = await ThreeResponsesAsync("who-api");
        using var secretariat = await Portal.SignedInAsync(Staff.Secretariat);
        using var anonymous = Portal.NewBrowser();
        using var chief = await Portal.SignedInAsync(Staff.ProbationChiefInspector);
        var body = new { outcome = "noted", rationale = "x", submissions = new[] { new { reference = responses[0].Reference, version = 0 } } };

        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(secretariat, "/api/v1/decisions", body)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(anonymous, "/api/v1/decisions", body)).Status);
        using var unreadable = new HttpRequestMessage(HttpMethod.Post, "/api/v1/decisions") { Content = new StringContent("{\"outcome\":", System.Text.Encoding.UTF8, "application/json") };
        using var response = await chief.SendAsync(unreadable);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((0L, 0L, 0L), Footprint(responses[0].Reference));
    }

    [Fact]
    public async Task The_bulk_decision_endpoint_is_in_the_openapi_document()
    {
        using var client = Portal.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty("/api/v1/decisions").GetProperty("post");
        var statuses = post.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Equal(["200", "400", "401", "403"], statuses.Order());
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    [GeneratedRegex("id=\"select-(?<reference>JI-[0-9]+)\" name=\"selected\" type=\"checkbox\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex Checkbox();
}
