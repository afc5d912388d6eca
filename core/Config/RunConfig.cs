namespace VaeSweep.Core.Config;

// The fully resolved configuration of one run. Every knob a run has lives here, with its default, so that
// the planner can hash the canonical form into a run key and the trainer never consults anything else.
// Defaults live only in these initialisers; the YAML loader starts from `new RunConfig()` and overrides.

public enum DatasetKind { MnistSample, Mnist, FashionMnist, BinarizedMnist }
public enum Binarization { Dynamic, Fixed, Threshold, None }
public enum Activation { Tanh, Relu, Elu, Softplus, Sigmoid, LeakyRelu }
public enum PosteriorKind { Diagonal, Full, Categorical }
public enum ObjectiveKind { Vae, Iwae, M2 }
public enum KlEstimator { Analytic, MonteCarlo }
public enum LrSchedule { Constant, Iwae }

public sealed record DataConfig
{
    public DatasetKind Dataset { get; init; } = DatasetKind.MnistSample;
    /// <summary>Folder holding the data files; null means the data set's default location.</summary>
    public string? Path { get; init; }
    /// <summary>Class subset, e.g. [0, 1, 4, 9]; empty means all classes.</summary>
    public IReadOnlyList<int> Classes { get; init; } = [];
    public Binarization Binarize { get; init; } = Binarization.Dynamic;
    public double Threshold { get; init; } = 0.5;
    /// <summary>Examples held out of the training split for validation.</summary>
    public int Validation { get; init; } = 1000;
    /// <summary>Cap on training examples (after the validation split); 0 means no cap.</summary>
    public int TrainLimit { get; init; }
    /// <summary>Cap on test examples; 0 means no cap.</summary>
    public int TestLimit { get; init; }
    /// <summary>objective.kind: m2 only: training examples whose label the model sees (Data.LabelledSubset picks
    /// them); the rest of the training split is unlabelled.</summary>
    public int Labelled { get; init; }

    /// <summary>The classes an M2 run's classifier tells apart, in the order of its outputs: <see cref="Classes"/>
    /// sorted, or the ten digits.</summary>
    public int[] LabelClasses() => Classes.Count > 0 ? Classes.Order().ToArray() : Enumerable.Range(0, 10).ToArray();
}

public sealed record ModelConfig
{
    public int Latent { get; init; } = 50;
    public IReadOnlyList<int> Encoder { get; init; } = [200, 200];
    public IReadOnlyList<int> Decoder { get; init; } = [200, 200];
    /// <summary>Convolutional layers before the encoder's dense <see cref="Encoder"/> layers; empty for an MLP.</summary>
    public IReadOnlyList<ConvLayer> EncoderConv { get; init; } = [];
    /// <summary>The decoder's convolutional layers, written as the encoder they mirror: after its dense
    /// <see cref="Decoder"/> layers, transposed convolutions undo them in reverse order down to one channel of
    /// logits at 28x28. Empty for an MLP decoder.</summary>
    public IReadOnlyList<ConvLayer> DecoderConv { get; init; } = [];
    public Activation Activation { get; init; } = Activation.Tanh;
    /// <summary>Seed 003: mean and (log-)scale heads share the encoder's first layer only.</summary>
    public bool SharedFirstLayer { get; init; }
    public PosteriorKind Posterior { get; init; } = PosteriorKind.Diagonal;
    /// <summary>Categorical posterior only: each of the <see cref="Latent"/> variables takes one of this many values.</summary>
    public int Categories { get; init; } = 10;
}

public sealed record KStep(int Epoch, int K);

public sealed record ObjectiveConfig
{
    public ObjectiveKind Kind { get; init; } = ObjectiveKind.Vae;
    public int K { get; init; } = 1;
    /// <summary>k in force from each listed epoch on (0-based); empty means K throughout.</summary>
    public IReadOnlyList<KStep> KSchedule { get; init; } = [];
    public double Beta { get; init; } = 1.0;
    public KlEstimator Kl { get; init; } = KlEstimator.Analytic;
    /// <summary>Linear beta ramp from 0 over this many epochs (KL warm-up); 0 disables it.</summary>
    public int WarmupEpochs { get; init; }
    /// <summary>Categorical posterior only: the Gumbel-softmax temperature at epoch 0.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Categorical posterior only: the temperature reached at epoch <see cref="TemperatureEpochs"/>.</summary>
    public double TemperatureEnd { get; init; } = 0.5;
    /// <summary>Categorical posterior only: epochs of geometric decay from Temperature to TemperatureEnd; 0 keeps
    /// Temperature throughout.</summary>
    public int TemperatureEpochs { get; init; }
    /// <summary>objective.kind: m2 only: the weight of the labelled examples' mean log q(y|x) in the per-example
    /// objective, i.e. Kingma et al. 2014's alpha (eq. 9) divided by the training examples N; 0.1 is their alpha = 0.1 N.</summary>
    public double Alpha { get; init; } = 0.1;
}

public sealed record TrainingConfig
{
    public int Epochs { get; init; } = 10;
    public int BatchSize { get; init; } = 100;
    public double Lr { get; init; } = 1e-3;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    public double Eps { get; init; } = 1e-4;
    public LrSchedule LrSchedule { get; init; } = LrSchedule.Constant;
    public int CheckpointEvery { get; init; } = 1;
}

public sealed record EvaluationConfig
{
    /// <summary>Importance samples for the log-likelihood estimate (the IWAE bound).</summary>
    public int K { get; init; } = 5000;
    /// <summary>Smaller k whose bounds are reported from prefixes of the same samples.</summary>
    public IReadOnlyList<int> Ks { get; init; } = [1, 5, 50, 500, 5000];
    /// <summary>Upper bound on log-weights held in memory at once (test points x samples).</summary>
    public int ChunkSize { get; init; } = 2_000;
    public bool Pictures { get; init; } = true;
}

public sealed record RunConfig
{
    public DataConfig Data { get; init; } = new();
    public ModelConfig Model { get; init; } = new();
    public ObjectiveConfig Objective { get; init; } = new();
    public TrainingConfig Training { get; init; } = new();
    public EvaluationConfig Evaluation { get; init; } = new();
    public long Seed { get; init; }
}
