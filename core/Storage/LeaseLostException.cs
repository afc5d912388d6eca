using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>
/// Thrown by an owner-checked write (<c>RecordEpoch</c>, <c>MarkEvaluating</c>, <c>Complete</c>, ...) when the
/// caller no longer holds the run: another process took the lease over, or the run is already terminal. The
/// caller must stop working on that run at once; nothing it tried to write was recorded.
/// </summary>
public sealed class LeaseLostException : StoreException
{
    public LeaseLostException(RunKey runKey, string message) : base(message) => RunKey = runKey;

    public RunKey RunKey { get; }
}
