using VaeSweep.Core.Benchmarks;
using VaeSweep.Core.Config;
using VaeSweep.Core.Models;
using VaeSweep.Core.Tensors;
using VaeSweep.Core.Training;

namespace VaeSweep.Tests.Tensors;

// The live-handle counter is process-wide, so these tests must not run beside others that create tensors.
[CollectionDefinition(nameof(LeakTests), DisableParallelization = true)]
public class LeakTestsCollection;

[Collection(nameof(LeakTests))]
public class LeakTests
{
    [Fact]
    public void A_thousand_training_steps_leave_no_live_handles_and_flat_memory()
    {
        var before = TensorHandle.LiveCount;
        using (var g = new Generator(1))
        using (var model = new Vae(new ModelConfig { Latent = 8, Encoder = [64], Decoder = [64] }, 784, g, Device.Cpu))
        using (var adam = new Adam(model.Parameters()))
        using (var x = Torch.bernoulli(Torch.full([50, 784], 0.2).DetachFromDisposeScope(), g).DetachFromDisposeScope())
        {
            var perModel = TensorHandle.LiveCount;
            long rssAfterWarmup = 0;
            for (var step = 0; step < 1000; step++)
            {
                using var metrics = TrainingStep.Run(model, adam, x, ObjectiveKind.Iwae, 2, 1.0, KlEstimator.Analytic, g);
                if (step == 200) rssAfterWarmup = ProcessMemory.ResidentBytes();
                Assert.Equal(perModel + 1, TensorHandle.LiveCount); // only the metrics tensor is alive
            }
            var growth = ProcessMemory.ResidentBytes() - rssAfterWarmup;
            Assert.True(growth < 32L << 20, $"resident memory grew by {growth >> 20} MiB over 800 steps");
        }
        GC.Collect();
        // The full tensor given to bernoulli was detached from any scope and must be freed by hand: it is the one
        // handle this test leaks on purpose, proving the counter sees leaks.
        Assert.Equal(before + 1, TensorHandle.LiveCount);
    }
}
