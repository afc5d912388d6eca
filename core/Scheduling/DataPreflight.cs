using VaeSweep.Core.Config;
using VaeSweep.Core.Data;
using VaeSweep.Core.Planning;

namespace VaeSweep.Core.Scheduling;

/// <summary>
/// Opens and checks the data of every planned run before a sweep writes anything. A missing folder, a path that is
/// a file, a damaged file, a validation split larger than the training data, or an M2 run's data.labelled beyond its
/// training split (or data without labels) is then one error line and exit 5, with no store, logs folder or failed
/// run left behind; found inside a worker it would fail every run (recorded, so that fixing data.path would then
/// count as changing the sweep) and print nothing.
/// </summary>
public static class DataPreflight
{
    /// <summary>Loads each distinct data configuration of the plan through <paramref name="cache"/>; the first
    /// problem is thrown as a DataException. A worker in this process then finds the data already loaded.</summary>
    public static void Check(Plan plan, DataCache cache)
    {
        // The cache keys data configs by value, so runs sharing their data load it once.
        foreach (var run in plan.Runs)
        {
            var bundle = cache.Get(run.Config.Data);
            // An M2 run needs its labelled examples in the training split, with labels (LabelledSubset throws).
            if (run.Config.Objective.Kind == ObjectiveKind.M2)
                LabelledSubset.Indices(bundle.Train, LabelledSubset.Classes(run.Config.Data), run.Config.Data.Labelled);
        }
    }
}
