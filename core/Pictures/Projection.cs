using MathNet.Numerics.LinearAlgebra;

namespace VaeSweep.Core.Pictures;

/// <summary>Principal-component projection of row-major points onto the two leading axes of their covariance.</summary>
public static class Projection
{
    /// <summary>
    /// The centred points in the coordinates of the two principal axes (largest variance first), row-major
    /// (n, 2). An eigenvector's sign is arbitrary; each axis is turned so that its largest component is positive,
    /// which keeps the picture the same from one run of the program to the next.
    /// </summary>
    public static float[] FirstTwoPrincipalAxes(float[] points, int n, int dim)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 2);
        var x = Matrix<double>.Build.Dense(n, dim, (i, j) => points[i * dim + j]);
        var mean = x.ColumnSums() / n;
        var centred = x - Matrix<double>.Build.Dense(n, dim, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / n;
        // A symmetric eigendecomposition returns the eigenvalues in ascending order.
        var eigen = covariance.Evd(Symmetricity.Symmetric);
        var axes = Matrix<double>.Build.DenseOfColumnVectors(
            Oriented(eigen.EigenVectors.Column(dim - 1)), Oriented(eigen.EigenVectors.Column(dim - 2)));
        var projected = centred * axes;
        var result = new float[n * 2];
        for (var i = 0; i < n; i++)
        {
            result[i * 2] = (float)projected[i, 0];
            result[i * 2 + 1] = (float)projected[i, 1];
        }
        return result;
    }

    private static Vector<double> Oriented(Vector<double> axis) =>
        axis[axis.AbsoluteMaximumIndex()] < 0 ? -axis : axis;
}
