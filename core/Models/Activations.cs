using VaeSweep.Core.Config;
using VaeSweep.Core.Tensors;

namespace VaeSweep.Core.Models;

public static class Activations
{
    public static Tensor Apply(Activation activation, Tensor x) => activation switch
    {
        Activation.Tanh => x.tanh(),
        Activation.Relu => x.relu(),
        Activation.Elu => x.elu(),
        Activation.Softplus => x.softplus(),
        Activation.Sigmoid => x.sigmoid(),
        Activation.LeakyRelu => x.leaky_relu(0.01),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };
}
