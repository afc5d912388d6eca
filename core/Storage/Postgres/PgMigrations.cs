namespace VaeSweep.Core.Storage;

// The PostgreSQL schema as numbered migrations, table for table and trigger for trigger the same as Migrations
// (SQLite): times are timestamptz and metrics double precision, which keeps NaN and infinities as they are.
// Never edit a script that has shipped: append a new one.
internal static class PgMigrations
{
    // 'VAES': the advisory lock that serialises migrations of one database between processes.
    public const long LockKey = 0x56414553;

    public static readonly IReadOnlyList<(string Name, string Sql)> All =
    [
        ("initial schema", Initial),
        ("pack width", PackWidth),
        ("importance-weight diagnostics and the linear probe", KHatAndProbe),
        ("per-point log-likelihoods", PerPoint),
        ("mutual information", MutualInformation),
        ("the M2 classifier's accuracy", ClassifierAccuracy),
        ("successive halving", Halving),
    ];

    public static int Latest => All.Count;

    private const string Initial = """
        CREATE TABLE sweeps (
            id           bigserial PRIMARY KEY,
            name         text NOT NULL UNIQUE,
            config_text  text NOT NULL,
            config_json  text NOT NULL,
            created_utc  timestamptz NOT NULL,
            updated_utc  timestamptz NOT NULL
        );

        CREATE TABLE runs (
            run_key           text PRIMARY KEY,
            config_json       text NOT NULL,
            state             text NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending','running','evaluating','completed','failed','diverged')),
            attempts          integer NOT NULL DEFAULT 0,
            lease_owner       text,
            lease_expires_utc timestamptz,
            heartbeat_utc     timestamptz,
            reason            text,
            created_utc       timestamptz NOT NULL,
            started_utc       timestamptz,
            finished_utc      timestamptz,
            train_seconds     double precision,
            CHECK ((lease_owner IS NULL) = (lease_expires_utc IS NULL)),
            CHECK (state <> 'running' OR lease_owner IS NOT NULL),
            CHECK (state IN ('running','evaluating') OR lease_owner IS NULL)
        );

        CREATE TABLE sweep_runs (
            sweep_id  bigint NOT NULL REFERENCES sweeps(id),
            run_key   text NOT NULL REFERENCES runs(run_key),
            position  bigint NOT NULL,
            axes_json text NOT NULL,
            PRIMARY KEY (sweep_id, run_key),
            UNIQUE (sweep_id, position)
        );
        CREATE INDEX sweep_runs_by_run ON sweep_runs(run_key);

        CREATE TABLE epochs (
            run_key       text NOT NULL REFERENCES runs(run_key),
            epoch         integer NOT NULL CHECK (epoch >= 0),
            k             integer NOT NULL,
            beta          double precision NOT NULL,
            lr            double precision NOT NULL,
            train_loss    double precision NOT NULL,
            train_elbo    double precision,
            train_recon   double precision,
            train_kl      double precision,
            valid_elbo    double precision,
            active_units  integer,
            seconds       double precision NOT NULL,
            samples_per_s double precision NOT NULL,
            PRIMARY KEY (run_key, epoch)
        );

        CREATE TABLE evaluations (
            run_key           text PRIMARY KEY REFERENCES runs(run_key),
            k                 integer NOT NULL,
            log_likelihood    double precision NOT NULL,
            log_likelihood_se double precision NOT NULL,
            elbo              double precision,
            recon             double precision,
            kl                double precision,
            active_units      integer,
            seconds           double precision NOT NULL,
            n_test            integer NOT NULL
        );

        CREATE TABLE evaluation_bounds (
            run_key text NOT NULL REFERENCES evaluations(run_key),
            k       integer NOT NULL,
            value   double precision NOT NULL,
            se      double precision NOT NULL,
            PRIMARY KEY (run_key, k)
        );

        CREATE TABLE checkpoints (
            run_key     text NOT NULL REFERENCES runs(run_key),
            epoch       integer NOT NULL,
            path        text NOT NULL,
            size        bigint NOT NULL,
            sha256      text NOT NULL,
            created_utc timestamptz NOT NULL,
            PRIMARY KEY (run_key, epoch)
        );

        CREATE TABLE artifacts (
            id          bigserial PRIMARY KEY,
            run_key     text NOT NULL REFERENCES runs(run_key),
            kind        text NOT NULL,
            path        text NOT NULL,
            created_utc timestamptz NOT NULL
        );

        CREATE TABLE events (
            id       bigserial PRIMARY KEY,
            time_utc timestamptz NOT NULL,
            run_key  text REFERENCES runs(run_key),
            kind     text NOT NULL,
            message  text NOT NULL
        );
        CREATE INDEX events_by_run ON events(run_key, id);

        CREATE FUNCTION runs_state_machine() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.state || '>' || NEW.state NOT IN (
                'pending>running', 'running>running', 'running>evaluating', 'evaluating>evaluating',
                'evaluating>completed', 'running>failed', 'running>diverged', 'evaluating>failed',
                'evaluating>diverged', 'running>pending', 'failed>pending', 'diverged>pending') THEN
                RAISE EXCEPTION 'illegal run state transition';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER runs_state_machine BEFORE UPDATE OF state ON runs
            FOR EACH ROW EXECUTE FUNCTION runs_state_machine();

        CREATE FUNCTION epochs_only_while_running() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT state FROM runs WHERE run_key = NEW.run_key) IS DISTINCT FROM 'running' THEN
                RAISE EXCEPTION 'epochs can only be recorded for a running run';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER epochs_only_while_running BEFORE INSERT ON epochs
            FOR EACH ROW EXECUTE FUNCTION epochs_only_while_running();

        CREATE FUNCTION evaluations_only_while_evaluating() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT state FROM runs WHERE run_key = NEW.run_key) IS DISTINCT FROM 'evaluating' THEN
                RAISE EXCEPTION 'an evaluation can only be recorded for an evaluating run';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER evaluations_only_while_evaluating BEFORE INSERT ON evaluations
            FOR EACH ROW EXECUTE FUNCTION evaluations_only_while_evaluating();
        """;

    // SQLite migration 3 (PostgreSQL's numbers differ from here on: its per-point table came last, as migration 4).
    private const string PackWidth = """
        ALTER TABLE runs ADD COLUMN pack_width integer CHECK (pack_width IS NULL OR pack_width >= 1);
        """;

    // SQLite migration 4: the Pareto k-hat summary and the linear probe's accuracy of each evaluation (NULL for
    // evaluations recorded before it).
    private const string KHatAndProbe = """
        ALTER TABLE evaluations ADD COLUMN khat_unreliable_share double precision;
        ALTER TABLE evaluations ADD COLUMN khat_median double precision;
        ALTER TABLE evaluations ADD COLUMN probe_accuracy double precision;
        """;

    // SQLite migration 5: I(x;z) of each evaluation, its standard error and its number of test points.
    private const string MutualInformation = """
        ALTER TABLE evaluations ADD COLUMN mutual_information double precision;
        ALTER TABLE evaluations ADD COLUMN mutual_information_se double precision;
        ALTER TABLE evaluations ADD COLUMN mutual_information_points integer;
        """;

    // SQLite migration 2: the per-point log-likelihoods of an evaluation, so runs on the same test points pair.
    private const string PerPoint = """
        CREATE TABLE evaluation_points (
            run_key         text PRIMARY KEY REFERENCES evaluations(run_key),
            points          text NOT NULL,
            n               integer NOT NULL,
            -- n little-endian float64 values in test-set order.
            log_likelihoods bytea NOT NULL CHECK (length(log_likelihoods) = 8 * n)
        );

        CREATE FUNCTION evaluation_points_only_while_evaluating() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (SELECT state FROM runs WHERE run_key = NEW.run_key) IS DISTINCT FROM 'evaluating' THEN
                RAISE EXCEPTION 'per-point values can only be recorded for an evaluating run';
            END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER evaluation_points_only_while_evaluating BEFORE INSERT ON evaluation_points
            FOR EACH ROW EXECUTE FUNCTION evaluation_points_only_while_evaluating();
        """;

    // SQLite migration 6: the M2 classifier's accuracy per epoch (validation) and per evaluation (test).
    private const string ClassifierAccuracy = """
        ALTER TABLE epochs ADD COLUMN classifier_accuracy double precision;
        ALTER TABLE evaluations ADD COLUMN classifier_accuracy double precision;
        """;

    // SQLite migration 7: the state 'stopped' with its transitions, and each rung's values and decisions. PostgreSQL
    // alters the CHECK in place (its default name for the column's constraint) and replaces the trigger's function.
    private const string Halving = """
        ALTER TABLE runs DROP CONSTRAINT runs_state_check;
        ALTER TABLE runs ADD CONSTRAINT runs_state_check
            CHECK (state IN ('pending','running','evaluating','completed','failed','diverged','stopped'));

        CREATE OR REPLACE FUNCTION runs_state_machine() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.state || '>' || NEW.state NOT IN (
                'pending>running', 'running>running', 'running>evaluating', 'evaluating>evaluating',
                'evaluating>completed', 'running>failed', 'running>diverged', 'evaluating>failed',
                'evaluating>diverged', 'running>pending', 'failed>pending', 'diverged>pending',
                'pending>stopped', 'stopped>pending') THEN
                RAISE EXCEPTION 'illegal run state transition';
            END IF;
            RETURN NEW;
        END $$;

        CREATE TABLE rungs (
            sweep_id     bigint NOT NULL REFERENCES sweeps(id),
            rung         integer NOT NULL CHECK (rung >= 1),
            run_key      text NOT NULL REFERENCES runs(run_key),
            k            integer NOT NULL CHECK (k >= 1),
            value        double precision NOT NULL,
            decision     text CHECK (decision IN ('kept','stopped')),
            recorded_utc timestamptz NOT NULL,
            decided_utc  timestamptz,
            PRIMARY KEY (sweep_id, rung, run_key),
            CHECK ((decision IS NULL) = (decided_utc IS NULL))
        );
        CREATE INDEX rungs_by_run ON rungs(run_key);
        """;
}
