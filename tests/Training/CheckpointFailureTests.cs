using VaeSweep.Core.Checkpoints;
using VaeSweep.Core.Models;
using VaeSweep.Core.Platform;
using VaeSweep.Core.SelfTest;
using VaeSweep.Core.Tensors;
using VaeSweep.Tests.Data;

namespace VaeSweep.Tests.Training;

/// <summary>A checkpoint that cannot be trusted is refused with a <see cref="CheckpointException"/> naming its file.</summary>
public sealed class CheckpointFailureTests
{
    public enum Damage { TruncatedAgainstItsRecord, TruncatedAndRerecorded, OneByteFlipped, AnotherRunsCheckpoint, NotACheckpoint, Missing }

    [Theory]
    [InlineData(Damage.TruncatedAgainstItsRecord, "truncated")]
    [InlineData(Damage.TruncatedAndRerecorded, "does not fit the file")]
    [InlineData(Damage.OneByteFlipped, "SHA-256")]
    [InlineData(Damage.AnotherRunsCheckpoint, "belongs to run run-a, not run-b")]
    [InlineData(Damage.NotACheckpoint, "not a vaesweep checkpoint")]
    [InlineData(Damage.Missing, "missing")]
    public void Loading_a_bad_checkpoint_throws_with_the_path(Damage damage, string reason)
    {
        using var folder = new TempFolder();
        using var g = new Generator(1);
        using var model = CheckFixtures.TinyModel(Device.Cpu);
        using var adam = new Adam(model.Parameters());
        var record = CheckpointStore.Save(folder.Path, 3, "run-a", model, adam, g);
        var bytes = File.ReadAllBytes(record.Path);
        var loadAs = "run-a";
        switch (damage)
        {
            case Damage.TruncatedAgainstItsRecord:
                File.WriteAllBytes(record.Path, bytes[..(bytes.Length / 2)]);
                break;
            case Damage.TruncatedAndRerecorded:
                // Truncated inside the header, recorded as such: only the file's own structure can tell.
                var cut = bytes[..64];
                File.WriteAllBytes(record.Path, cut);
                record = record with { Size = cut.Length, Sha256 = DurableFile.Sha256Hex(cut) };
                break;
            case Damage.OneByteFlipped:
                bytes[^5] ^= 0x40;
                File.WriteAllBytes(record.Path, bytes);
                break;
            case Damage.AnotherRunsCheckpoint:
                loadAs = "run-b";
                break;
            case Damage.NotACheckpoint:
                var other = SafeTensorsFile.Serialize([NamedArray.Float32("w", [2], [1f, 2f])],
                    new Dictionary<string, string> { ["format"] = "something-else" });
                File.WriteAllBytes(record.Path, other);
                record = record with { Size = other.Length, Sha256 = DurableFile.Sha256Hex(other) };
                break;
            case Damage.Missing:
                File.Delete(record.Path);
                break;
        }

        var before = model.Parameters()[0].data<float>();
        var e = Assert.Throws<CheckpointException>(() => CheckpointStore.Load(record, loadAs, model, adam, g));

        Assert.Contains(record.Path, e.Message);
        Assert.Contains(reason, e.Message);
        Assert.Equal(before, model.Parameters()[0].data<float>());   // nothing was half-restored
    }

    [Fact]
    public void A_checkpoint_of_another_architecture_is_refused_by_tensor_name()
    {
        using var folder = new TempFolder();
        using var g = new Generator(1);
        using var model = CheckFixtures.TinyModel(Device.Cpu);
        using var adam = new Adam(model.Parameters());
        var record = CheckpointStore.Save(folder.Path, 1, "run-a", model, adam, g);
        using var full = CheckFixtures.TinyModel(Device.Cpu, posterior: Core.Config.PosteriorKind.Full);
        using var fullAdam = new Adam(full.Parameters());

        var e = Assert.Throws<CheckpointException>(() => CheckpointStore.Load(record, "run-a", full, fullAdam, g));
        Assert.Contains(record.Path, e.Message);
        Assert.Contains("encoder.log_diagonal", e.Message);
    }
}
