public import RigFarm

/// The columns the farm's rows sort by; `s`/`S` step through them, `r` reverses.
public enum FarmSortKey: String, CaseIterable, Sendable {
    case rig, state, coin, hashrate, shares, temperature, watts, efficiency, earnings, lastShare = "last share"

    /// Whether the natural order is largest first (figures) or A to Z (names, states).
    var descendingByDefault: Bool {
        switch self {
        case .rig, .coin, .state, .lastShare: false
        case .hashrate, .shares, .temperature, .watts, .efficiency, .earnings: true
        }
    }

    /// Indices of `rigs` in this order; missing figures sort last either way, ties by rig id, so
    /// the order is stable between refreshes.
    public func order(_ rigs: [FarmRig], reversed: Bool) -> [Int] {
        let descending = descendingByDefault != reversed
        func figure(_ rig: FarmRig) -> Double? {
            switch self {
            case .hashrate: rig.hashrate.sixtySeconds
            case .shares: rig.shares.accepted.map(Double.init)
            case .temperature: rig.temperature?.celsius
            case .watts: rig.power?.watts
            case .efficiency: rig.hashesPerWatt
            case .earnings: rig.earnings?.netPerDay
            case .lastShare: rig.lastShareAgeSeconds
            case .rig, .state, .coin: nil
            }
        }
        let keyed: [(index: Int, text: String, number: Double?)] = rigs.enumerated().map { index, rig in
            switch self {
            case .rig: (index, rig.worker + "\u{0}" + rig.instance, nil)
            case .state: (index, String(rig.state.severity), nil)
            case .coin: (index, rig.coin ?? "\u{10FFFF}", nil)
            default: (index, "", figure(rig))
            }
        }
        return keyed.sorted { a, b in
            switch self {
            case .rig, .state, .coin:
                if a.text != b.text { return descending ? a.text > b.text : a.text < b.text }
            default:
                switch (a.number, b.number) {
                case let (x?, y?) where x != y: return descending ? x > y : x < y
                case (.some, nil): return true
                case (nil, .some): return false
                default: break
                }
            }
            return rigs[a.index].id < rigs[b.index].id
        }.map(\.index)
    }
}
