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

    /// <summary>
    /// The error for an unknown key inside base (<paramref name="section"/> "" for base itself): a setting written
    /// in the wrong section (<c>lr</c> under <c>objective</c>) is named with the section it belongs to, since a
    /// did-you-mean among the section's own keys would point at an unrelated setting.
    /// </summary>
    public static ConfigException InBase(ScalarNode key, string section, IEnumerable<string> allowed, ReadContext context)
    {
        var homes = ConfigKeys.All.Where(k => k.Name == key.Text && k.Section != section && k.Section != "").ToList();
        if (homes.Count == 0) return Error(key, section == "" ? "base" : section, allowed, context);
        var where = section == "" ? "directly under base" : $"in {section}";
        var belongs = string.Join(" or ", homes.Select(k => $"{k.Section} ({k.Path})"));
        return context.Error(key, section == "" ? key.Text : $"{section}.{key.Text}",
            $"'{key.Text}' is not a setting {where}: it belongs in the section {belongs}");
    }
}
