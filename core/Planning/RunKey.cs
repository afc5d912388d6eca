using System.Security.Cryptography;
using System.Text;
using VaeSweep.Core.Config;

namespace VaeSweep.Core.Planning;

/// <summary>
/// A run's identity: the first 16 hex digits of the SHA-256 of its canonical config. It depends on what the
/// run computes, never on its position in the grid or on the sweep's name, so extending a sweep keeps keys.
/// </summary>
public readonly record struct RunKey(string Value)
{
    public const int Length = 16;

    public static RunKey Of(RunConfig config) => FromCanonicalJson(CanonicalConfig.ToJson(config));

    public static RunKey FromCanonicalJson(string canonicalJson)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson));
        return new RunKey(Convert.ToHexStringLower(hash)[..Length]);
    }

    public override string ToString() => Value;
}
