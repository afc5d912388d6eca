using VaeSweep.Core.Text;

namespace VaeSweep.Tests.Text;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0.0s")]
    [InlineData(12.54, "12.5s")]
    [InlineData(59.9, "59.9s")]
    [InlineData(60, "1m00s")]
    [InlineData(185.4, "3m05s")]
    [InlineData(3599.4, "59m59s")]
    [InlineData(3600, "1h00m")]
    [InlineData(7385, "2h03m")]
    public void Durations_are_written_one_way(double seconds, string expected) =>
        Assert.Equal(expected, DurationText.Format(seconds));
}
