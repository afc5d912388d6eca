using VaeSweep.Core.Config;

namespace VaeSweep.Core.Storage;

/// <summary>Something worth telling the user later: a failure, a takeover, a checkpoint fallback.</summary>
/// <param name="RunKey">The run concerned, or null for an event about the whole store or sweep.</param>
public sealed record EventRow(long Id, DateTimeOffset TimeUtc, RunKey? RunKey, string Kind, string Message);
