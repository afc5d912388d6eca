using System.Diagnostics;
using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Training;

/// <summary>
/// Trains one run: epochs of Adam steps under the k, beta and learning-rate schedules, per-epoch metrics,
/// checkpoints written durably, divergence detected at the step it happens, and resume from the newest valid
/// checkpoint that ends bit-identical (on CPU) to an uninterrupted run: the model, Adam and the generator are
/// restored, and the data order and binarisation derive from (seed, epoch) alone.
/// </summary>
public sealed class Trainer : IDisposable
{
    private const int CheckpointsKept = 2;

    private readonly RunConfig config;
    private readonly string runKey;
    private readonly string checkpointFolder;
    private readonly DataBundle data;
    private readonly Generator generator;
    private readonly Adam adam;

    public Vae Model { get; }
    public Device Device { get; }

    public Trainer(string runKey, RunConfig config, DataBundle data, Device device, string runFolder)
    {
        this.runKey = runKey;
        this.config = config;
        this.data = data;
        Device = device;
        checkpointFolder = Path.Combine(runFolder, "checkpoints");
        generator = new Generator(unchecked((ulong)config.Seed), device);
        Model = Vae.For(config, data.Dim, generator, device);
        var t = config.Training;
        adam = new Adam(Model.Parameters(), t.Lr, t.Beta1, t.Beta2, t.Eps);
    }

    /// <summary>Restores the newest checkpoint that verifies and loads; returns the epochs it had finished (0 if
    /// none). A checkpoint that fails is reported, forgotten and the next older one is tried.</summary>
    public int Resume(ITrainingRecorder recorder)
    {
        var epochs = LoadNewestValid(recorder, forgetRejected: true);
        recorder.DiscardEpochsFrom(epochs);
        return epochs;
    }

    /// <summary>For a run whose training finished (state evaluating): restores the newest checkpoint that verifies
    /// and loads, and returns the epochs it had finished (0 if none). Changes no record: an evaluating run accepts no
    /// epoch or checkpoint writes, and its epochs are all there. A checkpoint that fails is reported as an event.</summary>
    public int RestoreForEvaluation(ITrainingRecorder recorder) => LoadNewestValid(recorder, forgetRejected: false);

    /// <summary>Tries the recorded checkpoints newest first; each that fails is reported (and forgotten, when the
    /// run may still change its records). Returns the epochs the loaded one had finished, 0 if none loaded.</summary>
    private int LoadNewestValid(ITrainingRecorder recorder, bool forgetRejected) =>
        LoadNewestValid(checkpointFolder, runKey, Model, adam, generator, recorder, forgetRejected);

    /// <summary>The same for any run's model, optimiser and generator (a pack restores its runs one by one).</summary>
    internal static int LoadNewestValid(string checkpointFolder, string runKey, Vae model, Adam adam,
        Generator generator, ITrainingRecorder recorder, bool forgetRejected)
    {
        DurableFile.RemoveOrphans(checkpointFolder);
        return CheckpointStore.LoadNewestValid(recorder.Checkpoints(), c => CheckpointStore.Load(c, runKey, model, adam, generator),
            (c, e) =>
            {
                recorder.Event("checkpoint-rejected", e.Message);
                if (forgetRejected) recorder.ForgetCheckpoint(c, e.Message);
            })?.Loaded ?? 0;
    }

    /// <param name="stopAt">An epoch to stop at, checkpointed, before the last (a halving rung); ignored when the
    /// run resumes past it.</param>
    public TrainingResult Train(ITrainingRecorder recorder, int? stopAt = null)
    {
        var clock = Stopwatch.StartNew();
        var start = Resume(recorder);
        if (start > 0) recorder.Event("resumed", $"resumed after epoch {start} from its checkpoint");
        var train = new BatchSource(data.Train, Binarizer.For(config.Data, config.Seed, data.IsBinary),
            config.Training.BatchSize, Device);
        var m2 = Model.IsM2 ? new M2Batches(data.Train, config, data.IsBinary, Device) : null;
        var end = EndEpoch(start, stopAt, config.Training.Epochs);
        for (var epoch = start; epoch < end; epoch++)
        {
            if (!recorder.ShouldContinue) return new(TrainingOutcome.Interrupted, "stopped before epoch " + epoch, epoch, clock.Elapsed.TotalSeconds);
            var (record, failure) = RunEpoch(train, m2, epoch, recorder);
            if (record is null) return new(TrainingOutcome.Interrupted, failure, epoch, clock.Elapsed.TotalSeconds);
            FaultPoints.Hit("before-epoch-commit");
            recorder.RecordEpoch(record);
            if (failure is not null) return new(TrainingOutcome.Diverged, failure, epoch, clock.Elapsed.TotalSeconds);
            var last = epoch == end - 1;
            if (last || (epoch + 1) % config.Training.CheckpointEvery == 0) SaveCheckpoint(epoch + 1, recorder);
        }
        return end < config.Training.Epochs
            ? new(TrainingOutcome.ReachedRung, null, end, clock.Elapsed.TotalSeconds)
            : new(TrainingOutcome.Finished, null, config.Training.Epochs, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Where training that resumes after <paramref name="start"/> epochs ends: at <paramref name="stopAt"/>
    /// when that is still ahead (or is where it resumed), else at the last epoch.</summary>
    internal static int EndEpoch(int start, int? stopAt, int epochs) =>
        stopAt is { } rung && rung >= start && rung < epochs ? rung : epochs;

    /// <summary>One epoch. Returns its record, and a divergence reason when the loss stopped being finite
    /// (the record then holds the non-finite values honestly); a null record means the run was interrupted. An M2 run
    /// (<paramref name="m2"/> not null) steps on its labelled and unlabelled batches instead of the whole split.</summary>
    private (EpochRecord? Record, string? Failure) RunEpoch(BatchSource train, M2Batches? m2, int epoch,
        ITrainingRecorder recorder)
    {
        var clock = Stopwatch.StartNew();
        var k = Schedules.KAt(config.Objective, epoch);
        var beta = Schedules.BetaAt(config.Objective, epoch);
        var temperature = Schedules.TemperatureAt(config.Objective, epoch);
        adam.LearningRate = Schedules.LrAt(config.Training, epoch);
        var o = config.Objective;
        int batches;
        Func<int, (float[] Metrics, int N)> step;
        if (m2 is null)
        {
            var order = DataRandom.EpochOrder(config.Seed, epoch, data.Train.Count);
            batches = train.BatchCount;
            step = b =>
            {
                var x = train.Batch(order, b, epoch);
                return (TrainingStep.Run(Model, adam, x, o.Kind, k, beta, o.Kl, generator, temperature).data<float>(), (int)x.size(0));
            };
        }
        else
        {
            var orders = m2.Orders(epoch);
            batches = m2.StepCount;
            step = b =>
            {
                var (x, labels, unlabelled) = m2.Step(orders, b, epoch);
                var m = TrainingStep.RunM2(Model, adam, x, labels, unlabelled, m2.Weights, k, beta, o.Alpha, o.Kl, generator);
                return (m.data<float>(), (int)(unlabelled ?? x).size(0));
            };
        }
        var sums = new double[5];
        var seen = 0;
        string? failure = null;
        for (var b = 0; b < batches; b++)
        {
            if (!recorder.ShouldContinue) return (null, $"interrupted during epoch {epoch}");
            using var scope = new DisposeScope();
            var (m, n) = step(b);
            for (var i = 0; i < sums.Length; i++) sums[i] += (double)m[i] * n;
            seen += n;
            if (!float.IsFinite(m[0]))
            {
                failure = $"loss became {m[0]} at epoch {epoch}, batch {b}";
                break;
            }
        }
        double? validElbo = null;
        int? activeUnits = null;
        double? accuracy = null;
        if (failure is null && data.Validation.Count > 0 && Model.IsM2)
            (validElbo, accuracy) = M2Validation(epoch);
        else if (failure is null && data.Validation.Count > 0)
        {
            var stats = Validation(epoch);
            validElbo = stats.Elbo;
            activeUnits = stats.ActiveUnits;
        }
        var seconds = clock.Elapsed.TotalSeconds;
        var record = new EpochRecord(epoch, k, beta, adam.LearningRate, sums[0] / seen, sums[1] / seen, sums[2] / seen,
            sums[3] / seen, validElbo, activeUnits, seconds, seen / seconds, accuracy);
        return (record, failure);
    }

    private (double Elbo, int ActiveUnits) Validation(int epoch) => Validation(Model, config, data, epoch, Device);

    /// <summary>M2's validation: the unlabelled bound U(x) (beta = 1) and the classifier's accuracy.</summary>
    private (double Bound, double? Accuracy) M2Validation(int epoch) => M2Validation(Model, config, data, epoch, Device);

    /// <summary>The same for any M2 run's model after <paramref name="epoch"/> (a pack measures its runs one by one).</summary>
    internal static (double Bound, double? Accuracy) M2Validation(Vae model, RunConfig config, DataBundle data, int epoch,
        Device device)
    {
        var (g, source) = ValidationInputs(config, data, epoch, device);
        using (g)
        {
            var s = M2Statistics.Measure(model, config, source, g);
            return (s.Bound, s.Accuracy);
        }
    }

    /// <summary>The validation ELBO and active units of any run's model after <paramref name="epoch"/>.</summary>
    internal static (double Elbo, int ActiveUnits) Validation(Vae model, RunConfig config, DataBundle data, int epoch,
        Device device)
    {
        var (g, source) = ValidationInputs(config, data, epoch, device);
        using (g)
        {
            var s = PosteriorStatistics.Measure(model, source, 0, g);
            return (s.Elbo, s.ActiveUnits);
        }
    }

    // A generator of its own, so measuring never shifts the training stream; the validation bits fixed per seed.
    private static (Generator, BatchSource) ValidationInputs(RunConfig config, DataBundle data, int epoch, Device device) =>
        (new Generator(unchecked((ulong)(config.Seed * 1_000_003 + epoch)), device),
            new BatchSource(data.Validation, Binarizer.HeldOut(config.Data, config.Seed, data.IsBinary), 500, device));

    private void SaveCheckpoint(int epochsDone, ITrainingRecorder recorder) =>
        SaveCheckpoint(checkpointFolder, epochsDone, runKey, Model, adam, generator, recorder);

    /// <summary>Writes and records a checkpoint of any run, keeping the newest <see cref="CheckpointsKept"/>.</summary>
    internal static void SaveCheckpoint(string checkpointFolder, int epochsDone, string runKey, Vae model, Adam adam,
        Generator generator, ITrainingRecorder recorder)
    {
        var record = CheckpointStore.Save(checkpointFolder, epochsDone, runKey, model, adam, generator);
        recorder.RecordCheckpoint(record);
        foreach (var old in recorder.Checkpoints().Skip(CheckpointsKept))
        {
            recorder.ForgetCheckpoint(old, "superseded");
            File.Delete(old.Path);
        }
    }

    public void Dispose()
    {
        adam.Dispose();
        Model.Dispose();
        generator.Dispose();
    }
}
