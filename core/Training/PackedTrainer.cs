using System.Diagnostics;
using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>
/// Trains the runs of a pack together (see <see cref="PackCompatibility"/> for which runs may share one): parameters
/// stacked with a leading run dimension (<see cref="PackedVae"/>), one objective, backward and fused Adam step
/// (<see cref="PackedAdam"/>) per batch for all runs. Each run keeps what makes it itself: its own generator
/// (initialisation and noise), data order and binarisation from its own seed, its own beta, warm-up, objective, KL
/// estimator, learning rate and Adam settings, a categorical latent's Gumbel noise and temperature schedule, M2's alpha
/// and batches. So each run's result is its lone run's, up to floating-point rounding.
/// <para>
/// Each run's <see cref="ITrainingRecorder"/> sees exactly what a single <see cref="Trainer"/> would show it: resume
/// from its newest valid checkpoint (runs that resume at different epochs join the pack when it reaches theirs),
/// epoch rows, checkpoints in the single-run format (sliced from the pack into an ordinary Vae and Adam, so status,
/// export, report and <see cref="Evaluation.Evaluator"/> see an ordinary run), and divergence: a run whose loss
/// stops being finite gets its epoch row up to that batch and a Diverged result, and leaves the pack while the others
/// go on. A run whose recorder stops (interrupt, lost lease) leaves the same way, Interrupted.
/// </para>
/// <para>
/// Use: <c>using var t = new PackedTrainer(runs, data, device); var results = t.Train();</c> gives one
/// <see cref="TrainingResult"/> per run, in the order given. <see cref="Model"/> gives each run's final model, which
/// the scheduler packs again to evaluate the finished runs together (Evaluation.PackedEvaluator).
/// </para>
/// </summary>
public sealed class PackedTrainer : IDisposable
{
    private readonly DataBundle data;
    private readonly Device device;
    private readonly List<Member> members;
    // The runs in the pack now, in pack order, and the pack itself (null while empty).
    private readonly List<Member> active = [];
    private PackedVae? pack;
    private PackedAdam? adam;

    private sealed class Member(PackedRun run, Generator generator, Vae model, Adam adam, BatchSource train, M2Batches? m2)
    {
        public PackedRun Run { get; } = run;
        public Generator Generator { get; } = generator;
        /// <summary>The run as a lone model and optimiser: what it is packed from and sliced back into.</summary>
        public Vae Model { get; } = model;
        public Adam Adam { get; } = adam;
        public BatchSource Train { get; } = train;
        /// <summary>An M2 run's labelled and unlabelled batches; null for other runs.</summary>
        public M2Batches? M2 { get; } = m2;
        public (int[]? Unlabelled, int[] Labelled) M2Orders { get; set; }
        public int Start { get; set; }
        /// <summary>The epoch it trains to in this call: its rung, or the last.</summary>
        public int End { get; set; }
        public TrainingResult? Result { get; set; }
        public double[] Sums { get; } = new double[5];
        public int Seen { get; set; }
        public int[] Order { get; set; } = [];
        public string? Failure { get; set; }
    }

    public PackedTrainer(IReadOnlyList<PackedRun> runs, DataBundle data, Device device)
    {
        if (runs.Count == 0) throw new ArgumentException("a pack needs at least one run", nameof(runs));
        foreach (var r in runs.Skip(1))
            if (PackCompatibility.Conflict(runs[0].Config, r.Config) is { } why)
                throw new ArgumentException($"run {r.RunKey} cannot share a pack with {runs[0].RunKey}: {why}");
        this.data = data;
        this.device = device;
        members = [];
        try
        {
            foreach (var run in runs) members.Add(NewMember(run));
        }
        catch
        {
            // Out of memory part way (a pack too wide for the device): what was built is freed now, not at some
            // later collection, so that the narrower pack tried next has the memory.
            Dispose();
            throw;
        }
    }

    private Member NewMember(PackedRun run)
    {
        var c = run.Config;
        // Built exactly as Trainer builds a run, so its generator initialises it as its lone run.
        var generator = new Generator(unchecked((ulong)c.Seed), device);
        Vae? model = null;
        try
        {
            model = Vae.For(c, data.Dim, generator, device);
            var adam = new Adam(model.Parameters(), c.Training.Lr, c.Training.Beta1, c.Training.Beta2, c.Training.Eps);
            var train = new BatchSource(data.Train, Binarizer.For(c.Data, c.Seed, data.IsBinary), c.Training.BatchSize, device);
            var m2 = model.IsM2 ? new M2Batches(data.Train, c, data.IsBinary, device) : null;
            return new Member(run, generator, model, adam, train, m2);
        }
        catch
        {
            model?.Dispose();
            generator.Dispose();
            throw;
        }
    }

    /// <summary>Run <paramref name="index"/> (in the order given) as a lone model, after the last finished epoch.</summary>
    public Vae Model(int index) => members[index].Model;

    /// <param name="stopAt">An epoch to stop at, checkpointed, before the last (a halving rung): each run that reaches
    /// it leaves the pack there with <see cref="TrainingOutcome.ReachedRung"/>; a run resumed past it ignores it.</param>
    public IReadOnlyList<TrainingResult> Train(int? stopAt = null)
    {
        var clock = Stopwatch.StartNew();
        var epochs = members[0].Run.Config.Training.Epochs;
        foreach (var m in members)
        {
            var r = m.Run;
            m.Start = Trainer.LoadNewestValid(Path.Combine(r.RunFolder, "checkpoints"), r.RunKey, m.Model, m.Adam,
                m.Generator, r.Recorder, forgetRejected: true);
            r.Recorder.DiscardEpochsFrom(m.Start);
            if (m.Start > 0) r.Recorder.Event("resumed", $"resumed after epoch {m.Start} from its checkpoint");
            m.End = Trainer.EndEpoch(m.Start, stopAt, epochs);
            if (m.Start >= epochs) m.Result = new(TrainingOutcome.Finished, null, epochs, 0);
        }
        try
        {
            for (var epoch = members.Min(m => m.Start); epoch < epochs; epoch++)
            {
                var joining = members.Where(m => m.Start == epoch && m.Result is null).ToList();
                var stopping = active.Concat(joining).Where(m => !m.Run.Recorder.ShouldContinue).ToList();
                foreach (var m in stopping)
                    m.Result = new(TrainingOutcome.Interrupted, "stopped before epoch " + epoch, epoch, clock.Elapsed.TotalSeconds);
                // At its rung a run leaves the pack with its checkpoint written; the others go on without it.
                var reaching = active.Concat(joining).Where(m => m.Result is null && m.End == epoch && epoch < epochs).ToList();
                foreach (var m in reaching)
                    m.Result = new(TrainingOutcome.ReachedRung, null, epoch, clock.Elapsed.TotalSeconds);
                stopping.AddRange(reaching);
                if (joining.Count > 0 || stopping.Count > 0)
                    Repack(active.Concat(joining).Where(m => m.Result is null).ToList());
                if (active.Count == 0) continue;
                RunEpoch(epoch, clock);
            }
        }
        finally
        {
            Repack([]);
        }
        return members.Select(m => m.Result ?? new(TrainingOutcome.Finished, null, epochs, clock.Elapsed.TotalSeconds)).ToList();
    }

    /// <summary>Replaces the pack with one of <paramref name="next"/>: the current runs are first sliced back into
    /// their lone models and optimisers, which are then packed again, so leaving or joining changes no run.</summary>
    private void Repack(List<Member> next)
    {
        if (pack is not null && adam is not null)
            for (var i = 0; i < active.Count; i++)
            {
                pack.CopyRunInto(i, active[i].Model);
                adam.CopyRunInto(i, active[i].Adam, PackedVae.RunLayout);
            }
        pack?.Dispose();
        adam?.Dispose();
        pack = null;
        adam = null;
        active.Clear();
        active.AddRange(next);
        if (next.Count == 0) return;
        pack = PackedVae.FromRuns(next[0].Run.Config.Model, next.Select(m => m.Model).ToList());
        adam = PackedAdam.FromRuns(pack.Parameters(), next.Select(m => m.Adam).ToList(), PackedVae.RunLayout);
    }

    private void RunEpoch(int epoch, Stopwatch total)
    {
        var clock = Stopwatch.StartNew();
        var first = active[0].Run.Config;
        var k = Schedules.KAt(first.Objective, epoch);
        // Runs of a pack share their labelled set (PackCompatibility), so an M2 pack's runs take the same number of steps.
        var batches = active[0].M2?.StepCount ?? active[0].Train.BatchCount;
        foreach (var m in active)
        {
            Array.Clear(m.Sums);
            m.Seen = 0;
            m.Failure = null;
            if (m.M2 is null) m.Order = DataRandom.EpochOrder(m.Run.Config.Seed, epoch, data.Train.Count);
            else m.M2Orders = m.M2.Orders(epoch);
        }
        for (var b = 0; b < batches && active.Count > 0; b++)
        {
            var leaving = new List<Member>();
            foreach (var m in active.Where(m => !m.Run.Recorder.ShouldContinue))
            {
                m.Result = new(TrainingOutcome.Interrupted, $"interrupted during epoch {epoch}", epoch, total.Elapsed.TotalSeconds);
                leaving.Add(m);
            }
            if (leaving.Count > 0)
            {
                Repack(active.Except(leaving).ToList());
                if (active.Count == 0) break;
            }
            for (var r = 0; r < active.Count; r++)
                adam!.LearningRates[r] = Schedules.LrAt(active[r].Run.Config.Training, epoch);
            using var scope = new DisposeScope();
            var objectives = active.Select(m => m.Run.Config.Objective).Select(o => new RunObjective(o.Kind, o.Kl,
                Schedules.BetaAt(o, epoch), Schedules.TemperatureAt(o, epoch), o.Alpha)).ToList();
            var (metrics, n) = Step(b, epoch, k, objectives);
            var diverged = new List<Member>();
            for (var r = 0; r < active.Count; r++)
            {
                var m = active[r];
                for (var i = 0; i < 5; i++) m.Sums[i] += (double)metrics[r * 5 + i] * n;
                m.Seen += n;
                var loss = metrics[r * 5];
                if (float.IsFinite(loss)) continue;
                m.Failure = $"loss became {loss} at epoch {epoch}, batch {b}";
                diverged.Add(m);
            }
            foreach (var m in diverged)
            {
                FaultPoints.Hit("before-epoch-commit");
                m.Run.Recorder.RecordEpoch(Record(m, epoch, k, null, null, clock.Elapsed.TotalSeconds));
                m.Result = new(TrainingOutcome.Diverged, m.Failure, epoch, total.Elapsed.TotalSeconds);
            }
            if (diverged.Count > 0) Repack(active.Except(diverged).ToList());
        }
        if (active.Count == 0) return;
        for (var i = 0; i < active.Count; i++)
        {
            pack!.CopyRunInto(i, active[i].Model);
            adam!.CopyRunInto(i, active[i].Adam, PackedVae.RunLayout);
        }
        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var m in active)
        {
            var c = m.Run.Config;
            double? validElbo = null;
            int? activeUnits = null;
            double? accuracy = null;
            if (data.Validation.Count > 0 && m.M2 is not null)
                (validElbo, accuracy) = Trainer.M2Validation(m.Model, c, data, epoch, device);
            else if (data.Validation.Count > 0)
                (validElbo, activeUnits) = Trainer.Validation(m.Model, c, data, epoch, device);
            FaultPoints.Hit("before-epoch-commit");
            m.Run.Recorder.RecordEpoch(Record(m, epoch, k, validElbo, activeUnits, seconds, accuracy));
            var last = epoch == m.End - 1;
            if (last || (epoch + 1) % c.Training.CheckpointEvery == 0)
                Trainer.SaveCheckpoint(Path.Combine(m.Run.RunFolder, "checkpoints"), epoch + 1, m.Run.RunKey, m.Model,
                    m.Adam, m.Generator, m.Run.Recorder);
        }
    }

    /// <summary>Batch <paramref name="b"/> of every active run, one packed step: the (runs, 5) metrics and the examples
    /// each run's step averaged over (the unlabelled batch of an M2 run, as its lone run counts them).</summary>
    private (float[] Metrics, int N) Step(int b, int epoch, int k, List<RunObjective> objectives)
    {
        var generators = active.Select(m => m.Generator).ToList();
        if (active[0].M2 is not { } first)
        {
            var x = Torch.stack(active.Select(m => m.Train.Batch(m.Order, b, epoch)).ToList());
            return (PackedTrainingStep.Run(pack!, adam!, x, k, objectives, generators).data<float>(), (int)x.size(1));
        }
        var steps = active.Select(m => m.M2!.Step(m.M2Orders, b, epoch)).ToList();
        var labelled = Torch.stack(steps.Select(s => s.X).ToList());
        var labels = Torch.stack(steps.Select(s => s.Labels).ToList());
        var unlabelled = steps[0].Unlabelled is null ? null : Torch.stack(steps.Select(s => s.Unlabelled!).ToList());
        var metrics = PackedTrainingStep.RunM2(pack!, adam!, labelled, labels, unlabelled, first.Weights, k, objectives, generators);
        return (metrics.data<float>(), (int)(unlabelled ?? labelled).size(1));
    }

    private static EpochRecord Record(Member m, int epoch, int k, double? validElbo, int? activeUnits, double seconds,
        double? accuracy = null)
    {
        var c = m.Run.Config;
        var s = m.Sums;
        return new EpochRecord(epoch, k, Schedules.BetaAt(c.Objective, epoch), Schedules.LrAt(c.Training, epoch),
            s[0] / m.Seen, s[1] / m.Seen, s[2] / m.Seen, s[3] / m.Seen, validElbo, activeUnits, seconds, m.Seen / seconds,
            accuracy);
    }

    public void Dispose()
    {
        pack?.Dispose();
        adam?.Dispose();
        pack = null;
        adam = null;
        foreach (var m in members)
        {
            m.Adam.Dispose();
            m.Model.Dispose();
            m.Generator.Dispose();
        }
    }
}
