using VaeSweep.Core.Scheduling;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Config;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Scheduling;

/// <summary>`run` without --workers starts one worker per core on the CPU and one per GPU.</summary>
public sealed class WorkerCountTests
{
    [Theory]
    [InlineData("cpu", 1, 2, 2)]
    [InlineData("cpu", 1, 16, 16)]
    [InlineData("cpu", 3, 16, 5)]
    [InlineData("cpu", 4, 2, 1)]
    [InlineData("cuda:0", 1, 16, 1)]
    public void The_default_is_one_worker_per_core_on_the_cpu_and_one_per_gpu(string device, int threads, int cores, int workers) =>
        Assert.Equal(workers, WorkerCount.DefaultFor(Device.Parse(device), threads, cores));

    [FactWhen("mnist-sample")]
    public void The_scheduler_uses_the_default_when_no_count_is_given_and_the_count_when_one_is()
    {
        Assert.Equal(WorkerCount.DefaultFor(Device.Cpu, 1, Environment.ProcessorCount), SlotsStarted(workers: null));
        Assert.Equal(3, SlotsStarted(workers: 3));
    }

    // The slots the scheduler lays out for the smoke sweep; the first start stops the sweep, so nothing trains.
    private static int SlotsStarted(int? workers)
    {
        using var folder = new TempFolder();
        var options = new SweepRunOptions
        {
            ConfigPath = Path.Combine(RepoPaths.Root, "configs", "smoke.yaml"), StorePath = folder.File("smoke.db"),
            Workers = workers,
        };
        using var stop = new CancellationTokenSource();
        var launcher = new CountingLauncher(stop);
        new Scheduler(options, launcher, TextWriter.Null, new IgnoreProgress()).Run(stop.Token);
        return launcher.Slots;
    }

    private sealed class CountingLauncher(CancellationTokenSource stop) : IWorkerLauncher
    {
        public int Slots { get; private set; } = -1;

        public string Describe(IReadOnlyList<WorkerLaunch> slots)
        {
            Slots = slots.Count;
            return "counted";
        }

        public ILaunchedWorker Start(WorkerLaunch slot, CancellationToken token)
        {
            stop.Cancel();
            return new ExitedWorker();
        }
    }

    private sealed class ExitedWorker : ILaunchedWorker
    {
        public bool HasExited => true;
        public int ExitCode => 0;
        public string LogPath => "nowhere";
        public bool Kill() => false;
        public bool Owns(string owner) => false;
    }

    private sealed class IgnoreProgress : ISweepObserver
    {
        public void Handle(SweepEvent sweepEvent) { }
        public void Refresh(SweepSnapshot snapshot) { }
    }
}
