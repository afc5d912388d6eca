using VaeSweep.Core.Tensors;

namespace VaeSweep.Cli;

/// <summary>Checks of option values that System.CommandLine's parser cannot express; each failure is one line.</summary>
public static class Arguments
{
    public static int Positive(int value, string name) =>
        value > 0 ? value : throw new UsageException($"{name} must be a positive integer (got {value})");

    public static double Positive(double value, string name) =>
        value > 0 && double.IsFinite(value) ? value : throw new UsageException($"{name} must be a positive number (got {value})");

    /// <summary>A --pack width, null when the option is absent (each device's default then applies). Read as text, so
    /// that a non-number gets this line rather than the parser's message about nullable types.</summary>
    public static int? Pack(string? text)
    {
        if (text is null) return null;
        return int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var width) && width > 0
            ? width
            : throw new UsageException($"--pack must be a positive integer (got {text})");
    }

    public static Device Device(string text)
    {
        try
        {
            return Core.Tensors.Device.Parse(text);
        }
        catch (FormatException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static IReadOnlyList<Device> Devices(string text)
    {
        var devices = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Device).ToList();
        if (devices.Count == 0) throw new UsageException("--devices names no device");
        if (devices.Distinct().Count() != devices.Count) throw new UsageException($"--devices names a device twice ({text})");
        return devices;
    }

    /// <summary>Live views and tables only on a real terminal; plain lines in a file or a pipe.</summary>
    public static bool IsTerminal(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>A --store that training can use: a SQLite file. A URL is refused with one line before anything is
    /// written (Store.Open would otherwise create a file named like the URL): a typo of postgresql:// as a store
    /// error, a postgresql:// URL because only `report` reads PostgreSQL stores so far.</summary>
}
