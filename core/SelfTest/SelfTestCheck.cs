using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.SelfTest;

/// <summary>One named check of `vaesweep selftest`: what it verifies, and the function that measures it.</summary>
public sealed record SelfTestCheck(string Name, string Claim, Func<Device, CheckResult> Run);
