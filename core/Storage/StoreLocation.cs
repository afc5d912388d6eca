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
        var scheme = location.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
            throw new StoreException(
                $"store '{location}': unknown URL scheme '{location[..scheme]}'; use {PostgresUrl.Form} or a file path");
        return Store.Open(location, time);
    }
}
