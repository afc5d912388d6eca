using VaeSweep.Tests.Config;

namespace VaeSweep.Tests.Architecture;

/// <summary>The rooms of core/ depend on each other one way: config, planning, scheduling, training, storage, reports.</summary>
public class FolderDependencyTests
{
    [Fact]
    public void Core_folders_have_no_dependency_cycle()
    {
        var graph = FolderDependencies.Read(RepoPaths.Combine("core"));

        var cycle = FolderDependencies.FindCycle(graph);

        Assert.True(cycle is null, $"core folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_two_rooms_away()
    {
        var graph = new Dictionary<string, SortedSet<string>>
        {
            ["Config"] = [],
            ["Planning"] = ["Config", "Storage"],
            ["Storage"] = ["Runs"],
            ["Runs"] = ["Planning"],
        };

        Assert.Equal(["Planning", "Storage", "Runs", "Planning"], FolderDependencies.FindCycle(graph));
    }

    [Fact]
    public void Platform_uses_no_other_room()
    {
        var graph = FolderDependencies.Read(RepoPaths.Combine("core"));

        Assert.Empty(graph["Platform"]);
    }

    // Platform is the operating system's plumbing (durable writes, signals, the checkout's root): any room may
    // stand on it, and these foundation rooms on nothing else.
    [Theory]
    [InlineData("Config")]
    [InlineData("Runs")]
    [InlineData("Tensors")]
    public void Foundation_rooms_use_no_other_room_but_platform(string room)
    {
        var graph = FolderDependencies.Read(RepoPaths.Combine("core"));

        Assert.Subset(new SortedSet<string> { "Platform" }, graph[room]);
    }

    // The model rooms hand their records to whoever stores them; reports read records a store adapter filled
    // (Storage's StoreReader), so the same report code serves a SQLite file, a PostgreSQL server or a test's list.
    [Theory]
    [InlineData("Training")]
    [InlineData("Evaluation")]
    [InlineData("Checkpoints")]
    [InlineData("Reports")]
    public void Rooms_that_make_or_read_results_do_not_use_the_store(string room)
    {
        var graph = FolderDependencies.Read(RepoPaths.Combine("core"));

        Assert.DoesNotContain("Storage", graph[room]);
    }
}
