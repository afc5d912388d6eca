using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Pictures;
using VaeSweep.Core.Platform;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Carries one claimed run through its states: running (train, resuming from the newest valid checkpoint) ->
/// evaluating (test-set log-likelihood and pictures) -> completed. A run that fails is data: it is recorded as
/// failed or diverged with its reason and the sweep goes on. An interrupt gives the run back at a safe point.
/// </summary>
/// <param name="filesBeside">The store whose run folders hold the runs' files (checkpoints, pictures): the store's
/// own by default; a Slurm array task working on a part on local disk names the main store on the shared folder.</param>
public sealed class RunExecutor(IStore store, DataCache data, Device device, string owner, CancellationToken stop, TimeSpan lease,
    Action<string>? log = null, string? filesBeside = null)
{
    /// <summary>The folder of a run's files.</summary>
    public string FolderOf(RunKey key) => RunFolders.ForRun(filesBeside ?? store.Path, key.Value);

    /// <param name="rung">Where a halving sweep's run stops next, or null: it trains to its last epoch.</param>
    public RunOutcome Execute(ClaimedRun claim, RungTarget? rung = null)
    {
        var key = claim.RunKey;
        using var keeper = new LeaseKeeper(store, key, owner, lease, stop);
        var recorder = new StoreRecorder(store, key, owner, keeper.Token);
        try
        {
            var config = claim.Config;
            var bundle = data.Get(config.Data);
            using var trainer = new Trainer(key.Value, config, bundle, device, FolderOf(key));
            if (claim.State == RunState.Running)
            {
                log?.Invoke($"run {key}: training ({config.Training.Epochs} epochs)");
                var result = trainer.Train(recorder, rung?.Epoch);
                if (result.Outcome == TrainingOutcome.ReachedRung) return Park(key, config, bundle, trainer.Model, keeper, rung!);
                if (Record(key, keeper, result) is { } ended) return ended;
            }
            // Resume would discard epochs and forget checkpoints: writes an evaluating run refuses (the re-run of an
            // interrupted evaluation used to fail the run on them).
            else if (!RestoreFinal(key, config, trainer, recorder)) return RunOutcome.Failed;
            return Evaluate(key, config, bundle, trainer.Model, keeper);
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            return Failed(key, keeper, e, evaluating: false);
        }
    }

    /// <summary>Records how a held run's training ended: diverged or interrupted end its claim here (the returned
    /// outcome); finished makes it evaluating (null: evaluate it next).</summary>
    internal RunOutcome? Record(RunKey key, LeaseKeeper keeper, TrainingResult result)
    {
        switch (result.Outcome)
        {
            case TrainingOutcome.Diverged:
                store.Fail(key, owner, RunState.Diverged, result.Reason!);
                return RunOutcome.Diverged;
            case TrainingOutcome.Interrupted:
                return GiveBack(key, keeper, result.Reason!);
        }
        store.MarkEvaluating(key, owner, result.Seconds);
        return null;
    }

    /// <summary>Loads a claimed evaluating run's final model into <paramref name="trainer"/>; false when its final
    /// checkpoint is unusable, and the run is then recorded as failed.</summary>
    internal bool RestoreFinal(RunKey key, RunConfig config, Trainer trainer, ITrainingRecorder recorder)
    {
        if (trainer.RestoreForEvaluation(recorder) == config.Training.Epochs) return true;
        store.Fail(key, owner, RunState.Failed, "evaluation pending but the final checkpoint is unusable");
        return false;
    }

    /// <summary>Evaluates a held, evaluating run whose final model is <paramref name="model"/>, writes its pictures
    /// and completes it; a failure or a stop ends the claim as <see cref="Execute"/> would.</summary>
    internal RunOutcome Evaluate(RunKey key, RunConfig config, DataBundle bundle, Vae model, LeaseKeeper keeper)
    {
        try
        {
            if (keeper.Token.IsCancellationRequested) return GiveBack(key, keeper, "stopped before evaluation");
            LogEvaluating(key, config, bundle, pack: 1);
            var evaluation = Evaluator.Evaluate(model, config, bundle.Test, bundle.IsBinary, device, stop: keeper.Token);
            var probe = LinearProbe.Accuracy(model, config.Data, bundle, device, keeper.Token);
            var information = MutualInformation.Estimate(model, config, bundle.Test, bundle.IsBinary, device, keeper.Token);
            return Complete(key, config, bundle, model, keeper, evaluation, probe, information);
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            return Failed(key, keeper, e, evaluating: true);
        }
    }

    internal void LogEvaluating(RunKey key, RunConfig config, DataBundle bundle, int pack) =>
        log?.Invoke($"run {key}: evaluating (k = {config.Evaluation.K} on {bundle.Test.Count} test points" +
            (pack > 1 ? $", in a pack of {pack})" : ")"));

    /// <summary>Writes the pictures of a held run whose evaluation is done and records it: the run is completed. A
    /// run stopped or no longer held meanwhile is given back (or lost) instead, and a failure fails it.</summary>
    internal RunOutcome Complete(RunKey key, RunConfig config, DataBundle bundle, Vae model, LeaseKeeper keeper,
        EvaluationResult evaluation, double? probe, MutualInformationEstimate? information)
    {
        try
        {
            if (keeper.Token.IsCancellationRequested) return GiveBack(key, keeper, "stopped during evaluation");
            if (config.Evaluation.Pictures) WritePictures(key, model, config, bundle);
            FaultPoints.Hit("before-evaluation-commit");
            store.Complete(key, owner, evaluation.Record with { ProbeAccuracy = probe, MutualInformation = information }, evaluation.Bounds, evaluation.Points);
            log?.Invoke($"run {key}: completed, log p(x) >= {evaluation.Record.LogLikelihood:F2}");
            return RunOutcome.Completed;
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            return Failed(key, keeper, e, evaluating: true);
        }
    }

    /// <summary>A held run whose model <paramref name="model"/> stands at its rung (checkpointed): measures its
    /// validation bound and parks it there; a failure or a stop ends the claim as <see cref="Execute"/> would.</summary>
    internal RunOutcome Park(RunKey key, RunConfig config, DataBundle bundle, Vae model, LeaseKeeper keeper, RungTarget rung)
    {
        try
        {
            var value = ValidationBound.Measure(model, config, bundle, rung.K, device, keeper.Token);
            store.Park(key, owner, rung.SweepId, rung.Epoch, rung.K, value);
            log?.Invoke($"run {key}: reached epoch {rung.Epoch}, validation bound (k = {rung.K}) {value:F2}; waits for the rest of the sweep");
            return RunOutcome.Parked;
        }
        catch (Exception e) when (IsRunFailure(e))
        {
            return Failed(key, keeper, e, evaluating: false);
        }
    }

    /// <summary>What ends one run's claim without ending the worker: a stop, a lost lease, or a failure that is the
    /// run's (its data, its checkpoints, its memory, its numbers) rather than the program's.</summary>
    internal static bool IsRunFailure(Exception e) =>
        e is OperationCanceledException or LeaseLostException or TorchException or DataException or CheckpointException
            or IOException or OutOfMemoryException or FormatException;

    internal RunOutcome Failed(RunKey key, LeaseKeeper keeper, Exception e, bool evaluating)
    {
        switch (e)
        {
            case OperationCanceledException:
                return GiveBack(key, keeper, evaluating ? "stopped during evaluation" : "stopped");
            case LeaseLostException:
                log?.Invoke($"run {key}: lease lost ({e.Message})");
                return RunOutcome.LeaseLost;
        }
        var reason = $"{e.GetType().Name}: {e.Message}";
        if (evaluating && e is TorchException { IsOutOfMemory: true })
            reason += "; lower evaluation.chunk_size in the sweep file (allowed under a started sweep) and run again with --retry-failed";
        log?.Invoke($"run {key}: failed: {reason}");
        try
        {
            store.Fail(key, owner, RunState.Failed, reason);
            return RunOutcome.Failed;
        }
        catch (LeaseLostException)
        {
            return RunOutcome.LeaseLost;
        }
    }

    internal RunOutcome GiveBack(RunKey key, LeaseKeeper keeper, string reason)
    {
        if (keeper.IsLost) return RunOutcome.LeaseLost;
        store.Release(key, owner, reason);
        log?.Invoke($"run {key}: interrupted ({reason}); it resumes from its last checkpoint");
        return RunOutcome.Interrupted;
    }

    private void WritePictures(RunKey key, Vae model, RunConfig config, DataBundle bundle)
    {
        using var scope = new DisposeScope();
        var count = Math.Min(bundle.Test.Count, 1000);
        var binarizer = Binarizer.HeldOut(config.Data, config.Seed, bundle.IsBinary);
        var source = new BatchSource(bundle.Test, binarizer, count, device);
        var batch = source.Batch(BatchSource.Sequential(count), 0, 0);
        var folder = Path.Combine(FolderOf(key), "pictures");
        foreach (var (kind, path) in RunPictures.Write(model, bundle.Test, batch, bundle.Height, folder,
                     unchecked((ulong)config.Seed)))
            store.AddArtifact(key, kind, path);
    }
}
