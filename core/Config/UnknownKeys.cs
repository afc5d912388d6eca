using VaeSweep.Core.Config.Yaml;

namespace VaeSweep.Core.Config;

/// <summary>Builds the error for a key a map does not allow, with a did-you-mean and the allowed keys.</summary>
internal static class UnknownKeys
{
    public static ConfigException Error(ScalarNode key, string? parentPath, IEnumerable<string> allowed, ReadContext context)
    {
        var path = parentPath is null or "" ? key.Text : $"{parentPath}.{key.Text}";
        var names = allowed.ToList();
        var guess = Suggest.Closest(key.Text, names);
        var where = parentPath is null or "" ? "at the top level" : $"in {parentPath}";
        var hint = guess is not null ? $"did you mean '{guess}'?" : "allowed: " + string.Join(", ", names);
        return context.Error(key, path, $"unknown key '{key.Text}' {where}; {hint}");
    }
}
