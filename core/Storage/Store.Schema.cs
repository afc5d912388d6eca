using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Storage;

public sealed partial class Store
{
    /// <summary>The schema version this build creates and understands.</summary>
    public static int SchemaVersion => Migrations.Latest;

    private void Initialise()
    {
        // Look before touching anything: switching journal mode or creating tables in somebody else's file
        // would modify it.
        using (var session = Connect())
        {
            CheckOwnership(session);
            var mode = (string?)session.Scalar("PRAGMA journal_mode");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                mode = (string?)session.Scalar("PRAGMA journal_mode = WAL");
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new StoreException(
                        $"store {Path}: cannot switch to WAL journaling (got '{mode}'); " +
                        "put the store on a local file system");
                }
            }
        }

        // One transaction per migration, each re-reading the version under the write lock, so two processes
        // opening a new store at once apply every migration exactly once.
        while (Write(ApplyNextMigration))
        {
        }
    }

    private bool ApplyNextMigration(SqlSession session)
    {
        var version = CheckOwnership(session);
        if (version >= Migrations.Latest)
        {
            return false;
        }
        var (name, sql) = Migrations.All[version];
        session.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     INTEGER PRIMARY KEY,
                name        TEXT NOT NULL,
                applied_utc TEXT NOT NULL
            )
            """);
        session.Execute(sql);
        // A cut here leaves the migration's tables written but uncommitted: the next open must roll them back.
        FaultPoints.Hit("during-migration");
        session.Execute("INSERT INTO schema_migrations (version, name, applied_utc) VALUES ($v, $n, $t)",
            ("$v", version + 1), ("$n", name), ("$t", SqlValues.Time(Now)));
        return true;
    }

    // Returns the schema version (0 for a new, empty file) or throws if the file is not ours to use.
    private int CheckOwnership(SqlSession session)
    {
        // One statement, so one snapshot: read apart, another process's first migration could commit in between
        // (its tables counted, its application_id not yet seen), and a store opened by two `run`s at once was
        // refused as "belongs to another program".
        var (applicationId, tables) = session.Query("""
            SELECT (SELECT application_id FROM pragma_application_id()),
                   (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%')
            """, r => (r.GetInt32(0), r.GetInt64(1))).Single();
        if (applicationId == 0 && tables == 0)
        {
            return 0;
        }
        if (applicationId != Migrations.ApplicationId)
        {
            throw new StoreException(
                $"store {Path}: this SQLite file belongs to another program (application_id {applicationId}, " +
                $"{tables} tables, no VaeSweep schema); VaeSweep will not modify it: choose another store path");
        }
        var version = Convert.ToInt32(session.Scalar("SELECT coalesce(max(version), 0) FROM schema_migrations"));
        if (version > Migrations.Latest)
        {
            throw new StoreException(
                $"store {Path}: schema version {version} was written by a newer VaeSweep; this build knows " +
                $"versions up to {Migrations.Latest}: upgrade VaeSweep to use this store");
        }
        return version;
    }
}
