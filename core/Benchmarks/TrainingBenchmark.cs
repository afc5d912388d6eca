using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
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
    /// <summary>The mnist-sample folder (.data/mnist-sample) whose cache file the batches are taken from.</summary>
    public required string DataFolder { get; init; }
}

public sealed record TrainingBenchmarkResult(
    TrainingBenchmarkOptions Options, double Seconds, double SamplesPerSecond, double MillisecondsPerStep,
    long PeakResidentBytes, long PeakDeviceBytes, long Parameters, double FinalLoss, long Ones,
    double CpuMillisecondsPerStep, bool HandWrittenStep);

/// <summary>
/// Trains the reference model for a fixed number of steps and measures throughput. The data handling is the one
/// scripts/bench-pytorch.py repeats, so the two figures compare the step alone: before timing, 800 digits spread
/// evenly over the mnist-sample cache are binarised once (one Bernoulli draw from a generator seeded 42) into 8
/// batches the steps cycle through. Both call the same libtorch, so both binarise to the same bits.
/// </summary>
public static class TrainingBenchmark
{
    public const int DistinctBatches = 8;

    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions options)
    {
        Torch.EnsureDevice(options.Device);
        Torch.set_num_threads(options.Threads);
        var (batches, inputs, ones) = SampleBatches(MnistSample.EnsureCache(options.DataFolder), DistinctBatches,
            options.BatchSize, options.Device);
        using var generator = new Generator(1234, options.Device);
        using var model = new Vae(options.Model, inputs, generator, options.Device);
        using var adam = new Adam(model.Parameters(), lr: 1e-3);
        try
        {
            var lastLoss = double.NaN;
            void Steps(int n)
            {
                for (var i = 0; i < n; i++)
                {
                    using var metrics = TrainingStep.Run(model, adam, batches[i % DistinctBatches], options.Objective,
                        options.K, 1.0, KlEstimator.Analytic, generator);
                    if (i == n - 1) lastLoss = metrics.data<float>()[0];
                }
                Torch.cuda_synchronize(options.Device);
            }
            Steps(options.Warmup);
            if (options.Device.IsCuda) Torch.cuda_reset_peak_memory_stats(options.Device);
            // Processor time beside wall time: on a loaded machine it still measures the step's own work.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Steps(options.Steps);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            return new TrainingBenchmarkResult(options, seconds, options.Steps * options.BatchSize / seconds,
                1000 * seconds / options.Steps, ProcessMemory.PeakResidentBytes(),
                options.Device.IsCuda ? Torch.cuda_max_memory_allocated(options.Device) : -1,
                model.ParameterCount(), lastLoss, ones, 1000 * cpuSeconds / options.Steps, model.DenseStep is not null);
        }
        finally
        {
            foreach (var b in batches) b.Dispose();
        }
    }

    internal static (Tensor[] Batches, int Inputs, long Ones) SampleBatches(string dataFile, int count, int batch,
        Device device)
    {
        var (pixels, labels, height, width) = MnistSampleCache.Read(dataFile);
        int inputs = height * width, wanted = count * batch;
        if (wanted > labels.Length)
            throw new DataException($"{dataFile}: {labels.Length} digits, the benchmark needs {wanted}; lower --batch");
        int stride = labels.Length / wanted;   // spread over the file, which lists the digits class by class
        var grey = new float[wanted * inputs];
        for (int i = 0; i < wanted; i++)
            for (int p = 0; p < inputs; p++)
                grey[i * inputs + p] = pixels[i * stride * inputs + p] / 255f;
        using var scope = new DisposeScope();
        using var dataGenerator = new Generator(42, Device.Cpu);
        var bits = Torch.bernoulli(Torch.tensor(grey, [wanted, inputs]), dataGenerator);
        long ones = (long)bits.sum().item();
        var batches = Enumerable.Range(0, count)
            .Select(b => bits.narrow(0, (long)b * batch, batch).contiguous().to(device).DetachFromDisposeScope())
            .ToArray();
        return (batches, inputs, ones);
    }
}
