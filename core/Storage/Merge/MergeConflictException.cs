namespace VaeSweep.Core.Storage;

/// <summary>
/// Stores to be merged disagree: a run recorded with different results, a sweep with different configs, or two
/// runs at one position of a sweep. Nothing has been written when it is thrown.
/// </summary>
public sealed class MergeConflictException(string message) : StoreException(message);
