using System.Net;
using System.Net.Http.Headers;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Programme;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Programme;

/// <summary>
/// The programme's responses kept ready at the front of the pipeline: a copy is what the pipeline sent, to the byte
/// and the header; only anonymous 200s of the programme's cached endpoints are kept; whatever a copy cannot answer
/// exactly goes on to the pipeline.
/// </summary>
public sealed class ReadyProgrammeResponsesTests(PortalWithDevIdentity portal) : IClassFixture<PortalWithDevIdentity>, IDisposable
{
    private const string Workstream = "/programmes/2021-23/workstreams/rape";

    // No cookie jar: each request carries exactly the headers the test gives it.
    private readonly HttpClient anonymous = new(new HttpClientHandler { UseCookies = false }) { BaseAddress = portal.BaseAddress };

    private ReadyProgrammeResponses Ready => portal.Services.GetRequiredService<ReadyProgrammeResponses>();

    public void Dispose() => anonymous.Dispose();

    [Theory]
    [InlineData("/programmes/2021-23")]
    [InlineData(Workstream)]
    [InlineData("/api/v1/programme")]
    [InlineData("/api/v1/programmes")]
    [InlineData("/api/v1/workstreams/rape")]
    public async Task A_kept_copy_is_what_the_pipeline_sent_with_its_age(string path)
    {
        using var made = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, made.StatusCode);
        Assert.True(Ready.Keeps(path), $"{path} was not kept");

        using var kept = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(await made.Content.ReadAsByteArrayAsync(), await kept.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(made), Headers(kept));
        Assert.NotNull(kept.Headers.Age);
        Assert.Contains("frame-ancestors 'none'", kept.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_is_kept_from_a_signed_in_person_a_visitor_with_a_cookie_a_missing_workstream_or_another_page()
    {
        const string Api = "/api/v1/workstreams/case-file-quality";
        using var staff = await portal.SignedInAsync(Staff.Secretariat);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Workstream.Replace("rape", "case-file-quality", StringComparison.Ordinal))).Status);
        Assert.False(Ready.Keeps(Workstream.Replace("rape", "case-file-quality", StringComparison.Ordinal)));

        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, Api))
        {
            withCookie.Headers.Add("Cookie", "consent=yes");
            using var response = await anonymous.SendAsync(withCookie);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.False(Ready.Keeps(Api));
        using (var missing = await anonymous.GetAsync("/api/v1/workstreams/no-such-workstream"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.False(Ready.Keeps("/api/v1/workstreams/no-such-workstream"));
        (await anonymous.GetAsync("/")).Dispose();
        Assert.False(Ready.Keeps("/"));
    }

    [Fact]
    public async Task A_conditional_request_is_answered_by_the_output_cache_not_by_a_copy()
    {
        (await anonymous.GetAsync("/api/v1/programme")).Dispose();
        Assert.True(Ready.Keeps("/api/v1/programme"));

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/programme");
        conditional.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        using var response = await anonymous.SendAsync(conditional);

        // The output cache answers "If-None-Match: *" on a copy it holds with 304; a kept copy would send the bytes.
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task An_address_in_another_case_or_with_a_last_slash_is_served_by_the_pipeline_and_never_kept()
    {
        // Each case of an address is a page of its own, so keeping them would let anyone make copies without end.
        var before = Ready.Count;
        foreach (var path in new[] { "/API/v1/programme", "/api/V1/Programme", "/Programmes/2021-23/workstreams/rape", "/api/v1/programme/" })
        {
            using var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(Ready.Keeps(path), $"{path} was kept");
        }

        Assert.InRange(Ready.Count, 0, before);
    }

    [Fact]
    public async Task A_query_string_cannot_choose_what_a_page_shows_or_what_is_kept()
    {
        // The pages every round shares show the current round; a round named in the query string (here one that does
        // not exist, which would be a 404) is not read.
        using var asked = await anonymous.GetAsync("/principles?round=2019-21");
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.False(Ready.Keeps("/principles"));
        using var plain = await anonymous.GetAsync("/principles");

        Assert.Equal(await asked.Content.ReadAsStringAsync(), await plain.Content.ReadAsStringAsync());
        Assert.True(Ready.Keeps("/principles"));
    }

    private static List<string> Headers(HttpResponseMessage response) =>
        response.Headers.Concat(response.Content.Headers)
            .Where(header => header.Key is not ("Date" or "Age"))
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}")
            .Order(StringComparer.Ordinal)
            .ToList();
}

/// <summary>A copy lasts no longer than the output cache's own minute, by the portal's clock.</summary>
public sealed class ReadyProgrammeResponsesLifetimeTests
{
    [Fact]
    public async Task A_copy_a_minute_old_is_made_again()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2027, 1, 10, 12, 0, 0, TimeSpan.Zero));
        using var portal = new PortalFactory { Clock = clock };
        using var anonymous = portal.CreateClient();
        var lifetime = portal.Services.GetRequiredService<ReadyProgrammeResponses>().Lifetime;
        Assert.Equal(TimeSpan.FromMinutes(1), lifetime);
        (await anonymous.GetAsync("/api/v1/programme")).Dispose();

        clock.Advance(lifetime - TimeSpan.FromSeconds(1));
        using (var kept = await anonymous.GetAsync("/api/v1/programme"))
        {
            Assert.Equal(lifetime - TimeSpan.FromSeconds(1), kept.Headers.Age);
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var again = await anonymous.GetAsync("/api/v1/programme");

        // Made again, or served by the output cache, whose clock is the system's: either way younger than a minute.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Age is null || again.Headers.Age < lifetime, $"Age {again.Headers.Age}");
    }
}
