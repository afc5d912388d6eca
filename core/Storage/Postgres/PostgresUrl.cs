using Npgsql;

namespace VaeSweep.Core.Storage;

// postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE, as libpq writes it, into Npgsql's settings. A password left
// out of the URL comes from PGPASSWORD or ~/.pgpass, which Npgsql reads itself.
internal static class PostgresUrl
{
    public const string Form = "postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE";

    public static bool IsUrl(string location) =>
        location.StartsWith("postgresql://", StringComparison.Ordinal) || location.StartsWith("postgres://", StringComparison.Ordinal);

    public static (NpgsqlConnectionStringBuilder Builder, string Location) Parse(string url)
    {
        if (!IsUrl(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw Bad(url, "it does not start with postgresql://HOST");
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/')) throw Bad(url, "it names no database after the host");
        if (uri.Query.Length > 0) throw Bad(url, $"query settings ({uri.Query}) are not supported");
        var user = uri.UserInfo.Split(':', 2);
        if (user[0].Length == 0) throw Bad(url, "it names no user before @");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = database,
            Username = Uri.UnescapeDataString(user[0]),
            Timeout = 10,
            // A worker that dies mid-transaction is noticed by the server within this long, and its locks freed.
            KeepAlive = 10,
        };
        if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        var location = $"postgresql://{Uri.EscapeDataString(builder.Username)}@{builder.Host}:{builder.Port}/{Uri.EscapeDataString(database)}";
        return (builder, location);
    }

    private static StoreException Bad(string url, string why) =>
        new($"store URL '{Redact(url)}' is not {Form}: {why}");

    // The password never goes into a message.
    public static string Redact(string url)
    {
        var at = url.LastIndexOf('@');
        var colon = at < 0 ? -1 : url.LastIndexOf(':', at);
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        return colon > schemeEnd + 2 ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
