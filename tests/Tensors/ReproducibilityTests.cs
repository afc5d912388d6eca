using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Tests.Tensors;

public class ReproducibilityTests
{
    private static readonly ModelConfig Small = new() { Latent = 4, Encoder = [16], Decoder = [16] };

    [Fact]
    public void Generator_state_restores_the_same_draws()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(7);
        Torch.randn([10], g);
        var state = g.get_state();
        var first = Torch.randn([100], g).data<float>();
        g.set_state(state);
        Assert.Equal(first, Torch.randn([100], g).data<float>());
        Assert.NotEqual(first, Torch.randn([100], g).data<float>());
    }

    [Fact]
    public void Restoring_parameters_optimiser_and_generator_reproduces_the_next_step_bit_for_bit()
    {
        using var scope = new DisposeScope();
        using var g = new Generator(3);
        using var model = new Vae(Small, 20, g, Device.Cpu);
        using var adam = new Adam(model.Parameters(), lr: 0.01);
        var x = Torch.bernoulli(Torch.full([8, 20], 0.3), g);
        for (var i = 0; i < 5; i++) TrainingStep.Run(model, adam, x, ObjectiveKind.Iwae, 3, 1.0, KlEstimator.Analytic, g);

        // Snapshot everything a checkpoint holds.
        var parameters = model.Parameters().Select(p => p.data<float>()).ToList();
        var moments = adam.StateTensors().Select(s => s.Tensor.data<float>()).ToList();
        var steps = adam.StepCount;
        var rng = g.get_state();

        TrainingStep.Run(model, adam, x, ObjectiveKind.Iwae, 3, 1.0, KlEstimator.Analytic, g);
        var after = model.Parameters().Select(p => p.data<float>()).ToList();

        // Restore, perturbing nothing else, and take the step again.
        foreach (var (p, values) in model.Parameters().Zip(parameters)) p.copy_(Torch.tensor(values, p.shape));
        foreach (var (s, values) in adam.StateTensors().Zip(moments)) s.Tensor.copy_(Torch.tensor(values, s.Tensor.shape));
        adam.RestoreStepCount(steps);
        g.set_state(rng);
        TrainingStep.Run(model, adam, x, ObjectiveKind.Iwae, 3, 1.0, KlEstimator.Analytic, g);
        var again = model.Parameters().Select(p => p.data<float>()).ToList();

        for (var i = 0; i < after.Count; i++) Assert.Equal(after[i], again[i]);
        Assert.NotEqual(parameters[0], after[0]);
    }
}
