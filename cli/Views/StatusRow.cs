using System.Globalization;
using VaeSweep.Core.Runs;
using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Scheduling.Slurm;
using VaeSweep.Core.Storage;

namespace VaeSweep.Cli.Views;

/// <summary>One run as `vaesweep status` shows it, the same words on a terminal and in a file.</summary>
/// <param name="Detail">Why it failed, else its axis values; then who holds it, if anyone.</param>
public sealed record StatusRow(string Run, string State, string Epochs, string LogLikelihood, string Detail)
{
    public static StatusRow From(RunRow r)
    {
        var ll = r.LogLikelihood is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "";
        var epochs = r.LatestEpoch is { } e ? (e + 1).ToString(CultureInfo.InvariantCulture) : "";
        var pack = r.PackWidth > 1 && r.State == RunState.Running ? $" in a pack of {r.PackWidth}" : "";
        var holder = r.LeaseOwner is null ? "" : $" [held by {r.LeaseOwner}{SlurmJobText(r.LeaseOwner)}{pack}]";
        var detail = (r.Reason ?? AxesText.Describe(r.AxesJson, " ")) + holder;
        return new StatusRow(r.RunKey.Value, EventText.StateName(r.State), epochs, ll, detail);
    }

    private static string SlurmJobText(string owner) => SlurmOwner.JobOf(owner) is { } job ? $", Slurm job {job}" : "";
}
