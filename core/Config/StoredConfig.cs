using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace VaeSweep.Core.Config;

/// <summary>
/// A run config as a store recorded it, parsed once when the row holding it is built. A config an older build wrote
/// that this one cannot read must not stop the row from being read (merge copies its JSON, status counts it), so
/// its parse error is kept and thrown where the config itself is asked for, where the caller can say which run.
/// Two are equal when their JSON is.
/// </summary>
internal sealed class StoredConfig : IEquatable<StoredConfig>
{
    private readonly string json;
    private readonly RunConfig? config;
    private readonly ExceptionDispatchInfo? error;

    public StoredConfig(string json)
    {
        this.json = json;
        try
        {
            config = CanonicalConfig.FromJson(json);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            error = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>The parsed config; throws the recorded FormatException or JsonException for one this build cannot read.</summary>
    public RunConfig Value
    {
        get
        {
            error?.Throw();
            return config!;
        }
    }

    public bool Equals(StoredConfig? other) => other is not null && other.json == json;
    public override bool Equals(object? obj) => Equals(obj as StoredConfig);
    public override int GetHashCode() => json.GetHashCode(StringComparison.Ordinal);
}
