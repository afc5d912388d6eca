using System.CommandLine;
using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Storage;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep plan CONFIG`: the expanded runs, and how many the store already holds, without training.</summary>
public static class PlanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var config = new Argument<string>("config") { Description = "the sweep's YAML file" };
        var store = new Option<string?>("--store") { Description = "SQLite store to compare with (default: the sweep's)" };
        var pack = new Option<string?>("--pack")
        {
            Description = "show the packs of up to N runs that `run --pack N` would train together (default: the CPU's 8)",
        };
        var workers = new Option<int?>("--workers")
        {
            Description = "show the packs as `run --workers N` on the CPU spreads them (default: as run, one per core)",
        };
        var command = new Command("plan", "Print the runs a sweep expands into, and which are already done, without training.")
        {
            config, store, pack, workers,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var width = Arguments.Pack(parse.GetValue(pack)) ?? PackWidth.DefaultFor(Device.Cpu);
            var spread = parse.GetValue(workers) is { } count
                ? Arguments.Positive(count, "--workers")
                : WorkerCount.DefaultFor(Device.Cpu, 1, Environment.ProcessorCount);
            var plan = Planner.LoadFile(parse.GetValue(config)!);
            var sweep = plan.Sweep;
            var storePath = parse.GetValue(store) ?? sweep.StorePath;
            // No store before the first run is normal; anything else at the path must be a store, checked before
            // the plan is printed so that a user error stays one line.
            using var s = File.Exists(storePath) || Directory.Exists(storePath) ? Store.OpenReadOnly(storePath) : null;
            if (s is null)
            {
                output.Write(PlanPrinter.Render(plan, storePath, PackPlan.Form(plan, width, _ => true, spread)));
                output.WriteLine($"{plan.Runs.Count} run(s); no store yet at {storePath}");
                return ExitCodes.Ok;
            }
            // The verdict `run` would reach (refusal included), read without writing: a store the user may only
            // read can be planned against, and planning never changes a store.
            var verdict = SweepVerdict.Judge(s, sweep, DateTimeOffset.UtcNow);
            var states = verdict.Existing is null ? [] : s.Runs(verdict.Existing.Id).ToDictionary(r => r.RunKey, r => r.State);
            // What a worker would claim to train: neither ended nor waiting only for its evaluation.
            output.Write(PlanPrinter.Render(plan, storePath, PackPlan.Form(plan, width,
                r => states.GetValueOrDefault(r.Key) is RunState.Pending or RunState.Running, spread)));
            var done = plan.Runs.Count(r => states.GetValueOrDefault(r.Key) == RunState.Completed);
            var failed = plan.Runs.Count(r => states.GetValueOrDefault(r.Key) is RunState.Failed or RunState.Diverged);
            var newRuns = plan.Runs.Count(r => !states.ContainsKey(r.Key));
            foreach (var line in verdict.Describe(newRuns)) output.WriteLine(line);
            var stopped = plan.Runs.Count(r => states.GetValueOrDefault(r.Key) == RunState.Stopped);
            if (verdict.Existing is { } existing && Halving.Summary(s.Rungs(existing.Id)) is { } halving) output.WriteLine(halving);
            output.WriteLine($"{plan.Runs.Count} run(s): {done} completed, {failed} failed, " +
                             (stopped > 0 ? $"{stopped} stopped by halving, " : "") +
                             $"{plan.Runs.Count - done - failed - stopped} to do ({storePath})");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
