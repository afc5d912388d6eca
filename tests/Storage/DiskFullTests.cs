using VaeSweep.Core.Storage;

namespace VaeSweep.Tests.StoreTests;

public sealed class DiskFullTests
{
    [TmpfsFact]
    public void A_full_disk_gives_a_StoreException_naming_the_path_and_loses_nothing_committed()
    {
        using var disk = SmallTmpfs.Mount(1024);
        var path = Path.Combine(disk.Path, "store.db");
        var ballast = Path.Combine(disk.Path, "ballast");
        var clock = new ManualClock();
        var message = new string('m', 8000);
        var committed = 0;
        StoreException? error = null;
        using (var store = Store.Open(path, clock))
        {
            File.WriteAllBytes(ballast, new byte[128 * 1024]);
            for (var i = 0; i < 1000 && error is null; i++)
            {
                try
                {
                    store.AddEvent(null, "filler", $"{i} {message}");
                    committed++;
                }
                catch (StoreException e)
                {
                    error = e;
                }
            }

            Assert.NotNull(error);
            Assert.Contains(path, error.Message);
            Assert.Contains("full", error.Message);
            Assert.Equal(committed, store.Events().Count);

            // Space freed: the same instance writes again.
            File.Delete(ballast);
            store.AddEvent(null, "after", "space freed");
        }

        using var reopened = Store.Open(path, clock);
        Assert.Empty(reopened.CheckInvariants());
        Assert.Equal(committed + 1, reopened.Events().Count);
    }
}
