using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

/// <summary>
/// A piece of a network that owns named parameters. Names are dotted paths ("encoder.trunk.0.weight"), the same
/// in checkpoints and in the safetensors export, so a PyTorch user can map them onto a state_dict.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<(string Name, Tensor Tensor)> parameters = [];
    private readonly List<(string Name, Module Child)> children = [];

    protected Tensor Parameter(string name, Tensor value)
    {
        // Parameters live for the whole run, never in a step's dispose scope.
        value.DetachFromDisposeScope().requires_grad_();
        parameters.Add((name, value));
        return value;
    }

    protected T Child<T>(string name, T child) where T : Module
    {
        children.Add((name, child));
        return child;
    }

    /// <summary>Every parameter of this module and its children, in a fixed order, with dotted names.</summary>
    public IEnumerable<(string Name, Tensor Tensor)> NamedParameters()
    {
        foreach (var p in parameters) yield return p;
        foreach (var (prefix, child) in children)
            foreach (var (name, tensor) in child.NamedParameters())
                yield return ($"{prefix}.{name}", tensor);
    }

    public IReadOnlyList<Tensor> Parameters() => NamedParameters().Select(p => p.Tensor).ToList();

    public long ParameterCount() => NamedParameters().Sum(p => p.Tensor.numel());

    public void Dispose()
    {
        foreach (var (_, t) in parameters) t.Dispose();
        foreach (var (_, c) in children) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
