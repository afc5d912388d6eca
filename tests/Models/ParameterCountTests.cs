using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Models;

/// <summary>
/// <see cref="ParameterCount"/>, computed from a configuration, against the parameter tensors of the model Models
/// actually builds for it (sum of numel), for every family: so neither can change without the other.
/// </summary>
public sealed class ParameterCountTests
{
    private static readonly ConvLayer[] Conv = [new ConvLayer(4, 4, 2), new ConvLayer(6, 4, 2)];

    private static readonly ModelConfig Mlp = new() { Latent = 5, Encoder = [30, 20], Decoder = [25], Activation = Activation.Relu };

    public static TheoryData<string, RunConfig> Families() => new()
    {
        { "diagonal MLP", Run(Mlp) },
        { "diagonal, one layer, no hidden decoder layer", Run(Mlp with { Encoder = [17], Decoder = [] }) },
        { "full covariance", Run(Mlp with { Posterior = PosteriorKind.Full }) },
        { "shared first layer", Run(Mlp with { SharedFirstLayer = true }) },
        { "shared first layer, full covariance", Run(Mlp with { SharedFirstLayer = true, Posterior = PosteriorKind.Full }) },
        { "shared first layer of a one-layer encoder (a plain trunk)", Run(Mlp with { SharedFirstLayer = true, Encoder = [30] }) },
        { "categorical", Run(Mlp with { Posterior = PosteriorKind.Categorical, Categories = 7 }) },
        { "categorical, conv encoder", Run(Mlp with { Posterior = PosteriorKind.Categorical, Categories = 3, EncoderConv = Conv }) },
        { "conv encoder", Run(Mlp with { EncoderConv = Conv }) },
        { "conv decoder", Run(Mlp with { DecoderConv = Conv }) },
        { "conv both sides, full covariance", Run(Mlp with { EncoderConv = Conv, DecoderConv = [new ConvLayer(3, 4, 2)], Posterior = PosteriorKind.Full }) },
        { "conv both sides, one dense layer each", Run(Mlp with { EncoderConv = Conv, DecoderConv = Conv, Encoder = [12], Decoder = [] }) },
        { "m2, ten digits", Run(Mlp, m2: true) },
        { "m2, three classes", Run(Mlp, m2: true) with { Data = new DataConfig { Classes = [7, 1, 4], Labelled = 30 } } },
    };

    private static RunConfig Run(ModelConfig model, bool m2 = false) => new()
    {
        Model = model,
        Data = m2 ? new DataConfig { Labelled = 100 } : new DataConfig(),
        Objective = new ObjectiveConfig { Kind = m2 ? ObjectiveKind.M2 : ObjectiveKind.Vae },
    };

    [Theory]
    [MemberData(nameof(Families))]
    public void The_formula_counts_the_parameters_of_the_built_model(string family, RunConfig config)
    {
        using var scope = new DisposeScope();
        using var g = new Generator(3);
        using var model = Vae.For(config, ParameterCount.Inputs, g, Device.Cpu);

        var built = model.NamedParameters().Sum(p => p.Tensor.numel());

        Assert.True(built > 0, family);
        Assert.Equal(built, ParameterCount.Of(config));
    }

    [Fact]
    public void A_pack_holds_each_runs_parameters_once()
    {
        var config = Run(Mlp with { EncoderConv = Conv, Posterior = PosteriorKind.Full });
        using var scope = new DisposeScope();
        using var g1 = new Generator(1);
        using var g2 = new Generator(2);
        using var a = Vae.For(config, ParameterCount.Inputs, g1, Device.Cpu);
        using var b = Vae.For(config, ParameterCount.Inputs, g2, Device.Cpu);
        using var pack = PackedVae.FromRuns(config.Model, [a, b]);

        Assert.Equal(2 * ParameterCount.Of(config), pack.NamedParameters().Sum(p => p.Tensor.numel()));
    }

    [Fact]
    public void The_conv_versus_mlp_sweep_compares_models_of_similar_size()
    {
        var plan = Core.Planning.Planner.Expand(ConfigLoader.LoadFile(Config.RepoPaths.Combine("configs", "conv-vs-mlp.yaml")));

        var counts = plan.Runs.Select(r => ParameterCount.Of(r.Config)).Distinct().ToList();

        Assert.Equal(3, counts.Count);
        Assert.True(counts.Max() < 1.1 * counts.Min(), string.Join(", ", counts));
    }
}
