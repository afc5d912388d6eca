using VaeSweep.Core.Config;

namespace VaeSweep.Core.Training;

/// <summary>One run of a pack: what a single <see cref="Trainer"/> is given (key, config, folder) and where its
/// results go. Its checkpoints land in RunFolder/checkpoints, as a single run's do.</summary>
public sealed record PackedRun(string RunKey, RunConfig Config, string RunFolder, ITrainingRecorder Recorder);
