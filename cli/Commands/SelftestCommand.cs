using System.CommandLine;
using System.Globalization;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep selftest`: the model mathematics checked on this machine, one PASS/FAIL line per check.</summary>
public static class SelftestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var device = new Option<string>("--device") { Description = "cpu, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };
        var command = new Command("selftest",
            "Check the objectives numerically on this machine (KL, log q, IWAE bound and gradient, k-sample folding); exit 1 if any check fails.")
        {
            device,
        };
        command.SetAction(parse => UserErrors.Run(error, () =>
        {
            var target = Arguments.Device(parse.GetValue(device)!);
            output.WriteLine($"libtorch {Torch.EnsureAvailable()}, device {target}");
            Torch.EnsureDevice(target);
            var results = SelfTestSuite.Run(target, (r, elapsed) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(r.Passed ? "PASS" : "FAIL")}  {r.Name,-34} {elapsed.TotalSeconds,5:F2}s  {r.Measured}")));
            var failed = results.Count(r => !r.Result.Passed);
            output.WriteLine(failed == 0 ? $"all {results.Count} checks passed" : $"{failed} of {results.Count} checks failed");
            return failed == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        }));
        return command;
    }
}
