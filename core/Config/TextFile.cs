using System.Text;

namespace VaeSweep.Core.Config;

/// <summary>
/// Decodes a sweep file's bytes as UTF-8 text, refusing what is not text: a NUL byte or invalid UTF-8 means the
/// path names some other file (a data file, a store, an image), and a decoder's or YAML parser's complaint about
/// it would only puzzle the user.
/// </summary>
internal static class TextFile
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public static string Decode(byte[] bytes, string path)
    {
        var nul = Array.IndexOf(bytes, (byte)0);
        if (nul >= 0) throw NotText(path, $"a NUL byte at offset {nul}");
        try
        {
            // A byte-order mark is allowed, as File.ReadAllText allows it, and is not part of the text.
            var skip = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xef, 0xbb, 0xbf]) ? 3 : 0;
            return Strict.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at offset {e.Index}" : "";
            throw NotText(path, $"bytes that are not UTF-8{at}");
        }
    }

    private static ConfigException NotText(string path, string found) =>
        new(path, SourceLocation.None, null, $"not a text file (found {found}); give the sweep's YAML file");
}
