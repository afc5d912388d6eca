using System.CommandLine;
using System.Globalization;
using VaeSweep.Core.Benchmarks;
using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep bench`: training throughput of the reference model, printed as figures.</summary>
public static class BenchCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads", DefaultValueFactory = _ => 1 };
        var steps = new Option<int>("--steps") { Description = "timed steps", DefaultValueFactory = _ => 300 };
        var warmup = new Option<int>("--warmup") { Description = "untimed steps first", DefaultValueFactory = _ => 30 };
        var batch = new Option<int>("--batch") { Description = "batch size", DefaultValueFactory = _ => 100 };
        var k = new Option<int>("--k") { Description = "importance samples per data point", DefaultValueFactory = _ => 1 };
        var objective = new Option<string>("--objective") { Description = "vae or iwae", DefaultValueFactory = _ => "vae" };
        objective.AcceptOnlyFromAmong("vae", "iwae");
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var evaluation = new Option<bool>("--eval") { Description = "measure the importance-sampled evaluation (log-weights/s) instead of training" };
        var points = new Option<int>("--points") { Description = "test points for --eval", DefaultValueFactory = _ => 100 };
        var evalK = new Option<int>("--eval-k") { Description = "importance samples per point for --eval", DefaultValueFactory = _ => 5000 };
        var chunk = new Option<int>("--chunk")
        {
            Description = "log-weights per decoder pass for --eval (evaluation.chunk_size)",
            DefaultValueFactory = _ => new EvaluationConfig().ChunkSize,
        };
        var pack = new Option<int>("--pack")
        {
            Description = "train (with --eval: evaluate) N runs of the model as one pack (stacked parameters, batched products) and print total and per-run samples/s (log-weights/s)",
        };
        var command = new Command("bench",
            "Train the reference 784-200-200-50 tanh VAE (Bernoulli decoder) on binarised mnist-sample digits and print samples/s and peak memory.")
        {
            threads, steps, warmup, batch, k, objective, device, evaluation, points, evalK, chunk, pack,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var options = new TrainingBenchmarkOptions
            {
                Threads = Arguments.Positive(parse.GetValue(threads), "--threads"),
                Steps = Arguments.Positive(parse.GetValue(steps), "--steps"),
                Warmup = Math.Max(0, parse.GetValue(warmup)),
                BatchSize = Arguments.Positive(parse.GetValue(batch), "--batch"),
                K = Arguments.Positive(parse.GetValue(k), "--k"),
                Objective = parse.GetValue(objective) == "iwae" ? ObjectiveKind.Iwae : ObjectiveKind.Vae,
                Device = Arguments.Device(parse.GetValue(device)!),
                DataFolder = DataPaths.Folder(new DataConfig(), DataCache.DefaultRoot()),
            };
            if (parse.GetValue(evaluation))
            {
                int? evalPack = parse.GetResult(pack) is null ? null : Arguments.Positive(parse.GetValue(pack), "--pack");
                output.WriteLine($"libtorch {Torch.EnsureAvailable()}; evaluating...");
                var e = EvaluationBenchmark.Run(options.Model, Arguments.Positive(parse.GetValue(points), "--points"),
                    Arguments.Positive(parse.GetValue(evalK), "--eval-k"), Arguments.Positive(parse.GetValue(chunk), "--chunk"),
                    options.Threads, options.Device, evalPack);
                PrintEvaluation(output, e, options);
                return ExitCodes.Ok;
            }
            if (parse.GetResult(pack) is not null)
            {
                var runs = Arguments.Positive(parse.GetValue(pack), "--pack");
                output.WriteLine($"libtorch {Torch.EnsureAvailable()}; training a pack of {runs} run(s), {options.Steps} steps after {options.Warmup} warm-up steps...");
                PrintPacked(output, PackedTrainingBenchmark.Run(options, runs));
                return ExitCodes.Ok;
            }
            output.WriteLine($"libtorch {Torch.EnsureAvailable()}; training {options.Steps} steps after {options.Warmup} warm-up steps...");
            var r = TrainingBenchmark.Run(options);
            Print(output, r);
            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static void Print(TextWriter output, TrainingBenchmarkResult r)
    {
        var o = r.Options;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"model          784-{string.Join("-", o.Model.Encoder)}-{o.Model.Latent} tanh, Bernoulli decoder, {r.Parameters:N0} parameters"));
        output.WriteLine(string.Create(inv, $"objective      {o.Objective.ToString().ToLowerInvariant()}, k = {o.K}, batch {o.BatchSize}"));
        output.WriteLine(string.Create(inv, $"device         {o.Device}, {o.Threads} thread(s)"));
        output.WriteLine(string.Create(inv, $"data           {TrainingBenchmark.DistinctBatches} batches of {o.BatchSize} mnist-sample digits, {r.Ones} ones"));
        output.WriteLine($"step           {StepKind(r.HandWrittenStep)}");
        output.WriteLine(string.Create(inv, $"samples/s      {r.SamplesPerSecond:F0}"));
        output.WriteLine(string.Create(inv, $"ms/step        {r.MillisecondsPerStep:F3}"));
        output.WriteLine(string.Create(inv, $"cpu ms/step    {r.CpuMillisecondsPerStep:F3}"));
        output.WriteLine(string.Create(inv, $"peak RSS       {r.PeakResidentBytes / 1048576.0:F1} MiB"));
        if (r.PeakDeviceBytes >= 0)
            output.WriteLine(string.Create(inv, $"peak device    {r.PeakDeviceBytes / 1048576.0:F1} MiB"));
        output.WriteLine(string.Create(inv, $"final loss     {r.FinalLoss:F3}"));
    }

    /// <summary>Which training step the figures measure: the dense VAE's on the CPU, or autograd's (a GPU).</summary>
    private static string StepKind(bool handWritten) =>
        handWritten ? "hand-written forward and backward (native/src/dense_vae.cpp)" : "autograd";

    private static void PrintEvaluation(TextWriter output, EvaluationBenchmarkResult e, TrainingBenchmarkOptions o)
    {
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"evaluation     {e.Points} points x k = {e.K} in chunks of {e.ChunkSize} on {o.Device}, {o.Threads} thread(s)"));
        if (e.Packed)
        {
            output.WriteLine(string.Create(inv, $"pack           {e.Runs} run(s) evaluated together"));
            output.WriteLine(string.Create(inv, $"log-weights/s  {e.LogWeightsPerSecond:F0} total, {e.PerRunLogWeightsPerSecond:F0} per run"));
        }
        else output.WriteLine(string.Create(inv, $"log-weights/s  {e.LogWeightsPerSecond:F0}"));
        output.WriteLine(string.Create(inv, $"seconds        {e.Seconds:F2}"));
        output.WriteLine(string.Create(inv, $"cpu seconds    {e.ProcessorSeconds:F2}"));
        output.WriteLine(string.Create(inv, $"peak RSS       {e.PeakResidentBytes / 1048576.0:F1} MiB"));
    }

    private static void PrintPacked(TextWriter output, PackedTrainingBenchmarkResult r)
    {
        var o = r.Options;
        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv,
            $"model          784-{string.Join("-", o.Model.Encoder)}-{o.Model.Latent} tanh, Bernoulli decoder, {r.ParametersPerRun:N0} parameters per run"));
        output.WriteLine(string.Create(inv, $"pack           {r.Runs} run(s), {o.Objective.ToString().ToLowerInvariant()}, k = {o.K}, batch {o.BatchSize}"));
        output.WriteLine(string.Create(inv, $"device         {o.Device}, {o.Threads} thread(s)"));
        output.WriteLine($"step           {StepKind(r.HandWrittenStep)}");
        output.WriteLine(string.Create(inv, $"samples/s      {r.TotalSamplesPerSecond:F0} total, {r.PerRunSamplesPerSecond:F0} per run"));
        output.WriteLine(string.Create(inv, $"ms/step        {r.MillisecondsPerStep:F3} (all runs)"));
        output.WriteLine(string.Create(inv, $"cpu ms/step    {r.CpuMillisecondsPerStep:F3} (all runs)"));
        output.WriteLine(string.Create(inv, $"peak RSS       {r.PeakResidentBytes / 1048576.0:F1} MiB"));
        if (r.PeakDeviceBytes >= 0)
            output.WriteLine(string.Create(inv, $"peak device    {r.PeakDeviceBytes / 1048576.0:F1} MiB"));
        output.WriteLine(string.Create(inv, $"final loss     {r.FinalLoss:F3} (mean over the runs)"));
    }
}
