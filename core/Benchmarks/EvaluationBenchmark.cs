using System.Diagnostics;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Evaluation;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Benchmarks;

/// <param name="Runs">Runs evaluated: 1 alone (the lone evaluator), or a pack's width.</param>
/// <param name="LogWeightsPerSecond">Over all runs: runs x points x k per second.</param>
/// <param name="ProcessorSeconds">Processor time the timed evaluation took (all threads), which a busy machine
/// inflates far less than wall-clock time.</param>
public sealed record EvaluationBenchmarkResult(int Points, int K, int ChunkSize, double Seconds, double LogWeightsPerSecond,
    long PeakResidentBytes, int Runs = 1, bool Packed = false, double ProcessorSeconds = double.NaN)
{
    public double PerRunLogWeightsPerSecond => LogWeightsPerSecond / Runs;
}

/// <summary>
/// Throughput of the importance-sampled evaluation (log-weights per second) on the reference model: the test-set
/// log-likelihood with k samples per point for random binary points, chunked exactly as a run's evaluation is. With a
/// pack width, that many models (seeds 99, 100, ...) are evaluated together by the <see cref="PackedEvaluator"/>.
/// </summary>
public static class EvaluationBenchmark
{
    /// <param name="pack">Null: one model through the lone <see cref="Evaluator"/>; n: n models as one pack.</param>
    public static EvaluationBenchmarkResult Run(ModelConfig model, int points, int k, int chunkSize, int threads, Device device,
        int? pack = null)
    {
        Torch.EnsureDevice(device);
        Torch.set_num_threads(threads);
        const int inputs = 784;
        var runs = pack ?? 1;
        var generators = Enumerable.Range(0, runs).Select(r => new Generator(99 + (ulong)r, device)).ToList();
        var models = generators.Select(g => new Vae(model, inputs, g, device)).ToList();
        var packed = pack is null ? null : PackedVae.FromRuns(model, models);
        try
        {
            var random = new Random(5);
            var pixels = new float[points * inputs];
            for (var i = 0; i < pixels.Length; i++) pixels[i] = random.Next(2);
            var test = new DataSplit("test", pixels, new byte[points], inputs);
            var config = new RunConfig { Model = model, Evaluation = new EvaluationConfig { K = k, Ks = [1, k], ChunkSize = chunkSize } };
            void Evaluate(RunConfig c)
            {
                if (packed is null) Evaluator.Evaluate(models[0], c, test, isBinary: true, device);
                else PackedEvaluator.Evaluate(packed, Enumerable.Repeat(c, runs).ToList(), test, isBinary: true, device);
            }
            Evaluate(config with { Evaluation = config.Evaluation with { K = 10, Ks = [10] } }); // warm-up
            var processor = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            Evaluate(config);
            Torch.cuda_synchronize(device);
            var seconds = clock.Elapsed.TotalSeconds;
            var processorSeconds = (Process.GetCurrentProcess().TotalProcessorTime - processor).TotalSeconds;
            return new EvaluationBenchmarkResult(points, k, chunkSize, seconds, (double)runs * points * k / seconds,
                ProcessMemory.PeakResidentBytes(), runs, pack is not null, processorSeconds);
        }
        finally
        {
            packed?.Dispose();
            foreach (var m in models) m.Dispose();
            foreach (var g in generators) g.Dispose();
        }
    }
}
