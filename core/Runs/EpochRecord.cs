namespace VaeSweep.Core.Runs;

/// <summary>
/// One epoch of training, recorded once and complete. Metrics may be NaN or infinite (a diverged run) and read
/// back as such; a null metric means "not measured this epoch".
/// </summary>
/// <param name="Epoch">0-based; a run's epochs are contiguous from 0.</param>
/// <param name="K">Importance samples per data point in force this epoch (k-schedule).</param>
/// <param name="Beta">KL weight in force this epoch (after warm-up).</param>
/// <param name="ClassifierAccuracy">M2 only: the validation accuracy of q(y|x)'s most probable class; null for other
/// objectives, without a validation split, and for epochs recorded before schema version 6.</param>
public sealed record EpochRecord(
    int Epoch,
    int K,
    double Beta,
    double Lr,
    double TrainLoss,
    double? TrainElbo,
    double? TrainRecon,
    double? TrainKl,
    double? ValidElbo,
    int? ActiveUnits,
    double Seconds,
    double SamplesPerSecond,
    double? ClassifierAccuracy = null);
