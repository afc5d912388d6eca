namespace VaeSweep.Core.Runs;

// The state column holds lower-case words rather than enum numbers so that the database reads well in the
// sqlite3 shell and survives reordering of the enum.
internal static class RunStateNames
{
    public static string ToSql(this RunState state) => state switch
    {
        RunState.Pending => "pending",
        RunState.Running => "running",
        RunState.Evaluating => "evaluating",
        RunState.Completed => "completed",
        RunState.Failed => "failed",
        RunState.Diverged => "diverged",
        RunState.Stopped => "stopped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown run state"),
    };

    public static RunState Parse(string text) => text switch
    {
        "pending" => RunState.Pending,
        "running" => RunState.Running,
        "evaluating" => RunState.Evaluating,
        "completed" => RunState.Completed,
        "failed" => RunState.Failed,
        "diverged" => RunState.Diverged,
        "stopped" => RunState.Stopped,
        _ => throw new InvalidDataException($"unknown run state '{text}' in the store"),
    };

    public static bool IsTerminal(this RunState state) =>
        state is RunState.Completed or RunState.Failed or RunState.Diverged;

    /// <summary>Nothing more happens to the run in its sweep as things stand: terminal, or stopped by halving.</summary>
    public static bool IsSettled(this RunState state) => state.IsTerminal() || state == RunState.Stopped;
}
