using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Benchmarks;

public sealed record EvaluationBenchmarkResult(int Points, int K, int ChunkSize, double Seconds, double LogWeightsPerSecond, long PeakResidentBytes);

/// <summary>
/// Throughput of the importance-sampled evaluation (log-weights per second) on the reference model: the test-set
/// log-likelihood with k samples per point for random binary points, chunked exactly as a run's evaluation is.
/// </summary>
public static class EvaluationBenchmark
{
    public static EvaluationBenchmarkResult Run(ModelConfig model, int points, int k, int chunkSize, int threads, Device device)
    {
        Torch.EnsureDevice(device);
        Torch.set_num_threads(threads);
        const int inputs = 784;
        using var generator = new Generator(99, device);
        using var vae = new Vae(model, inputs, generator, device);
        var random = new Random(5);
        var pixels = new float[points * inputs];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = random.Next(2);
        var test = new DataSplit("test", pixels, new byte[points], inputs);
        var config = new RunConfig { Model = model, Evaluation = new EvaluationConfig { K = k, Ks = [1, k], ChunkSize = chunkSize } };
        Evaluator.Evaluate(vae, config with { Evaluation = config.Evaluation with { K = 10, Ks = [10] } },
            test, isBinary: true, device); // warm-up
        var clock = Stopwatch.StartNew();
        Evaluator.Evaluate(vae, config, test, isBinary: true, device);
        Torch.cuda_synchronize(device);
        var seconds = clock.Elapsed.TotalSeconds;
        return new EvaluationBenchmarkResult(points, k, chunkSize, seconds, (double)points * k / seconds, ProcessMemory.PeakResidentBytes());
    }
}
