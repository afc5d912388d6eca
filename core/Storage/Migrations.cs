namespace VaeSweep.Core.Storage;

// The schema, as an ordered list of scripts. Migration n (1-based) takes the schema from version n-1 to n; the
// store applies each in the transaction that records it in schema_migrations, so a crash mid-migration leaves
// the previous version intact. Never edit a script that has shipped: append a new one.
internal static class Migrations
{
    // 'VAES' in ASCII: marks a file as a VaeSweep store in the SQLite header (PRAGMA application_id).
    public const int ApplicationId = 0x56414553;

    public static readonly IReadOnlyList<(string Name, string Sql)> All =
    [
        ("initial schema", Initial),
        ("per-point log-likelihoods", PerPoint),
        ("pack width", PackWidth),
        ("importance-weight diagnostics and the linear probe", KHatAndProbe),
        ("mutual information", MutualInformation),
        ("the M2 classifier's accuracy", ClassifierAccuracy),
        ("successive halving", Halving),
    ];

    public static int Latest => All.Count;

    private const string Initial = """
        PRAGMA application_id = 1447118163;

        CREATE TABLE sweeps (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL UNIQUE,
            config_text  TEXT NOT NULL,
            config_json  TEXT NOT NULL,
            created_utc  TEXT NOT NULL,
            updated_utc  TEXT NOT NULL
        );

        -- One row per distinct resolved config: a run key is a hash of the config, so two sweeps that plan the
        -- same run share its training and results rather than training it twice.
        CREATE TABLE runs (
            run_key           TEXT PRIMARY KEY,
            config_json       TEXT NOT NULL,
            state             TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','running','evaluating','completed','failed','diverged')),
            attempts          INTEGER NOT NULL DEFAULT 0,
            lease_owner       TEXT,
            lease_expires_utc TEXT,
            heartbeat_utc     TEXT,
            reason            TEXT,
            created_utc       TEXT NOT NULL,
            started_utc       TEXT,
            finished_utc      TEXT,
            train_seconds     REAL,
            -- One lease column pair per run makes "at most one lease per run" structural.
            CHECK ((lease_owner IS NULL) = (lease_expires_utc IS NULL)),
            -- Running always has an owner; evaluating may be unowned (released); nothing else holds a lease.
            CHECK (state <> 'running' OR lease_owner IS NOT NULL),
            CHECK (state IN ('running','evaluating') OR lease_owner IS NULL)
        );

        -- Membership of runs in sweeps, in plan order; the axes are how this sweep names the run.
        CREATE TABLE sweep_runs (
            sweep_id  INTEGER NOT NULL REFERENCES sweeps(id),
            run_key   TEXT NOT NULL REFERENCES runs(run_key),
            position  INTEGER NOT NULL,
            axes_json TEXT NOT NULL,
            PRIMARY KEY (sweep_id, run_key),
            UNIQUE (sweep_id, position)
        );
        CREATE INDEX sweep_runs_by_run ON sweep_runs(run_key);

        -- Metric columns are REAL without STRICT on purpose: NaN is stored as the TEXT 'NaN' (see SqlValues).
        CREATE TABLE epochs (
            run_key       TEXT NOT NULL REFERENCES runs(run_key),
            epoch         INTEGER NOT NULL CHECK (epoch >= 0),
            k             INTEGER NOT NULL,
            beta          REAL NOT NULL,
            lr            REAL NOT NULL,
            train_loss    REAL NOT NULL,
            train_elbo    REAL,
            train_recon   REAL,
            train_kl      REAL,
            valid_elbo    REAL,
            active_units  INTEGER,
            seconds       REAL NOT NULL,
            samples_per_s REAL NOT NULL,
            PRIMARY KEY (run_key, epoch)
        );

        CREATE TABLE evaluations (
            run_key           TEXT PRIMARY KEY REFERENCES runs(run_key),
            k                 INTEGER NOT NULL,
            log_likelihood    REAL NOT NULL,
            log_likelihood_se REAL NOT NULL,
            elbo              REAL,
            recon             REAL,
            kl                REAL,
            active_units      INTEGER,
            seconds           REAL NOT NULL,
            n_test            INTEGER NOT NULL
        );

        CREATE TABLE evaluation_bounds (
            run_key TEXT NOT NULL REFERENCES evaluations(run_key),
            k       INTEGER NOT NULL,
            value   REAL NOT NULL,
            se      REAL NOT NULL,
            PRIMARY KEY (run_key, k)
        );

        CREATE TABLE checkpoints (
            run_key     TEXT NOT NULL REFERENCES runs(run_key),
            epoch       INTEGER NOT NULL,
            path        TEXT NOT NULL,
            size        INTEGER NOT NULL,
            sha256      TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (run_key, epoch)
        );

        CREATE TABLE artifacts (
            id          INTEGER PRIMARY KEY,
            run_key     TEXT NOT NULL REFERENCES runs(run_key),
            kind        TEXT NOT NULL,
            path        TEXT NOT NULL,
            created_utc TEXT NOT NULL
        );

        CREATE TABLE events (
            id       INTEGER PRIMARY KEY,
            time_utc TEXT NOT NULL,
            run_key  TEXT REFERENCES runs(run_key),
            kind     TEXT NOT NULL,
            message  TEXT NOT NULL
        );
        CREATE INDEX events_by_run ON events(run_key, id);

        -- The run state machine, enforced below the C# code so that no write path can skip it.
        CREATE TRIGGER runs_state_machine BEFORE UPDATE OF state ON runs
        WHEN OLD.state || '>' || NEW.state NOT IN (
            'pending>running', 'running>running', 'running>evaluating', 'evaluating>evaluating',
            'evaluating>completed', 'running>failed', 'running>diverged', 'evaluating>failed',
            'evaluating>diverged', 'running>pending', 'failed>pending', 'diverged>pending')
        BEGIN
            SELECT RAISE(ABORT, 'illegal run state transition');
        END;

        -- Epoch rows and checkpoints belong to training: only a running run accepts them, so terminal runs
        -- stay immutable.
        CREATE TRIGGER epochs_only_while_running BEFORE INSERT ON epochs
        WHEN (SELECT state FROM runs WHERE run_key = NEW.run_key) IS NOT 'running'
        BEGIN
            SELECT RAISE(ABORT, 'epochs can only be recorded for a running run');
        END;

        CREATE TRIGGER evaluations_only_while_evaluating BEFORE INSERT ON evaluations
        WHEN (SELECT state FROM runs WHERE run_key = NEW.run_key) IS NOT 'evaluating'
        BEGIN
            SELECT RAISE(ABORT, 'an evaluation can only be recorded for an evaluating run');
        END;
        """;

    // The per-point log-likelihoods of an evaluation, so that runs measured on the same test points can be
    // compared point by point. Runs evaluated before this migration have no row here (and were measured on
    // test bits of their own seed): reports fall back to unpaired intervals for them.
    private const string PerPoint = """
        CREATE TABLE evaluation_points (
            run_key         TEXT PRIMARY KEY REFERENCES evaluations(run_key),
            -- Which test points, binarised how: runs pair only where this text is equal.
            points          TEXT NOT NULL,
            n               INTEGER NOT NULL,
            -- n little-endian float64 values in test-set order.
            log_likelihoods BLOB NOT NULL CHECK (length(log_likelihoods) = 8 * n)
        );

        CREATE TRIGGER evaluation_points_only_while_evaluating BEFORE INSERT ON evaluation_points
        WHEN (SELECT state FROM runs WHERE run_key = NEW.run_key) IS NOT 'evaluating'
        BEGIN
            SELECT RAISE(ABORT, 'per-point values can only be recorded for an evaluating run');
        END;
        """;

    // How many runs trained together in one packed step (vaesweep run --pack) at the run's latest training claim:
    // 1 for a lone run, null before its first claim. Results of a pack equal its runs' lone results only up to
    // floating-point rounding, so this says which a run's numbers are.
    private const string PackWidth = """
        ALTER TABLE runs ADD COLUMN pack_width INTEGER CHECK (pack_width IS NULL OR pack_width >= 1);
        """;

    // The Pareto k-hat of each evaluation's importance weights, summarised over the test points: the share above
    // 0.7 and the median (Runs.KHatSummary); and the linear probe's test accuracy on the posterior means.
    // Evaluations recorded before this migration keep NULL: unknown, not zero.
    private const string KHatAndProbe = """
        ALTER TABLE evaluations ADD COLUMN khat_unreliable_share REAL;
        ALTER TABLE evaluations ADD COLUMN khat_median REAL;
        ALTER TABLE evaluations ADD COLUMN probe_accuracy REAL;
        """;

    // I(x;z) of each evaluation with its standard error and the number of test points it was estimated on (it is
    // at most the log of that number). NULL before this migration and for categorical posteriors.
    private const string MutualInformation = """
        ALTER TABLE evaluations ADD COLUMN mutual_information REAL;
        ALTER TABLE evaluations ADD COLUMN mutual_information_se REAL;
        ALTER TABLE evaluations ADD COLUMN mutual_information_points INTEGER;
        """;

    // Migration 6: the accuracy of a semi-supervised (M2) run's classifier q(y|x), on the validation split after each
    // epoch and on the test split at the evaluation. A different concept from probe_accuracy (a linear classifier
    // fitted afterwards on the posterior means). NULL for other objectives and for rows recorded before it.
    private const string ClassifierAccuracy = """
        ALTER TABLE epochs ADD COLUMN classifier_accuracy REAL;
        ALTER TABLE evaluations ADD COLUMN classifier_accuracy REAL;
        """;

    // Successive halving (Config.HalvingRule): the state 'stopped' with its two transitions, and each rung's values
    // and decisions. SQLite cannot alter a CHECK constraint, so runs is rebuilt: its rows are kept aside, the table
    // is dropped and made again with the wider CHECK (every column of migrations 1 and 3, in the same order), and the
    // rows go back. Foreign keys stay on, deferred to the commit, where every child row finds its run again; the
    // state-machine trigger, dropped with the table, is made again with the new transitions. runs has no index
    // beyond its primary key; the triggers of other tables that read it are untouched.
    private const string Halving = """
        PRAGMA defer_foreign_keys = ON;
        CREATE TEMP TABLE runs_before_halving AS SELECT * FROM runs;
        DROP TABLE runs;
        CREATE TABLE runs (
            run_key           TEXT PRIMARY KEY,
            config_json       TEXT NOT NULL,
            state             TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','running','evaluating','completed','failed','diverged','stopped')),
            attempts          INTEGER NOT NULL DEFAULT 0,
            lease_owner       TEXT,
            lease_expires_utc TEXT,
            heartbeat_utc     TEXT,
            reason            TEXT,
            created_utc       TEXT NOT NULL,
            started_utc       TEXT,
            finished_utc      TEXT,
            train_seconds     REAL,
            pack_width        INTEGER CHECK (pack_width IS NULL OR pack_width >= 1),
            CHECK ((lease_owner IS NULL) = (lease_expires_utc IS NULL)),
            CHECK (state <> 'running' OR lease_owner IS NOT NULL),
            CHECK (state IN ('running','evaluating') OR lease_owner IS NULL)
        );
        INSERT INTO runs SELECT * FROM runs_before_halving;
        DROP TABLE runs_before_halving;

        CREATE TRIGGER runs_state_machine BEFORE UPDATE OF state ON runs
        WHEN OLD.state || '>' || NEW.state NOT IN (
            'pending>running', 'running>running', 'running>evaluating', 'evaluating>evaluating',
            'evaluating>completed', 'running>failed', 'running>diverged', 'evaluating>failed',
            'evaluating>diverged', 'running>pending', 'failed>pending', 'diverged>pending',
            'pending>stopped', 'stopped>pending')
        BEGIN
            SELECT RAISE(ABORT, 'illegal run state transition');
        END;

        -- One row per run that reached a rung of a sweep's halving: its validation bound there, and the rung's
        -- decision (NULL while the rung waits for the rest of the sweep's competition). A run shared by two
        -- sweeps has rows for each: every sweep halves its own runs.
        CREATE TABLE rungs (
            sweep_id     INTEGER NOT NULL REFERENCES sweeps(id),
            rung         INTEGER NOT NULL CHECK (rung >= 1),
            run_key      TEXT NOT NULL REFERENCES runs(run_key),
            k            INTEGER NOT NULL CHECK (k >= 1),
            value        REAL NOT NULL,
            decision     TEXT CHECK (decision IN ('kept','stopped')),
            recorded_utc TEXT NOT NULL,
            decided_utc  TEXT,
            PRIMARY KEY (sweep_id, rung, run_key),
            CHECK ((decision IS NULL) = (decided_utc IS NULL))
        );
        CREATE INDEX rungs_by_run ON rungs(run_key);
        """;
}
