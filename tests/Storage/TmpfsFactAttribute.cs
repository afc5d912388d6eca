namespace VaeSweep.Tests.StoreTests;

// A fact that is skipped, with the reason, where a tmpfs cannot be mounted (not root, not Linux, a container
// without CAP_SYS_ADMIN). xunit 2 has no skip from inside a test, so the decision is made at discovery.
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (SmallTmpfs.Unavailable is { } reason)
        {
            Skip = reason;
        }
    }
}
