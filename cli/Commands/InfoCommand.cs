using System.CommandLine;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli.Commands;

/// <summary>`vaesweep info`: what libtorch and which devices this machine offers.</summary>
public static class InfoCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("info", "Show the libtorch version, thread count and available devices.");
        command.SetAction(_ => UserErrors.Run(error, () =>
        {
            var version = Torch.EnsureAvailable();
            output.WriteLine($"libtorch       {version}");
            output.WriteLine($"threads        {Torch.get_num_threads()}");
            var blas = Torch.get_blas_threads();
            output.WriteLine($"blas threads   {(blas < 0 ? "n/a (not OpenBLAS)" : blas)}");
            var cuda = Torch.cuda_is_available();
            output.WriteLine($"cuda           {(cuda ? $"{Torch.cuda_device_count()} device(s)" : "not available")}");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
