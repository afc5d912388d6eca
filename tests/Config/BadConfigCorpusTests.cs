using VaeSweep.Core.Config;
using VaeSweep.Core.Planning;

namespace VaeSweep.Tests.Config;

/// <summary>
/// Every file in tests/Config/corpus is a broken sweep whose first line is <c># expect: LINE:COL: message</c>;
/// loading it must fail with exactly that position and a message containing that text.
/// </summary>
public sealed class BadConfigCorpusTests
{
    private const string ExpectPrefix = "# expect: ";

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Combine("tests", "Config", "corpus"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Bad_file_fails_with_its_expected_message(string fileName)
    {
        var path = RepoPaths.Combine("tests", "Config", "corpus", fileName);
        var firstLine = File.ReadLines(path).First();
        Assert.StartsWith(ExpectPrefix, firstLine);
        var expected = firstLine[ExpectPrefix.Length..];

        var error = Assert.Throws<ConfigException>(() => Planner.LoadFile(path));

        Assert.Equal(path, error.Source);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains($"{path}:{expected}", error.Message);
    }

    [Fact]
    public void Corpus_has_many_cases()
    {
        // Guards against the glob silently finding nothing (a moved folder) and the theory passing vacuously.
        Assert.True(Directory.GetFiles(RepoPaths.Combine("tests", "Config", "corpus"), "*.yaml").Length >= 50);
    }
}
