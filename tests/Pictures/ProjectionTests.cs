using VaeSweep.Core.Pictures;

namespace VaeSweep.Tests.Pictures;

public sealed class ProjectionTests
{
    [Fact]
    public void Points_on_known_axes_project_onto_them_largest_variance_first()
    {
        // Six points +-3u, +-2v, +-0.5w around a mean m, with u, v, w orthonormal in four dimensions: the
        // covariance is exactly (18 uu' + 8 vv' + 0.5 ww') / 6, so the principal axes are u then v.
        double[] u = [0.6, 0.8, 0, 0], v = [0, 0, -1, 0], w = [0.8, -0.6, 0, 0], m = [1, -2, 3, 0.5];
        var offsets = new[] { (3.0, u), (-3.0, u), (2.0, v), (-2.0, v), (0.5, w), (-0.5, w) };
        var points = offsets.SelectMany(o => m.Select((mj, j) => (float)(mj + o.Item1 * o.Item2[j]))).ToArray();

        var projected = Projection.FirstTwoPrincipalAxes(points, 6, 4);

        // Axes are oriented so their largest component is positive: u as given (0.8 > 0), v negated (|-1|).
        double[] expected = [3, 0, -3, 0, 0, -2, 0, 2, 0, 0, 0, 0];
        Assert.Equal(expected.Length, projected.Length);
        for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], projected[i], 4);
    }
}
