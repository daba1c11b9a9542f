using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Features.Consultation;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Consultation;

public sealed class ConsultationStateTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 2, 18, 23, 59, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-11-30T23:59:59Z", ConsultationState.NotYetOpen)]
    [InlineData("2026-12-01T00:00:00Z", ConsultationState.Open)]
    [InlineData("2027-02-18T23:58:59Z", ConsultationState.Open)]
    [InlineData("2027-02-18T23:59:00Z", ConsultationState.Closed)]
    public void A_consultation_is_open_from_its_opening_until_its_closing_instant(string now, ConsultationState expected)
    {
        var consultation = new Web.Features.Consultation.Consultation(1, "2021-23", "Joint inspection programme 2021–23", Opens, Closes);

        Assert.Equal(expected, consultation.StateAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2027-01-10T12:00:00Z", "This consultation is open. It closes at 11:59pm on 18 February 2027.")]
    [InlineData("2026-11-20T12:00:00Z", "This consultation opens at midnight on 1 December 2026 and closes at 11:59pm on 18 February 2027.")]
    [InlineData("2027-03-01T12:00:00Z", "This consultation closed at 11:59pm on 18 February 2027. You can still read the draft programme.")]
    public async Task The_start_page_says_whether_the_configured_consultation_is_open(string now, string expected)
    {
        using var portal = new PortalFactory
        {
            Clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)),
        };
        portal.Settings["Consultation:OpensAt"] = Opens.ToString("O");
        portal.Settings["Consultation:ClosesAt"] = Closes.ToString("O");

        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync("/"));

        Assert.Equal(expected, Normalise(page.QuerySelector("#consultation-state")!.TextContent));
    }

    [Fact]
    public async Task A_new_database_opens_the_consultation_for_twelve_weeks()
    {
        using var portal = new PortalFactory();
        var client = portal.CreateClient();

        var page = await PageParser.ParseAsync(await client.GetAsync("/"));

        var closes = UkTime.DateAndTime(DateTimeOffset.UtcNow.AddDays(84));
        var text = Normalise(page.QuerySelector("#consultation-state")!.TextContent);
        Assert.StartsWith("This consultation is open. It closes at ", text, StringComparison.Ordinal);
        // The closing minute may tick over between the seed and this line; the date may not.
        Assert.EndsWith(closes[closes.IndexOf(" on ", StringComparison.Ordinal)..] + ".", text, StringComparison.Ordinal);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
