using VaeSweep.Core.Config;

namespace VaeSweep.Core.Training;

/// <summary>What is in force at a given (0-based) epoch: k, beta, the learning rate and the Gumbel-softmax temperature.</summary>
public static class Schedules
{
    /// <summary>k from the k-schedule (the last step whose epoch has been reached), else the fixed k (seed 000's bonus).</summary>
    public static int KAt(ObjectiveConfig objective, int epoch)
    {
        var k = objective.K;
        foreach (var step in objective.KSchedule)
            if (step.Epoch <= epoch) k = step.K;
        return k;
    }

    /// <summary>KL warm-up: beta ramps linearly from beta/W at epoch 0 to beta at epoch W-1 and stays there.</summary>
    public static double BetaAt(ObjectiveConfig objective, int epoch) =>
        objective.WarmupEpochs <= 0 ? objective.Beta
            : objective.Beta * Math.Min(1.0, (epoch + 1.0) / objective.WarmupEpochs);

    /// <summary>
    /// The Gumbel-softmax temperature: with temperature_epochs N > 0 it decays exponentially from temperature at
    /// epoch 0 to temperature_end at epoch N and stays there, tau(e) = max(end, start exp(-r e)) with
    /// r = ln(start / end) / N: Jang et al. 2017's annealing (section 4, tau = max(0.5, exp(-r t)) over steps), with
    /// the rate given by when the floor is reached and counted in epochs. N = 0 keeps temperature throughout.
    /// </summary>
    public static double TemperatureAt(ObjectiveConfig objective, int epoch)
    {
        var n = objective.TemperatureEpochs;
        if (n <= 0) return objective.Temperature;
        var progress = Math.Min(epoch, n) / (double)n;
        return objective.Temperature * Math.Pow(objective.TemperatureEnd / objective.Temperature, progress);
    }

    /// <summary>
    /// Constant, or the IWAE paper's schedule (Burda et al. 2016, section 5): stage i = 0, 1, ... lasts 3^i epochs
    /// at lr * 10^(-i/7).
    /// </summary>
    public static double LrAt(TrainingConfig training, int epoch)
    {
        if (training.LrSchedule == LrSchedule.Constant) return training.Lr;
        var stage = 0;
        long stageEnd = 1;
        while (epoch >= stageEnd)
        {
            stage++;
            stageEnd += (long)Math.Pow(3, stage);
        }
        return training.Lr * Math.Pow(10, -stage / 7.0);
    }
}
