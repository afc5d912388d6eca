using VaeSweep.Core.Config;

namespace VaeSweep.Core.Reports;

/// <summary>
/// The tidy layout shared by CSV and JSON: one row per run, or per epoch; one column per variable; every axis
/// the stores know, so pandas can group by any of them. Cells are strings, numbers (double), integers, bools
/// or null (not measured).
/// </summary>
internal static class TidyTable
{
    public static (List<string> Columns, List<object?[]> Rows) Build(ReportModel model, bool perEpoch)
    {
        var columns = new List<string> { "store", "sweep", "run_key" };
        columns.AddRange(model.Axes);
        columns.Add("state");
        return perEpoch ? Epochs(model, columns) : Runs(model, columns);
    }

    // An axis whose values are all numbers is written as numbers, so pandas gets a float column to plot against.
    private static IEnumerable<object?> Identity(ReportModel model, ReportRow r) =>
        new object?[] { r.Store, r.Sweep, r.Run.RunKey }
            .Concat(model.Axes.Select(a => NumericAxis(model, a) ? AxisValueOrder.Number(r.Axes[a]) : (object)r.Axes[a]))
            .Append(r.Run.State.ToString().ToLowerInvariant());

    private static bool NumericAxis(ReportModel model, string axis) =>
        AxisValueOrder.AllNumeric(model.Rows.Select(r => r.Axes[axis]).Distinct().ToList());

    private static (List<string>, List<object?[]>) Runs(ReportModel model, List<string> columns)
    {
        columns.AddRange(["reason", "best", "parameters", "epochs", "wall_seconds", "eval_k", "log_likelihood", "log_likelihood_se",
            "elbo", "recon", "kl", "active_units", "n_test", "khat_unreliable_share", "khat_median", "probe_accuracy",
            "mutual_information", "mutual_information_se", "mutual_information_points", "classifier_accuracy"]);
        var rows = model.Rows.Select(r =>
        {
            var e = r.Evaluation;
            return Identity(model, r).Concat(new object?[]
            {
                r.Run.Reason, r.IsBest, ParameterCount.Of(r.Config), r.Epochs.Count, r.WallSeconds, e?.K, e?.LogLikelihood, e?.LogLikelihoodSe,
                e?.Elbo, e?.Recon, e?.Kl, e?.ActiveUnits, e?.NTest, e?.KHat?.UnreliableShare, e?.KHat?.Median,
                e?.ProbeAccuracy, e?.MutualInformation?.Value, e?.MutualInformation?.Se, e?.MutualInformation?.Points, e?.ClassifierAccuracy,
            }).ToArray();
        }).ToList();
        return (columns, rows);
    }

    private static (List<string>, List<object?[]>) Epochs(ReportModel model, List<string> columns)
    {
        columns.AddRange(["epoch", "k", "beta", "lr", "train_loss", "train_elbo", "train_recon", "train_kl", "valid_elbo",
            "active_units", "seconds", "samples_per_second", "classifier_accuracy"]);
        var rows = model.Rows.SelectMany(r => r.Epochs.Select(e => Identity(model, r).Concat(new object?[]
        {
            e.Epoch, e.K, e.Beta, e.Lr, e.TrainLoss, e.TrainElbo, e.TrainRecon, e.TrainKl, e.ValidElbo,
            e.ActiveUnits, e.Seconds, e.SamplesPerSecond, e.ClassifierAccuracy,
        }).ToArray())).ToList();
        return (columns, rows);
    }
}
