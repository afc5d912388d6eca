namespace VaeSweep.Core.Tensors;

/// <summary>
/// Collects every tensor created on this thread while the scope is current and disposes them with the scope, so
/// the dozens of temporaries of a training step are freed at once, deterministically, instead of waiting for the
/// garbage collector (which knows nothing of their native memory). Results that must outlive the step are moved
/// out with <see cref="MoveToOuter"/> or <see cref="Detach"/>. Scopes nest, per thread.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly DisposeScope? outer;
    private readonly List<Tensor> owned = [];
    private bool disposed;

    public DisposeScope()
    {
        outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>Tensors this scope will dispose.</summary>
    public int Count => owned.Count;

    internal void Register(Tensor tensor) => owned.Add(tensor);

    /// <summary>Hands the tensor to the enclosing scope (or to nobody, if there is none).</summary>
    public Tensor MoveToOuter(Tensor tensor)
    {
        Remove(tensor);
        outer?.Register(tensor);
        return tensor;
    }

    /// <summary>Takes the tensor out of every scope: the caller now owns it and must dispose it.</summary>
    public Tensor Detach(Tensor tensor)
    {
        Remove(tensor);
        return tensor;
    }

    private void Remove(Tensor tensor)
    {
        // Results are almost always the newest tensors, so search from the end.
        for (var i = owned.Count - 1; i >= 0; i--)
            if (ReferenceEquals(owned[i], tensor))
            {
                owned.RemoveAt(i);
                return;
            }
        throw new InvalidOperationException("the tensor does not belong to this dispose scope");
    }

    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var tensor in owned) tensor.Dispose();
        owned.Clear();
        if (!ReferenceEquals(current, this))
            throw new InvalidOperationException("dispose scopes must be disposed in the reverse order of creation");
        current = outer;
    }
}
