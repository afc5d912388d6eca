using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Core.Benchmarks;

public sealed record TrainingBenchmarkOptions
{
    public int Steps { get; init; } = 300;
    public int Warmup { get; init; } = 30;
    public int Threads { get; init; } = 1;
    public int BatchSize { get; init; } = 100;
    public int K { get; init; } = 1;
    public ObjectiveKind Objective { get; init; } = ObjectiveKind.Vae;
    public Device Device { get; init; } = Device.Cpu;
    /// <summary>The reference model of the foundation issue: 784-200-200-50, tanh, Bernoulli decoder.</summary>
    public ModelConfig Model { get; init; } = new() { Latent = 50, Encoder = [200, 200], Decoder = [200, 200] };
}

public sealed record TrainingBenchmarkResult(
    TrainingBenchmarkOptions Options, double Seconds, double SamplesPerSecond, double MillisecondsPerStep,
    long PeakResidentBytes, long PeakDeviceBytes, long Parameters, double FinalLoss);

/// <summary>
/// Trains the reference model on random binary data for a fixed number of steps and measures throughput.
/// Random data is enough: the cost of a step does not depend on the pixel values.
/// </summary>
public static class TrainingBenchmark
{
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options)
    {
        Torch.EnsureDevice(options.Device);
        Torch.set_num_threads(options.Threads);
        const int inputs = 784, distinctBatches = 8;
        using var generator = new Generator(1234, options.Device);
        using var model = new Vae(options.Model, inputs, generator, options.Device);
        using var adam = new Adam(model.Parameters(), lr: 1e-3);
        var batches = RandomBinaryBatches(distinctBatches, options.BatchSize, inputs, options.Device);
        try
        {
            var lastLoss = double.NaN;
            void Steps(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    using var metrics = TrainingStep.Run(model, adam, batches[i % distinctBatches], options.Objective,
                        options.K, 1.0, KlEstimator.Analytic, generator);
                    if (i == n - 1) lastLoss = metrics.data<float>()[0];
                }
                Torch.cuda_synchronize(options.Device);
            }
            Steps(options.Warmup);
            if (options.Device.IsCuda) Torch.cuda_reset_peak_memory_stats(options.Device);
            var clock = Stopwatch.StartNew();
            Steps(options.Steps);
            var seconds = clock.Elapsed.TotalSeconds;
            return new TrainingBenchmarkResult(options, seconds, options.Steps * options.BatchSize / seconds,
                1000 * seconds / options.Steps, ProcessMemory.PeakResidentBytes(),
                options.Device.IsCuda ? Torch.cuda_max_memory_allocated(options.Device) : -1,
                model.ParameterCount(), lastLoss);
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    internal static Tensor[] RandomBinaryBatches(int count, int batch, int inputs, Device device)
    {
        var random = new Random(42);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var values = new float[batch * inputs];
            for (var i = 0; i < values.Length; i++) values[i] = random.Next(2);
            return Torch.tensor(values, [batch, inputs], device).DetachFromDisposeScope();
        }).ToArray();
    }
}
