using JointInspection.Tests.Site;
using JointInspection.TestSupport;
using JointInspection.Web.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace JointInspection.Tests.Rounds;

public sealed class ConsultationDatesTests
{
    private static readonly DateTimeOffset Opens = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = new(2027, 2, 18, 23, 59, 0, TimeSpan.Zero);

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

    /// <summary>A new database opens when the portal first starts, by its clock, and closes at 11:59pm UK time twelve weeks on.</summary>
    [Theory]
    [InlineData("2026-12-04T14:15:00Z", "2027-02-26T23:59:00.000Z", "11:59pm on 26 February 2027")] // GMT to GMT
    [InlineData("2027-06-10T13:15:00Z", "2027-09-02T22:59:00.000Z", "11:59pm on 2 September 2027")] // BST to BST
    [InlineData("2027-08-20T23:30:00Z", "2027-11-13T23:59:00.000Z", "11:59pm on 13 November 2027")] // BST to GMT, opening after midnight UK time
    [InlineData("2027-01-05T09:00:00Z", "2027-03-30T22:59:00.000Z", "11:59pm on 30 March 2027")] // GMT to BST
    public async Task A_new_database_closes_at_11_59pm_uk_time_twelve_weeks_after_it_first_starts(string now, string storedClose, string shown)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        using var portal = new PortalFactory { Clock = clock };

        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync("/"));

        Assert.Equal($"This consultation is open. It closes at {shown}.", Normalise(page.QuerySelector("#consultation-state")!.TextContent));
        using var connection = portal.OpenDatabase();
        Assert.Equal(storedClose, Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT closes_at FROM programme_round"));
    }

    [Fact]
    public async Task Configured_dates_without_an_offset_are_uk_local_time()
    {
        using var portal = new PortalFactory { Clock = new FakeTimeProvider(new DateTimeOffset(2027, 7, 1, 12, 0, 0, TimeSpan.Zero)) };
        portal.Settings["Consultation:OpensAt"] = "2027-06-01T09:00";
        portal.Settings["Consultation:ClosesAt"] = "2027-08-31T23:59";

        var page = await PageParser.ParseAsync(await portal.CreateClient().GetAsync("/"));

        Assert.Equal("This consultation is open. It closes at 11:59pm on 31 August 2027.", Normalise(page.QuerySelector("#consultation-state")!.TextContent));
        using var connection = portal.OpenDatabase();
        Assert.Equal(
            new DateTimeOffset(2027, 8, 31, 22, 59, 0, TimeSpan.Zero),
            DateTimeOffset.Parse(Dapper.SqlMapper.ExecuteScalar<string>(connection, "SELECT closes_at FROM programme_round")!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
