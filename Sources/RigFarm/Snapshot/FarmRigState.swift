/// What a rig is doing, as the farm view and `--once --json` name it.
public enum FarmRigState: String, Sendable, CaseIterable, Comparable {
    case mining
    case paused
    case tooHot = "too hot"
    case throttling
    case poolDown = "pool down"
    /// Prometheus (or the farm, in direct mode) cannot reach the rig.
    case down

    /// The state from a rig's signals, the most serious first: a rig that cannot be reached is
    /// down whatever its last figures said; the thermal guard's stop is "too hot" although it also
    /// counts as paused; a paused rig's pool and temperature do not matter while it hashes nothing.
    public static func classify(_ signals: FarmRigSignals) -> FarmRigState {
        if signals.reachable == false { return .down }
        if signals.guardStopped == true { return .tooHot }
        if signals.paused == true { return .paused }
        if signals.poolUp == false { return .poolDown }
        if signals.throttling == true { return .throttling }
        return .mining
    }

    /// Ordered from the most to the least serious, for sorting by state.
    public var severity: Int {
        switch self {
        case .down: 0
        case .tooHot: 1
        case .poolDown: 2
        case .throttling: 3
        case .paused: 4
        case .mining: 5
        }
    }

    public static func < (lhs: FarmRigState, rhs: FarmRigState) -> Bool { lhs.severity < rhs.severity }
}

/// The flags a rig reports that decide its ``FarmRigState``; nil where the rig did not report one
/// (a partial scrape, a rig without a pool).
public struct FarmRigSignals: Sendable, Equatable {
    public var reachable: Bool?
    public var guardStopped: Bool?
    public var paused: Bool?
    public var poolUp: Bool?
    public var throttling: Bool?

    public init(reachable: Bool? = nil, guardStopped: Bool? = nil, paused: Bool? = nil, poolUp: Bool? = nil,
                throttling: Bool? = nil) {
        self.reachable = reachable
        self.guardStopped = guardStopped
        self.paused = paused
        self.poolUp = poolUp
        self.throttling = throttling
    }
}
