namespace JointInspection.DevServices.Identity;

/// <summary>
/// Someone the development identity provider can sign in as. <see cref="StaffRole"/> and
/// <see cref="InspectorateCode"/> are what the portal's dev seed grants them; members of the public have neither.
/// </summary>
public sealed record DemoPerson(string Subject, string Name, string Email, string Description, string? StaffRole = null, string? InspectorateCode = null)
{
    public bool IsStaff => StaffRole is not null;
}

/// <summary>
/// The demo people: the four chief inspectors named in the first round's plan, a secretariat officer at the chairing
/// inspectorate, an admin, and two members of the public. Every address is on a reserved domain (RFC 2606), so
/// nothing the portal sends them can reach a real mailbox.
/// </summary>
public static class DemoPeople
{
    public static IReadOnlyList<DemoPerson> All { get; } =
    [
        new("andrew-cayley", "Andrew Cayley", "andrew.cayley@hmcpsi.example", "Chief Inspector, HMCPSI", "ChiefInspector", "hmcpsi"),
        new("justin-russell", "Justin Russell", "justin.russell@hmi-probation.example", "Chief Inspector, HMI Probation (Chair)", "ChiefInspector", "hmi-probation"),
        new("charlie-taylor", "Charlie Taylor", "charlie.taylor@hmi-prisons.example", "Chief Inspector, HMI Prisons", "ChiefInspector", "hmi-prisons"),
        new("thomas-winsor", "Sir Thomas Winsor", "thomas.winsor@hmicfrs.example", "Chief Inspector, HMICFRS", "ChiefInspector", "hmicfrs"),
        new("priya-shah", "Priya Shah", "priya.shah@hmi-probation.example", "Secretariat officer, HMI Probation", "Secretariat", "hmi-probation"),
        new("alex-morgan", "Alex Morgan", "alex.morgan@cjji.example", "Portal admin", "Admin"),
        new("sam-okafor", "Sam Okafor", "sam.okafor@victims-voice.example", "Member of the public, writing for a victims' charity"),
        new("morgan-lee", "Morgan Lee", "morgan.lee@mail.example", "Member of the public"),
    ];

    public static DemoPerson? Find(string? email) =>
        All.FirstOrDefault(person => string.Equals(person.Email, email, StringComparison.OrdinalIgnoreCase));
}
