using VaeSweep.Core.Config;
using VaeSweep.Core.Training;

namespace VaeSweep.Tests.Models;

/// <summary>What is in force at each epoch: the k-schedule, the KL warm-up and the IWAE learning-rate schedule.</summary>
public sealed class ScheduleTests
{
    private static readonly ObjectiveConfig KSchedule = new()
    {
        K = 1, KSchedule = [new KStep(2, 5), new KStep(5, 50)],
    };

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(4, 5)]
    [InlineData(5, 50)]
    [InlineData(100, 50)]
    public void K_schedule_gives_the_last_step_reached(int epoch, int k) =>
        Assert.Equal(k, Schedules.KAt(KSchedule, epoch));

    [Theory]
    [InlineData(0, 7)]
    [InlineData(9, 7)]
    public void Without_a_k_schedule_k_is_fixed(int epoch, int k) =>
        Assert.Equal(k, Schedules.KAt(new ObjectiveConfig { K = 7 }, epoch));

    [Fact]
    public void A_k_schedule_from_epoch_zero_overrides_k() =>
        Assert.Equal(3, Schedules.KAt(new ObjectiveConfig { K = 9, KSchedule = [new KStep(0, 3)] }, 0));

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.5)]
    [InlineData(3, 2.0)]
    [InlineData(4, 2.0)]
    [InlineData(50, 2.0)]
    public void Beta_warms_up_linearly_over_the_warmup_epochs(int epoch, double beta) =>
        Assert.Equal(beta, Schedules.BetaAt(new ObjectiveConfig { Beta = 2.0, WarmupEpochs = 4 }, epoch), 12);

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Without_warmup_beta_is_constant(int epoch) =>
        Assert.Equal(0.1, Schedules.BetaAt(new ObjectiveConfig { Beta = 0.1 }, epoch));

    // Burda et al. 2016, section 5: 3^i epochs at lr 10^(-i/7), i = 0..7: stage 0 is epoch 0, stage 1 epochs 1-3,
    // stage 2 epochs 4-12, stage 3 epochs 13-39, ..., 3280 epochs in all.
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(12, 2)]
    [InlineData(13, 3)]
    [InlineData(39, 3)]
    [InlineData(40, 4)]
    [InlineData(120, 4)]
    [InlineData(121, 5)]
    [InlineData(3279, 7)]
    public void Iwae_learning_rate_schedule_has_stages_of_3_to_the_i_epochs(int epoch, int stage)
    {
        var training = new TrainingConfig { Lr = 1e-3, LrSchedule = LrSchedule.Iwae };
        Assert.Equal(1e-3 * Math.Pow(10, -stage / 7.0), Schedules.LrAt(training, epoch), 15);
    }

    [Fact]
    public void Iwae_schedule_reaches_a_tenth_of_the_rate_in_stage_seven()
    {
        var training = new TrainingConfig { Lr = 1e-3, LrSchedule = LrSchedule.Iwae };
        Assert.Equal(1e-4, Schedules.LrAt(training, 3279), 15);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(500)]
    public void Constant_learning_rate_is_constant(int epoch) =>
        Assert.Equal(3e-4, Schedules.LrAt(new TrainingConfig { Lr = 3e-4 }, epoch));
}
