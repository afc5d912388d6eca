using System.Runtime.InteropServices;

namespace VaeSweep.Core.Tensors;

/// <summary>The one place a native status becomes an exception.</summary>
internal static class Native
{
    public static void Check(int status)
    {
        if (status != 0) throw new TorchException(LastError());
    }

    /// <summary>Checks the status and wraps the produced handle; arguments are evaluated left to right, so
    /// <c>Wrap(vs_op(..., out var r), r)</c> reads r after the call has written it.</summary>
    public static Tensor Wrap(int status, IntPtr result)
    {
        Check(status);
        return new Tensor(result);
    }

    private static string LastError()
    {
        // The message is owned by the native side (thread-local); copy it, never free it.
        var text = Marshal.PtrToStringUTF8(NativeMethods.vs_last_error()) ?? "unknown native error";
        // libtorch messages can span lines (source locations); the first line carries the meaning.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? text : string.Join(" ", lines);
    }
}
