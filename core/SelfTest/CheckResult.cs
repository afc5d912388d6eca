namespace VaeSweep.Core.SelfTest;

/// <summary>
/// The outcome of one numerical check: whether the mathematics held on this machine, and the numbers measured,
/// so that a failure says by how much. <see cref="Values"/> holds the same numbers for tests to assert on.
/// </summary>
public sealed record CheckResult(string Name, bool Passed, string Measured, IReadOnlyDictionary<string, double> Values)
{
    public double this[string key] => Values[key];

    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Measured}";
}
