using VaeSweep.Core.Config.Values;

namespace VaeSweep.Core.Config;

/// <summary>
/// Every key a sweep file may set, with its type and range. This table is the one place that ties YAML names
/// to <see cref="RunConfig"/> properties; the loader, the axis reader and the canonical JSON all go through it.
/// </summary>
internal static class ConfigKeys
{
    private static readonly IntegerSpec Class = new(0, 9, "a class label from 0 to 9");
    private static readonly IntegerSpec Seed = new(0, long.MaxValue, "a non-negative integer", wide: true);

    private static DoubleSpec Range(Func<double, bool> ok, string expectation) => new(ok, expectation);

    /// <summary>The categorical latent's settings exist only for runs that have one.</summary>
    public static readonly KeyCondition Categorical =
        new("model.posterior: categorical", c => c.Model.Posterior == PosteriorKind.Categorical);

    /// <summary>The semi-supervised model's settings exist only for runs that train it.</summary>
    public static readonly KeyCondition M2 =
        new("objective.kind: m2", c => c.Objective.Kind == ObjectiveKind.M2);

    public static readonly IReadOnlyList<ConfigKey> All =
    [
        new("data.dataset", EnumSpec<DatasetKind>.Instance, c => c.Data.Dataset, (c, v) => c with { Data = c.Data with { Dataset = (DatasetKind)v } }),
        new("data.path", StringSpec.Instance, c => c.Data.Path, (c, v) => c with { Data = c.Data with { Path = (string)v } }),
        new("data.classes", new IntListSpec(Class, allowEmpty: true, unique: true, "a list of distinct class labels from 0 to 9"),
            c => c.Data.Classes, (c, v) => c with { Data = c.Data with { Classes = (IReadOnlyList<int>)v } }),
        new("data.binarize", EnumSpec<Binarization>.Instance, c => c.Data.Binarize, (c, v) => c with { Data = c.Data with { Binarize = (Binarization)v } }),
        new("data.threshold", Range(x => x > 0 && x < 1, "a number strictly between 0 and 1"),
            c => c.Data.Threshold, (c, v) => c with { Data = c.Data with { Threshold = (double)v } }),
        new("data.validation", IntegerSpec.NonNegative, c => c.Data.Validation, (c, v) => c with { Data = c.Data with { Validation = (int)v } }),
        new("data.train_limit", IntegerSpec.NonNegative, c => c.Data.TrainLimit, (c, v) => c with { Data = c.Data with { TrainLimit = (int)v } }),
        new("data.test_limit", IntegerSpec.NonNegative, c => c.Data.TestLimit, (c, v) => c with { Data = c.Data with { TestLimit = (int)v } }),
        new("data.labelled", IntegerSpec.NonNegative, c => c.Data.Labelled, (c, v) => c with { Data = c.Data with { Labelled = (int)v } },
            OnlyFor: M2),

        new("model.latent", IntegerSpec.Positive, c => c.Model.Latent, (c, v) => c with { Model = c.Model with { Latent = (int)v } }),
        new("model.encoder", Widths, c => c.Model.Encoder, (c, v) => c with { Model = c.Model with { Encoder = (IReadOnlyList<int>)v } }),
        new("model.decoder", Widths, c => c.Model.Decoder, (c, v) => c with { Model = c.Model with { Decoder = (IReadOnlyList<int>)v } }),
        new("model.encoder_conv", ConvSpec.Instance, c => c.Model.EncoderConv, (c, v) => c with { Model = c.Model with { EncoderConv = (IReadOnlyList<ConvLayer>)v } },
            OmittedWhenEmpty: true),
        new("model.decoder_conv", ConvSpec.Instance, c => c.Model.DecoderConv, (c, v) => c with { Model = c.Model with { DecoderConv = (IReadOnlyList<ConvLayer>)v } },
            OmittedWhenEmpty: true),
        new("model.activation", EnumSpec<Activation>.Instance, c => c.Model.Activation, (c, v) => c with { Model = c.Model with { Activation = (Activation)v } }),
        new("model.shared_first_layer", BoolSpec.Instance, c => c.Model.SharedFirstLayer, (c, v) => c with { Model = c.Model with { SharedFirstLayer = (bool)v } }),
        new("model.posterior", EnumSpec<PosteriorKind>.Instance, c => c.Model.Posterior, (c, v) => c with { Model = c.Model with { Posterior = (PosteriorKind)v } }),
        new("model.categories", new IntegerSpec(2, int.MaxValue, "an integer of at least 2"), c => c.Model.Categories,
            (c, v) => c with { Model = c.Model with { Categories = (int)v } }, OnlyFor: Categorical),

        new("objective.kind", EnumSpec<ObjectiveKind>.Instance, c => c.Objective.Kind, (c, v) => c with { Objective = c.Objective with { Kind = (ObjectiveKind)v } }),
        new("objective.k", IntegerSpec.Positive, c => c.Objective.K, (c, v) => c with { Objective = c.Objective with { K = (int)v } }),
        new("objective.k_schedule", KScheduleSpec.Instance, c => c.Objective.KSchedule, (c, v) => c with { Objective = c.Objective with { KSchedule = (IReadOnlyList<KStep>)v } }),
        new("objective.beta", Range(x => x >= 0, "a non-negative number"), c => c.Objective.Beta, (c, v) => c with { Objective = c.Objective with { Beta = (double)v } }),
        new("objective.kl", EnumSpec<KlEstimator>.Instance, c => c.Objective.Kl, (c, v) => c with { Objective = c.Objective with { Kl = (KlEstimator)v } }),
        new("objective.warmup_epochs", IntegerSpec.NonNegative, c => c.Objective.WarmupEpochs, (c, v) => c with { Objective = c.Objective with { WarmupEpochs = (int)v } }),
        new("objective.temperature", Range(x => x > 0, "a positive number"), c => c.Objective.Temperature,
            (c, v) => c with { Objective = c.Objective with { Temperature = (double)v } }, OnlyFor: Categorical),
        new("objective.temperature_end", Range(x => x > 0, "a positive number"), c => c.Objective.TemperatureEnd,
            (c, v) => c with { Objective = c.Objective with { TemperatureEnd = (double)v } }, OnlyFor: Categorical),
        new("objective.temperature_epochs", IntegerSpec.NonNegative, c => c.Objective.TemperatureEpochs,
            (c, v) => c with { Objective = c.Objective with { TemperatureEpochs = (int)v } }, OnlyFor: Categorical),
        new("objective.alpha", Range(x => x >= 0, "a non-negative number"), c => c.Objective.Alpha,
            (c, v) => c with { Objective = c.Objective with { Alpha = (double)v } }, OnlyFor: M2),

        new("training.epochs", IntegerSpec.Positive, c => c.Training.Epochs, (c, v) => c with { Training = c.Training with { Epochs = (int)v } }),
        new("training.batch_size", IntegerSpec.Positive, c => c.Training.BatchSize, (c, v) => c with { Training = c.Training with { BatchSize = (int)v } }),
        new("training.lr", Range(x => x > 0, "a positive number"), c => c.Training.Lr, (c, v) => c with { Training = c.Training with { Lr = (double)v } }),
        new("training.beta1", AdamBeta, c => c.Training.Beta1, (c, v) => c with { Training = c.Training with { Beta1 = (double)v } }),
        new("training.beta2", AdamBeta, c => c.Training.Beta2, (c, v) => c with { Training = c.Training with { Beta2 = (double)v } }),
        new("training.eps", Range(x => x > 0, "a positive number"), c => c.Training.Eps, (c, v) => c with { Training = c.Training with { Eps = (double)v } }),
        new("training.lr_schedule", EnumSpec<LrSchedule>.Instance, c => c.Training.LrSchedule, (c, v) => c with { Training = c.Training with { LrSchedule = (LrSchedule)v } }),
        new("training.checkpoint_every", IntegerSpec.Positive, c => c.Training.CheckpointEvery, (c, v) => c with { Training = c.Training with { CheckpointEvery = (int)v } },
            Execution: true),

        new("evaluation.k", IntegerSpec.Positive, c => c.Evaluation.K, (c, v) => c with { Evaluation = c.Evaluation with { K = (int)v } }),
        new("evaluation.ks", new IntListSpec(IntegerSpec.Positive, allowEmpty: true, unique: true, "a list of distinct positive integers"),
            c => c.Evaluation.Ks, (c, v) => c with { Evaluation = c.Evaluation with { Ks = (IReadOnlyList<int>)v } }),
        new("evaluation.chunk_size", IntegerSpec.Positive, c => c.Evaluation.ChunkSize, (c, v) => c with { Evaluation = c.Evaluation with { ChunkSize = (int)v } },
            Execution: true),
        new("evaluation.pictures", BoolSpec.Instance, c => c.Evaluation.Pictures, (c, v) => c with { Evaluation = c.Evaluation with { Pictures = (bool)v } }),

        new("seed", Seed, c => c.Seed, (c, v) => c with { Seed = (long)v }),
    ];

    private static IntListSpec Widths => new(IntegerSpec.Positive, allowEmpty: false, unique: false, "a non-empty list of positive layer widths");

    // Adam's decay rates: 1 would make the moment estimates never forget, and the bias correction divide by 0.
    private static DoubleSpec AdamBeta => new(x => x >= 0 && x < 1, "a number in [0, 1)");

    /// <summary>True for a path (<c>evaluation.chunk_size</c>) that names an execution setting; see <see cref="ConfigKey.Execution"/>.</summary>
    public static bool IsExecution(string path) => ByPath.TryGetValue(path, out var key) && key.Execution;

    public static readonly IReadOnlyDictionary<string, ConfigKey> ByPath = All.ToDictionary(k => k.Path, StringComparer.Ordinal);

    /// <summary>Section names in file order, "" excluded.</summary>
    public static readonly IReadOnlyList<string> Sections = All.Select(k => k.Section).Where(s => s != "").Distinct().ToList();
}
