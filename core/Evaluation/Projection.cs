namespace VaeSweep.Core.Evaluation;

/// <summary>Principal-component projection of row-major points, by power iteration on the covariance.</summary>
public static class Projection
{
    public static float[] FirstTwoPrincipalAxes(float[] points, int n, int dim)
    {
        var mean = new double[dim];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < dim; j++) mean[j] += points[i * dim + j] / (double)n;
        var cov = new double[dim, dim];
        for (var i = 0; i < n; i++)
            for (var a = 0; a < dim; a++)
            {
                var da = points[i * dim + a] - mean[a];
                for (var b = 0; b < dim; b++) cov[a, b] += da * (points[i * dim + b] - mean[b]) / n;
            }
        var first = Dominant(cov, dim, null);
        var second = Dominant(cov, dim, first);
        var result = new float[n * 2];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < dim; j++)
            {
                var centred = points[i * dim + j] - mean[j];
                result[i * 2] += (float)(centred * first[j]);
                result[i * 2 + 1] += (float)(centred * second[j]);
            }
        return result;
    }

    /// <summary>The dominant eigenvector of a symmetric matrix, orthogonal to <paramref name="exclude"/> if given.</summary>
    private static double[] Dominant(double[,] m, int dim, double[]? exclude)
    {
        var v = Enumerable.Range(0, dim).Select(i => 1.0 + i * 0.01).ToArray();
        for (var iteration = 0; iteration < 200; iteration++)
        {
            if (exclude is not null)
            {
                var dot = v.Zip(exclude, (a, b) => a * b).Sum();
                for (var i = 0; i < dim; i++) v[i] -= dot * exclude[i];
            }
            var next = new double[dim];
            for (var a = 0; a < dim; a++)
                for (var b = 0; b < dim; b++) next[a] += m[a, b] * v[b];
            var norm = Math.Sqrt(next.Sum(x => x * x));
            if (norm < 1e-12) return v.Select(x => x / Math.Sqrt(v.Sum(y => y * y))).ToArray();
            v = next.Select(x => x / norm).ToArray();
        }
        return v;
    }
}
