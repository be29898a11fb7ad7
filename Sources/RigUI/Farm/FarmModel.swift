public import RigFarm

/// Everything the farm view draws: the board's contents plus what the person chose (sort,
/// filter, selection, detail). A value: the layout is a pure function of it.
public struct FarmModel: Sendable {
    public var board = FarmBoard.Contents()
    /// The wall clock at drawing, Unix seconds, for ages.
    public var now: Double = 0
    public var sort: FarmSortKey = .hashrate
    public var sortReversed = false
    public var filter = ""
    /// Typing into the filter: keys go to the text until Enter or Esc.
    public var editingFilter = false
    /// The selected rig's id; kept across refreshes and re-sorts.
    public var selectedID: String?
    /// The first row shown in the rigs table.
    public var firstRow = 0
    /// The rig whose detail is open, nil on the list.
    public var detailID: String?
    public var showsHelp = false
    public var glyphs: GlyphSet = .unicode
    public var bindings = FarmKeyBindings.standard
    public var themeName = ""
    /// Whether the status line lists keys (not in `--once` text, which takes none).
    public var showsKeys = true
    /// The rows shown, as indices into the snapshot's rigs: filtered and sorted. Recomputed by
    /// ``refreshOrder()`` when the data, sort or filter change, not on every key.
    public private(set) var order: [Int] = []

    public init() {}

    public var rigs: [FarmRig] { board.reading.snapshot?.rigs ?? [] }

    public var selectedIndex: Int? {
        guard let selectedID else { return nil }
        return order.firstIndex { rigs[$0].id == selectedID }
    }

    public var detailRig: FarmRig? {
        guard let detailID else { return nil }
        return rigs.first { $0.id == detailID }
    }

    /// Filters and sorts the rows; keeps the selection on the same rig, or the first row.
    public mutating func refreshOrder() {
        let all = rigs
        let needle = filter.lowercased()
        var indices = sort.order(all, reversed: sortReversed)
        if !needle.isEmpty {
            indices = indices.filter { index in
                let rig = all[index]
                return [rig.worker, rig.instance, rig.coin ?? "", rig.algorithm ?? "", rig.state.rawValue]
                    .contains { $0.lowercased().contains(needle) }
            }
        }
        order = indices
        if selectedIndex == nil { selectedID = indices.first.map { all[$0].id } }
    }

    /// Moves the selection by `rows` (negative: up), within the shown rows.
    public mutating func moveSelection(by rows: Int) {
        guard !order.isEmpty else { return }
        let current = selectedIndex ?? 0
        let target = min(order.count - 1, max(0, current + rows))
        selectedID = rigs[order[target]].id
    }
}
