using VaeSweep.Core.Config;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Scheduling;

/// <summary>What became of a claimed pack: one outcome per run, in claim order; <see cref="DidNotFit"/> when the
/// pack ran out of device memory, its runs were given back to resume from their checkpoints, and the worker should
/// claim narrower packs.</summary>
public sealed record PackOutcome(IReadOnlyList<RunOutcome> Outcomes, bool DidNotFit);

/// <summary>
/// Carries a claimed pack through training together (<see cref="PackedTrainer"/>), each run under a lease of its
/// own, then its finished runs through evaluation together (<see cref="PackEvaluation"/>), each completed as
/// <see cref="RunExecutor"/> completes a lone run. A run that diverges, fails or is stopped ends its own claim (it is
/// not evaluated); the others go on.
/// </summary>
public sealed class PackExecutor(RunExecutor runs, IStore store, DataCache data, Device device, string owner,
    CancellationToken stop, TimeSpan lease, Action<string>? log = null)
{
    private readonly PackEvaluation evaluation = new(runs, device, stop, log);

    /// <param name="rung">Where a halving sweep's runs stop next, or null: they train to their last epoch.</param>
    public PackOutcome Execute(IReadOnlyList<ClaimedRun> claims, RungTarget? rung = null)
    {
        var keepers = claims.Select(c => new LeaseKeeper(store, c.RunKey, owner, lease, stop)).ToList();
        var outcomes = new RunOutcome?[claims.Count];
        PackedTrainer? trainer = null;
        try
        {
            var configs = claims.Select(c => c.Config).ToList();
            var bundle = data.Get(configs[0].Data);
            var members = claims.Select((c, i) => new PackedRun(c.RunKey.Value, configs[i], runs.FolderOf(c.RunKey),
                new StoreRecorder(store, c.RunKey, owner, keepers[i].Token))).ToList();
            foreach (var claim in claims)
                log?.Invoke($"run {claim.RunKey}: training in a pack of {claims.Count} ({configs[0].Training.Epochs} epochs)");
            IReadOnlyList<TrainingResult> results;
            try
            {
                // Building the pack allocates each run's lone model and optimiser and then their stacked copies,
                // so memory can run out there as well as in a step.
                trainer = new PackedTrainer(members, bundle, device);
                results = trainer.Train(rung?.Epoch);
            }
            catch (Exception e) when (IsOutOfMemory(e) && claims.Count > 1)
            {
                // Not the runs' fault: each resumes from its last checkpoint in a narrower pack.
                log?.Invoke($"a pack of {claims.Count} ran out of {device} memory: {e.Message}");
                trainer?.Dispose();
                trainer = null;
                for (var i = 0; i < claims.Count; i++)
                    outcomes[i] = runs.GiveBack(claims[i].RunKey, keepers[i],
                        $"its pack of {claims.Count} did not fit in {device} memory and is split");
                return new PackOutcome(Finished(outcomes), DidNotFit: true);
            }
            catch (Exception e) when (RunExecutor.IsRunFailure(e))
            {
                // The pack's step failed, so every run in it did; a lost lease ends only that run's claim.
                for (var i = 0; i < claims.Count; i++)
                    outcomes[i] = e is LeaseLostException lost && lost.RunKey != claims[i].RunKey
                        ? runs.GiveBack(claims[i].RunKey, keepers[i], "another run of its pack lost its lease")
                        : runs.Failed(claims[i].RunKey, keepers[i], e, evaluating: false);
                return new PackOutcome(Finished(outcomes), DidNotFit: false);
            }
            for (var i = 0; i < claims.Count; i++)
                outcomes[i] = results[i].Outcome == TrainingOutcome.ReachedRung
                    ? runs.Park(claims[i].RunKey, configs[i], bundle, trainer.Model(i), keepers[i], rung!)
                    : Recorded(claims[i].RunKey, keepers[i], results[i]);
            // The runs that finished training are evaluating now, and are evaluated together.
            var finished = Enumerable.Range(0, claims.Count).Where(i => outcomes[i] is null).ToList();
            var evaluated = evaluation.Evaluate(
                finished.Select(i => new EvaluatingRun(claims[i].RunKey, configs[i], trainer.Model(i), keepers[i])).ToList(), bundle);
            for (var j = 0; j < finished.Count; j++) outcomes[finished[j]] = evaluated[j];
            return new PackOutcome(Finished(outcomes), DidNotFit: false);
        }
        catch (Exception e) when (RunExecutor.IsRunFailure(e))
        {
            // Before the pack trained (its data, its checkpoints): every run still held fails with the reason.
            for (var i = 0; i < claims.Count; i++)
                outcomes[i] ??= runs.Failed(claims[i].RunKey, keepers[i], e, evaluating: false);
            return new PackOutcome(Finished(outcomes), DidNotFit: false);
        }
        finally
        {
            trainer?.Dispose();
            foreach (var keeper in keepers) keeper.Dispose();
        }
    }

    /// <summary>Runs claimed to be evaluated only (their evaluation was cut short): each restored from its final
    /// checkpoint, then evaluated together as the runs of a pack that has just trained.</summary>
    public IReadOnlyList<RunOutcome> Evaluate(IReadOnlyList<ClaimedRun> claims)
    {
        var keepers = claims.Select(c => new LeaseKeeper(store, c.RunKey, owner, lease, stop)).ToList();
        var trainers = new List<Trainer>();
        var outcomes = new RunOutcome?[claims.Count];
        try
        {
            var bundle = data.Get(claims[0].Config.Data);
            var restored = new List<int>();
            for (var i = 0; i < claims.Count; i++)
            {
                var (key, config) = (claims[i].RunKey, claims[i].Config);
                var trainer = new Trainer(key.Value, config, bundle, device, runs.FolderOf(key));
                trainers.Add(trainer);
                if (runs.RestoreFinal(key, config, trainer, new StoreRecorder(store, key, owner, keepers[i].Token))) restored.Add(i);
                else outcomes[i] = RunOutcome.Failed;
            }
            var evaluated = evaluation.Evaluate(restored.Select(i =>
                new EvaluatingRun(claims[i].RunKey, claims[i].Config, trainers[i].Model, keepers[i])).ToList(), bundle);
            for (var j = 0; j < restored.Count; j++) outcomes[restored[j]] = evaluated[j];
        }
        catch (Exception e) when (RunExecutor.IsRunFailure(e))
        {
            for (var i = 0; i < claims.Count; i++)
                outcomes[i] ??= runs.Failed(claims[i].RunKey, keepers[i], e, evaluating: true);
        }
        finally
        {
            foreach (var trainer in trainers) trainer.Dispose();
            foreach (var keeper in keepers) keeper.Dispose();
        }
        return Finished(outcomes);
    }

    private RunOutcome? Recorded(RunKey key, LeaseKeeper keeper, TrainingResult result)
    {
        try
        {
            return runs.Record(key, keeper, result);
        }
        catch (LeaseLostException)
        {
            return RunOutcome.LeaseLost;
        }
    }

    private static bool IsOutOfMemory(Exception e) => e is TorchException { IsOutOfMemory: true } or OutOfMemoryException;

    private static IReadOnlyList<RunOutcome> Finished(RunOutcome?[] outcomes) => outcomes.Select(o => o!.Value).ToList();
}
