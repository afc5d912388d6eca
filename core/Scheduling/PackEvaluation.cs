using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Scheduling;

/// <summary>A held, evaluating run of a pack: its final model, lone (a pack is stacked from these).</summary>
internal sealed record EvaluatingRun(RunKey RunKey, RunConfig Config, Vae Model, LeaseKeeper Keeper);

/// <summary>
/// Evaluates the runs of a pack together (<see cref="PackedEvaluator"/>, with the linear probe and I(x;z) from the same
/// stacked encoder), then completes each as <see cref="RunExecutor.Complete"/> does for a lone run: its pictures, its
/// records, its own commit. Runs whose evaluation settings cannot share a pass (another k or chunk size) form passes
/// of their own; M2 runs are evaluated one by one by the lone evaluator. A pass that fails (out of memory: it holds
/// every run's chunk at once) is retried one run at a time, and a run that fails alone fails as a lone run's
/// evaluation does, with its hint. A run stopped before its pass is given back; a stop during a pass gives back all
/// its runs.
/// </summary>
internal sealed class PackEvaluation(RunExecutor runs, Device device, CancellationToken stop, Action<string>? log)
{
    /// <summary>One outcome per run, in the order given.</summary>
    public RunOutcome[] Evaluate(IReadOnlyList<EvaluatingRun> members, DataBundle bundle)
    {
        var outcomes = new RunOutcome[members.Count];
        // M2's evaluation (M2Evaluator: log p(x) summed over y, its classifier's accuracy) has no packed form yet:
        // its runs are evaluated one by one in the lone engine, after a pack and on resume alike, so their bits agree.
        for (var i = 0; i < members.Count; i++)
            if (IsM2(members[i]))
                outcomes[i] = runs.Evaluate(members[i].RunKey, members[i].Config, bundle, members[i].Model, members[i].Keeper);
        foreach (var pass in Passes(members)) EvaluatePass(pass, members, bundle, outcomes);
        return outcomes;
    }

    private static bool IsM2(EvaluatingRun run) => run.Config.Objective.Kind == ObjectiveKind.M2;

    // Plan order kept within each pass; the first run that cannot share the first pass opens the next.
    private static List<List<int>> Passes(IReadOnlyList<EvaluatingRun> members)
    {
        var passes = new List<List<int>>();
        foreach (var i in Enumerable.Range(0, members.Count).Where(i => !IsM2(members[i])))
        {
            var pass = passes.FirstOrDefault(p => PackedEvaluator.CanShare(members[p[0]].Config.Evaluation, members[i].Config.Evaluation));
            if (pass is null) passes.Add([i]);
            else pass.Add(i);
        }
        return passes;
    }

    private void EvaluatePass(List<int> pass, IReadOnlyList<EvaluatingRun> members, DataBundle bundle, RunOutcome[] outcomes)
    {
        var live = new List<int>();
        foreach (var i in pass)
        {
            if (members[i].Keeper.Token.IsCancellationRequested)
                outcomes[i] = runs.GiveBack(members[i].RunKey, members[i].Keeper, "stopped before evaluation");
            else live.Add(i);
        }
        if (live.Count == 0) return;
        var picked = live.Select(i => members[i]).ToList();
        try
        {
            foreach (var m in picked) runs.LogEvaluating(m.RunKey, m.Config, bundle, picked.Count);
            var configs = picked.Select(m => m.Config).ToList();
            IReadOnlyList<EvaluationResult> results;
            IReadOnlyList<double?> probes;
            IReadOnlyList<MutualInformationEstimate?> information;
            using (var pack = PackedVae.FromRuns(configs[0].Model, picked.Select(m => m.Model).ToList()))
            {
                results = PackedEvaluator.Evaluate(pack, configs, bundle.Test, bundle.IsBinary, device, stop: stop);
                probes = LinearProbe.Accuracies(pack, configs.Select(c => c.Data).ToList(), bundle, device, stop);
                information = MutualInformation.Estimates(pack, configs, bundle.Test, bundle.IsBinary, device, stop);
            }
            for (var j = 0; j < live.Count; j++)
                outcomes[live[j]] = runs.Complete(picked[j].RunKey, picked[j].Config, bundle, picked[j].Model, picked[j].Keeper,
                    results[j], probes[j], information[j]);
        }
        catch (Exception e) when (RunExecutor.IsRunFailure(e) && e is not OperationCanceledException && live.Count > 1)
        {
            log?.Invoke($"the evaluation of a pack of {live.Count} failed ({e.Message}); its runs are evaluated one at a time");
            foreach (var i in live) EvaluatePass([i], members, bundle, outcomes);
        }
        catch (Exception e) when (RunExecutor.IsRunFailure(e))
        {
            foreach (var i in live) outcomes[i] = runs.Failed(members[i].RunKey, members[i].Keeper, e, evaluating: true);
        }
    }
}
