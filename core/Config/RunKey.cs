using System.Security.Cryptography;
using System.Text;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Config;

/// <summary>
/// A run's identity: the first 16 hex digits of the SHA-256 of its canonical config without execution settings
/// (<see cref="CanonicalConfig.IdentityJson"/>). It depends on what the run estimates, never on its position in
/// the grid, on the sweep's name or on how often it checkpoints, so extending a sweep keeps keys.
/// </summary>
public readonly record struct RunKey(string Value)
{
    public const int Length = 16;

    public static RunKey Of(RunConfig config)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalConfig.IdentityJson(config)));
        return new RunKey(Convert.ToHexStringLower(hash)[..Length]);
    }

    public override string ToString() => Value;
}
