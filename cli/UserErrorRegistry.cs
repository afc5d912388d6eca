namespace VaeSweep.Cli;

/// <summary>Exit codes of the user-facing exception types of each core area (config, data, store).</summary>
internal static class UserErrorRegistry
{
    private static readonly Dictionary<string, int> ByTypeName = new()
    {
        ["ConfigException"] = ExitCodes.ConfigError,
        ["DataException"] = ExitCodes.DataError,
        ["StoreException"] = ExitCodes.StoreError,
        ["ReportException"] = ExitCodes.Usage,
        // A checkpoint is a stored result: a missing or damaged one (export) is a store problem the user can see.
        ["CheckpointException"] = ExitCodes.StoreError,
    };

    public static int? ExitCodeOf(Exception e) => ByTypeName.TryGetValue(e.GetType().Name, out var code) ? code : null;
}
