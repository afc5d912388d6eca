namespace VaeSweep.Core.Storage;

/// <summary>What merging one part brought into the output store.</summary>
/// <param name="Runs">Runs the part plans.</param>
/// <param name="Brought">Runs whose records came from this part (the others were already in the output, equal,
/// or only planned in the part).</param>
public sealed record MergedPart(string Path, int Runs, int Brought);
