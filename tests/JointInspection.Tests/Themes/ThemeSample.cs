namespace JointInspection.Tests.Themes;

/// <summary>
/// Eighteen responses written for these tests, six on each of three themes, each in its own words: somewhere to live on
/// leaving prison, mental health in police custody, and young people carrying knives.
/// </summary>
public static class ThemeSample
{
    public static readonly IReadOnlyList<string> Housing =
    [
        "Too many people leave prison with nowhere to live and end up sleeping rough within days, which makes reoffending far more likely.",
        "Accommodation on release should be arranged weeks before the release date, not on the morning someone walks out of the gate.",
        "We see prison leavers sent to unsuitable hostels or sofa surfing because the housing referral was made far too late.",
        "Homelessness after release from custody is the biggest single barrier to resettlement that our clients describe to us.",
        "Probation staff tell us they cannot find settled housing for people being released, so they give them a tent and a list of shelters.",
        "Councils and prisons should share information earlier so that people released from prison have a home to go to on day one.",
    ];

    public static readonly IReadOnlyList<string> MentalHealth =
    [
        "People with serious mental illness are still held in police cells because no mental health bed or assessment is available.",
        "Liaison and diversion services in custody suites should be open at night, when many people in mental health crisis are arrested.",
        "Officers told us they wait hours with a detainee experiencing psychosis before a psychiatric assessment can be arranged.",
        "Custody staff need better training to recognise when someone detained is mentally unwell rather than simply uncooperative.",
        "A police cell is no place of safety for a person in acute mental distress, yet it is still used when health services are full.",
        "The inspection should look at how quickly detainees with mental health needs are seen by a nurse or doctor in custody.",
    ];

    public static readonly IReadOnlyList<string> Knives =
    [
        "More teenagers in our area are carrying knives because they say they feel unsafe on the way to and from school.",
        "Young people excluded from school are drawn into gangs and knife crime, and no agency seems to own the problem.",
        "Youth workers report that boys as young as thirteen carry blades for protection after friends were stabbed.",
        "The inspection should examine how police, schools and youth offending teams work together to stop children carrying weapons.",
        "Stabbings involving teenagers have risen sharply, and early intervention for young people at risk has been cut back.",
        "Knife possession by children is often linked to exploitation by older gang members, which agencies miss until it is too late.",
    ];

    public static IReadOnlyList<IReadOnlyList<string>> Themes => [Housing, MentalHealth, Knives];

    public static IEnumerable<string> All => Themes.SelectMany(t => t);
}
