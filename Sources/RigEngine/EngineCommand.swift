/// What the dashboard (or any front end) can ask of the engine; it never reaches further in.
public enum EngineCommand: Sendable, Equatable {
    /// Mine another coin: new algorithm, new work source, new work, at once.
    case switchCoin(Coin)
    case addThread
    case removeThread
    case setThreads(Int)
    case pause
    case resume
    case togglePause
    /// Hard stop for safety (critical temperature); only `resume` lifts it.
    case stopTooHot(reason: String)
}
