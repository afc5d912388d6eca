using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using VaeSweep.Core.Platform;

namespace VaeSweep.Core.Tensors;

/// <summary>
/// Finds libvaesweep_native.so: $VAESWEEP_NATIVE (a file), the application folder (where the build copies it),
/// then native/build/ of an enclosing source tree (tests and `dotnet run` from a checkout).
/// </summary>
internal static class NativeLibraryLoader
{
    private const string FileName = "libvaesweep_native.so";

    // A library (not the app) registers its own resolver: the shim is this assembly's dependency, and every host
    // (the CLI, the test runner, a published folder) must find it the same way.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register() =>
        NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        if (name != NativeMethods.Lib) return IntPtr.Zero;
        var candidates = Candidates().ToList();
        var file = candidates.FirstOrDefault(File.Exists);
        if (file is null)
            throw new TorchUnavailableException(
                $"the native library {FileName} was not found (looked in {string.Join(", ", candidates)}); " +
                "build it with ./vaesweep setup");
        try
        {
            return NativeLibrary.Load(file);
        }
        catch (DllNotFoundException e)
        {
            // The usual cause is libtorch itself missing from the loader's path.
            throw new TorchUnavailableException(
                $"{file} could not be loaded ({FirstLine(e.Message)}); is libtorch installed? " +
                "(Debian: apt-get install libtorch-dev libopenblas0-pthread, or ./vaesweep setup)");
        }
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("VAESWEEP_NATIVE");
        if (!string.IsNullOrEmpty(fromEnvironment)) yield return fromEnvironment;
        yield return Path.Combine(AppContext.BaseDirectory, FileName);
        if (RepositoryRoot.Find() is { } root) yield return Path.Combine(root, "native", "build", FileName);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
