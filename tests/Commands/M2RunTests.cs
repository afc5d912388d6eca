using VaeSweep.Cli;
using VaeSweep.Core.Storage;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Commands;

/// <summary>`vaesweep run` on an M2 sweep (objective.kind: m2): it trains, records the classifier's accuracy per
/// epoch and at the evaluation, and the report shows it; too many labels are refused before anything is written.</summary>
public sealed class M2RunTests
{
    private const string Sweep = """
        sweep:
          name: m2-tiny
        base:
          data: {dataset: mnist-sample, train_limit: 600, validation: 100, test_limit: 50}
          model: {latent: 4, encoder: [32], decoder: [32]}
          objective: {kind: m2, alpha: 10}
          training: {epochs: 2, batch_size: 100}
          evaluation: {k: 5, ks: [1, 5], pictures: true}
        grid:
          data.labelled: [20, 100]
          seed: [3, 4]
        """;

    [FactWhen("mnist-sample")]
    public void A_tiny_m2_sweep_trains_and_records_the_classifier_accuracy_per_epoch_and_per_run()
    {
        using var folder = new TempFolder();
        var sweep = folder.File("m2.yaml");
        File.WriteAllText(sweep, Sweep);
        var store = folder.File("m2.db");

        var (code, output, error) = CliRunner.Run("run", sweep, "--store", store, "--in-process", "--pack", "4");

        Assert.True(code == ExitCodes.Ok, $"exit {code}: {error}\n{output}");
        using (var opened = Store.OpenReadOnly(store))
        {
            var runs = opened.Runs(opened.Sweeps().Single().Id);
            Assert.Equal(4, runs.Count);
            Assert.All(runs, r =>
            {
                Assert.All(opened.Epochs(r.RunKey), e => Assert.InRange(e.ClassifierAccuracy!.Value, 0.0, 1.0));
                var evaluation = opened.Evaluation(r.RunKey)!;
                Assert.InRange(evaluation.ClassifierAccuracy!.Value, 0.0, 1.0);
                Assert.Null(evaluation.ProbeAccuracy);
                Assert.True(evaluation.Elbo <= evaluation.LogLikelihood + 1, $"elbo {evaluation.Elbo} vs log p(x) {evaluation.LogLikelihood}");
                Assert.Equal(["analogies", "class-samples"], opened.Artifacts(r.RunKey).Select(x => x.Kind).Order(StringComparer.Ordinal));
            });
        }
        // With --pack 4 the two seeds of each labelled set share a pack; the two labelled sets never do.
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains(": claimed") && l.Contains("in a pack of 2")));
        // The run's lines say the classifier's accuracy: validation after each epoch, test at the end.
        Assert.Equal(8, output.Split('\n').Count(l => l.Contains(": epoch ") && l.Contains(", accuracy ")));
        Assert.Equal(4, output.Split('\n').Count(l => l.Contains(": completed, log p(x) ") && l.Contains(", accuracy ")));

        var (reportCode, report, _) = CliRunner.Run("report", store, "--by", "data.labelled", "--sort", "classifier-accuracy");
        Assert.Equal(ExitCodes.Ok, reportCode);
        Assert.Contains("classifier acc", report);
        Assert.Contains("classifier-accuracy by data.labelled", report);
    }

    [FactWhen("mnist-sample")]
    public void More_labels_than_the_training_split_holds_is_one_error_line_and_nothing_is_written()
    {
        using var folder = new TempFolder();
        var sweep = folder.File("m2.yaml");
        File.WriteAllText(sweep, Sweep.Replace("[20, 100]", "[20, 601]"));
        var store = folder.File("m2.db");

        var (code, output, error) = CliRunner.Run("run", sweep, "--store", store, "--in-process");

        Assert.Equal(ExitCodes.DataError, code);
        Assert.Equal("error: data.labelled is 601 but the training split has only 600 examples; lower data.labelled (or raise data.train_limit)",
            error.TrimEnd('\n'));
        Assert.False(File.Exists(store), "a refused sweep must not create its store");
        Assert.DoesNotContain(Directory.GetFileSystemEntries(folder.Path), p => !p.EndsWith("m2.yaml", StringComparison.Ordinal));
        Assert.DoesNotContain("error", output);
    }
}
