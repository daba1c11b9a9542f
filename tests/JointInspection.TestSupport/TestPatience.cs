using System.Globalization;

namespace JointInspection.TestSupport;

/// <summary>
/// How long a test waits for something that will happen (a response, an email, a provider's answer) before it calls
/// it lost. Tests wait on the event itself; this is only the net under a hang, far beyond what a busy machine takes,
/// so that a slow run is never a failed one.
/// </summary>
public static class TestPatience
{
    public static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(5);

    public static string SafetyNetSeconds => SafetyNet.TotalSeconds.ToString(CultureInfo.InvariantCulture);
}
