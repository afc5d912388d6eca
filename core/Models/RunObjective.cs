using VaeSweep.Core.Config;

namespace VaeSweep.Core.Models;

/// <summary>One run's objective at one step of a pack: its kind, KL estimator and beta (after warm-up), and for a
/// categorical latent the Gumbel-softmax temperature in force (after annealing), for M2 the classifier's weight alpha.</summary>
public sealed record RunObjective(ObjectiveKind Kind, KlEstimator Kl, double Beta, double Temperature = 1.0, double Alpha = 0.0);
