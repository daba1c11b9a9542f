namespace JointInspection.EndToEnd;

/// <summary>The addresses the browser tests wait for are read as Playwright reads a glob, no more loosely.</summary>
public sealed class ArrivalTests
{
    [Theory]
    [InlineData("**/triage?*q=Word*", "http://127.0.0.1:5000/triage?kind=response&q=Word&page=2", true)]
    [InlineData("**/triage?*q=Word*", "http://127.0.0.1:5000/triage/JI-1?q=Word", false)]
    [InlineData("**/triage?*q=Word*", "http://127.0.0.1:5000/triageXq=Word", false)]
    [InlineData("**/triage/JI-1", "http://127.0.0.1:5000/triage/JI-1", true)]
    [InlineData("**/triage/JI-1", "http://127.0.0.1:5000/triage/JI-1/decide", false)]
    [InlineData("**/dev/identity/**", "http://127.0.0.1:5001/dev/identity/connect/authorize?client_id=portal", true)]
    [InlineData("**decided=JI-1*", "http://127.0.0.1:5000/triage?decided=JI-1", true)]
    [InlineData("**decided=JI-1*", "http://127.0.0.1:5000/triage?decided=JI-1/x", false)]
    [InlineData("**/overview?*#scenario", "http://127.0.0.1:5000/triage/overview?year=1#scenario", true)]
    public void A_glob_matches_as_Playwright_reads_it(string glob, string address, bool matches) =>
        Assert.Equal(matches, Arrival.Pattern(glob).IsMatch(address));
}
