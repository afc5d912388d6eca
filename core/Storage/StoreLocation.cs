namespace VaeSweep.Core.Storage;

/// <summary>
/// Where a store is, as the user writes it after --store: a postgresql:// URL names a <see cref="PostgresStore"/>,
/// anything else a SQLite file (<see cref="Store"/>, the default on one machine).
/// </summary>
public static class StoreLocation
{
    public static bool IsServer(string location) => PostgresUrl.IsUrl(location);

    /// <exception cref="StoreException">A URL of another scheme (a typo such as postgresq://), or whatever the store's
    /// own Open refuses.</exception>
    public static IStore Open(string location, TimeProvider? time = null)
    {
        if (IsServer(location)) return PostgresStore.Open(location, time);
        RefuseOtherUrls(location);
        return Store.Open(location, time);
    }

    /// <summary>Opens a store for commands that only read: a file read-only (nothing created behind a typo, nothing
    /// left beside another user's store); a server store as <see cref="Open"/> does, since reading takes no
    /// writes there.</summary>
    public static IStore OpenForReading(string location)
    {
        if (IsServer(location)) return PostgresStore.Open(location);
        RefuseOtherUrls(location);
        return Store.OpenReadOnly(location);
    }

    private static void RefuseOtherUrls(string location)
    {
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
            throw new StoreException(
                $"store '{PostgresUrl.Redact(location)}': unknown URL scheme '{location[..scheme]}'; use {PostgresUrl.Form} or a file path");
    }

    /// <summary>The location as another process of this program is handed it: a file as an absolute path (the
    /// process may start elsewhere); a URL without its password, which comes back separately so that the caller
    /// can pass it as PGPASSWORD, out of sight of `ps`.</summary>
    public static (string Location, string? Password) ForAnotherProcess(string location)
    {
        if (!IsServer(location)) return (System.IO.Path.GetFullPath(location), null);
        var (builder, withoutPassword) = PostgresUrl.Parse(location);
        return (withoutPassword, builder.Password);
    }
}
