namespace VaeSweep.Core.Tensors;

/// <summary>Element types, with the codes of native/include/vaesweep_native.h (VS_DTYPE_*).</summary>
public enum ScalarType { Float32 = 0, Float64 = 1, Int64 = 2, UInt8 = 3, Bool = 4, Int32 = 5 }
