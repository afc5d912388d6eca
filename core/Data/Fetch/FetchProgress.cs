namespace VaeSweep.Core.Data.Fetch;

/// <summary>Progress of one file: bytes on disk so far (a resumed download starts above 0) and the total when known.</summary>
public readonly record struct FetchProgress(string FileName, long BytesDone, long? BytesTotal);
