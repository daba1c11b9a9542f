using System.Security.Cryptography;

namespace JointInspection.Web.Infrastructure;

/// <summary>
/// This portal process among the nodes on one database: the name its claims carry (an email being sent, an export
/// being written). The machine, the process and a random part, so that a restarted process on the same machine (which
/// may get the same process id) is another node, and never mistakes its predecessor's claims for its own.
/// </summary>
public sealed class PortalNode
{
    public string Name { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
