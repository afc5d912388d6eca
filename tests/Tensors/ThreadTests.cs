using VaeSweep.Core.Tensors;

namespace VaeSweep.Tests.Tensors;

/// <summary>
/// --threads must bound the BLAS too: libtorch's set_num_threads leaves OpenBLAS (Debian's libtorch's BLAS) at one
/// thread per core, which made a "one thread" worker use every core. Thread counts are process-wide, so this runs
/// in the collection that runs alone, and puts the old counts back.
/// </summary>
[Collection(nameof(LeakTests))]
public class ThreadTests
{
    [Fact]
    public void Set_num_threads_sets_the_blas_thread_count_too()
    {
        var before = Torch.get_num_threads();
        // scripts/setup.sh installs libopenblas0-pthread: without it training is 10x slower, so its absence fails too.
        Assert.True(Torch.get_blas_threads() > 0, "libtorch's BLAS is OpenBLAS");
        try
        {
            Torch.set_num_threads(1);
            Assert.Equal((1, 1), (Torch.get_num_threads(), Torch.get_blas_threads()));
            Torch.set_num_threads(2);
            Assert.Equal((2, 2), (Torch.get_num_threads(), Torch.get_blas_threads()));
        }
        finally
        {
            Torch.set_num_threads(before);
        }
    }
}
