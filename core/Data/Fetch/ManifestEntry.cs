namespace VaeSweep.Core.Data.Fetch;

/// <summary>
/// One file of a data set as published: its name, its size in bytes and its checksums (lower-case hex), each
/// null when no authoritative value is known. Every known value is checked before the file is accepted.
/// </summary>
public sealed record ManifestEntry(string FileName, long? Size, string? Md5, string? Sha256);
