using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Benchmarks;

/// <summary>Throughput of a pack: all runs' samples per second, and each run's (the total over the runs).</summary>
public sealed record PackedTrainingBenchmarkResult(
    TrainingBenchmarkOptions Options, int Runs, double Seconds, double TotalSamplesPerSecond,
    double PerRunSamplesPerSecond, double MillisecondsPerStep, long PeakResidentBytes, long PeakDeviceBytes,
    long ParametersPerRun, double FinalLoss, double CpuMillisecondsPerStep, bool HandWrittenStep);

/// <summary>
/// <see cref="TrainingBenchmark"/> for a pack of n runs of the reference model: each run with its own seed and its
/// own random binary batches, all trained by one packed step (<see cref="PackedTrainingStep"/>) per batch.
/// </summary>
public static class PackedTrainingBenchmark
{
    public static PackedTrainingBenchmarkResult Run(TrainingBenchmarkOptions options, int runs)
    {
        Torch.EnsureDevice(options.Device);
        Torch.set_num_threads(options.Threads);
        const int inputs = 784, distinctBatches = 8;
        var generators = Enumerable.Range(0, runs).Select(r => new Generator(1234 + (ulong)r, options.Device)).ToList();
        var models = generators.Select(g => new Vae(options.Model, inputs, g, options.Device)).ToList();
        var adams = models.Select(m => new Adam(m.Parameters(), lr: 1e-3)).ToList();
        using var pack = PackedVae.FromRuns(options.Model, models);
        using var adam = PackedAdam.FromRuns(pack.Parameters(), adams, PackedVae.RunLayout);
        var parametersPerRun = models[0].ParameterCount();
        // The same binarised digits as the lone-run benchmark, so the two figures compare.
        var batches = TrainingBenchmark.SampleBatches(MnistSample.EnsureCache(options.DataFolder), distinctBatches,
            options.BatchSize, options.Device).Batches;
        // Run r reads batch (i + r) mod 8 at step i: different data per run, as in a sweep.
        var packed = Enumerable.Range(0, distinctBatches).Select(i =>
            Torch.stack(Enumerable.Range(0, runs).Select(r => batches[(i + r) % distinctBatches]).ToList())
                .DetachFromDisposeScope()).ToArray();
        var objectives = Enumerable.Range(0, runs).Select(_ => new RunObjective(options.Objective, KlEstimator.Analytic, 1.0)).ToList();
        try
        {
            var lastLoss = double.NaN;
            void Steps(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    using var metrics = PackedTrainingStep.Run(pack, adam, packed[i % distinctBatches], options.K, objectives, generators);
                    if (i == n - 1) lastLoss = metrics.data<float>().Where((_, j) => j % 5 == 0).Average(v => (double)v);
                }
                Torch.cuda_synchronize(options.Device);
            }
            Steps(options.Warmup);
            if (options.Device.IsCuda) Torch.cuda_reset_peak_memory_stats(options.Device);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Steps(options.Steps);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var perRun = options.Steps * options.BatchSize / seconds;
            return new PackedTrainingBenchmarkResult(options, runs, seconds, perRun * runs, perRun,
                1000 * seconds / options.Steps, ProcessMemory.PeakResidentBytes(),
                options.Device.IsCuda ? Torch.cuda_max_memory_allocated(options.Device) : -1, parametersPerRun, lastLoss,
                1000 * cpuSeconds / options.Steps, pack.DenseStep is not null);
        }
        finally
        {
            foreach (var b in packed.Concat(batches)) b.Dispose();
            foreach (var a in adams) a.Dispose();
            foreach (var m in models) m.Dispose();
            foreach (var g in generators) g.Dispose();
        }
    }
}
