/// The bottom line: the coins, each clickable and under its digit key, then the keys, as htop
/// shows them. Items that do not fit give way whole, least needed first (`h help` lists them all).
public struct FooterPanel: Panel {
    public init() {}

    /// One item of the line: a key in the key style, then what it does.
    struct Item: Equatable {
        var key: String
        var label: String
        /// The coin it mines, as an index into the coin list; nil for a key item.
        var coin: Int?
        /// The columns it covers, from the left of the footer, its trailing gap excluded.
        var columns: Range<Int> = 0..<0

        /// Its width with the two-space gap that follows it.
        var width: Int { TextWidth.width(of: key) + 1 + TextWidth.width(of: label) + 2 }
    }

    public func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas) {
        guard rect.height > 0 else { return }
        canvas.fill(rect, with: " ", style: Style(.foreground))
        if let notice = Self.notice(model) {
            canvas.write(notice, x: rect.x, y: rect.y, style: Style(.warn, attributes: .bold),
                         clip: Rect(x: rect.x, y: rect.y, width: rect.width - 1, height: 1))
            return
        }
        let items = Self.items(model, width: rect.width)
        let current = model.engine.coin?.symbol
        var x = rect.x
        for item in items {
            x = canvas.write(item.key, x: x, y: rect.y, style: Style(.selectedForeground, background: .selectedBackground, attributes: .bold), clip: rect)
            let isCurrent = item.coin.map { model.coins[$0].symbol == current } ?? false
            x = canvas.write(" " + item.label, x: x, y: rect.y, style: isCurrent ? Style(.highlight, attributes: .bold) : Style(.foreground), clip: rect)
            x = canvas.write("  ", x: x, y: rect.y, style: Style(.foreground), clip: rect)
        }
        // Right-aligned, leaving the bottom-right cell alone (writing it scrolls some terminals).
        let theme = "theme " + model.themeName + " "
        let themeX = rect.maxX - TextWidth.width(of: theme)
        if themeX > x { canvas.write(theme, x: themeX, y: rect.y, style: Style(.dimText), clip: rect) }
    }

    /// A ledger that cannot write holds the line until it can again; a fresh notice (theme
    /// change, broken theme file) takes it for five seconds.
    static func notice(_ model: DashboardModel) -> String? {
        if let alert = model.rig.ledgerAlert { return alert }
        guard let notice = model.notices.last, (0..<5).contains(model.now - notice.time) else { return nil }
        return notice.text
    }

    /// The coin at `column` (from the footer's left edge), if the footer shows one there.
    static func coin(atColumn column: Int, model: DashboardModel, width: Int) -> Int? {
        guard notice(model) == nil else { return nil }
        return items(model, width: width).first { $0.columns.contains(column) }?.coin
    }

    /// The items that fit in `width`, in their order on the line, with their columns.
    ///
    /// Kept first: `h help` and `q quit`, then the coins (the mouse's way to switch), then the
    /// keys in the order they give way: `t theme` first, then `Tab next`, `p pause`, `+/- threads`.
    static func items(_ model: DashboardModel, width: Int) -> [Item] {
        let coins = model.coins.prefix(9).enumerated().map { Item(key: "\($0.offset + 1)", label: $0.element.symbol, coin: $0.offset) }
        let keys = [Item(key: "Tab", label: "next"), Item(key: "+/-", label: "threads"), Item(key: "p", label: "pause"),
                    Item(key: "t", label: "theme"), Item(key: "h", label: "help"), Item(key: "q", label: "quit")]
        let line = coins + keys
        func index(_ key: String) -> Int? { keys.firstIndex { $0.key == key }.map { coins.count + $0 } }
        var kept = Set<Int>()
        var used = 0
        // The last item needs no trailing gap.
        let order = ["h", "q"].compactMap(index) + Array(coins.indices) + ["+/-", "p", "Tab", "t"].compactMap(index)
        for index in order where used + line[index].width - 2 <= width {
            kept.insert(index)
            used += line[index].width
        }
        var x = 0
        return line.indices.filter(kept.contains).map { index in
            var item = line[index]
            item.columns = x..<(x + item.width - 2)
            x += item.width
            return item
        }
    }
}
