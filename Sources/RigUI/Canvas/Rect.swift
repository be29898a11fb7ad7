/// A rectangle of terminal cells: `x`, `y` of the top-left cell, `width` columns by `height` rows.
///
/// Layout is done by splitting rects; sizes never go negative, so splitting a rect that is too
/// small yields empty rects rather than a crash, and drawing into an empty rect does nothing.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The first column to the right of the rect.
    public var maxX: Int { x + width }
    /// The first row below the rect.
    public var maxY: Int { y + height }
    /// True when the rect holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    public var description: String { "(\(x),\(y) \(width)×\(height))" }

    /// True when the cell at column `column`, row `row` lies inside.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < maxX && row >= y && row < maxY
    }

    /// The cells both rects hold; empty (at this rect's origin) when they do not overlap.
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rect shrunk by `amount` cells on every side (a box's inside is `inset(by: 1)`).
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rect shrunk by the given number of cells on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newX = x + min(left, width), newY = y + min(top, height)
        return Rect(x: newX, y: newY, width: width - left - right, height: height - top - bottom)
    }

    /// Row `index` (0-based) of the rect as a one-row rect; empty when outside.
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: maxY, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// Splits the rect top to bottom into rows of the given extents.
    ///
    ///     let (header, body) = screen.split(rows: [.fixed(1), .fill]).pair
    public func split(rows extents: [Extent]) -> [Rect] {
        var top = y
        return Extent.resolve(extents, total: height).map { size in
            defer { top += size }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }

    /// Splits the rect left to right into columns of the given extents.
    public func split(columns extents: [Extent]) -> [Rect] {
        var left = x
        return Extent.resolve(extents, total: width).map { size in
            defer { left += size }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }
}

/// The size of one part when a `Rect` is split into rows or columns.
public enum Extent: Hashable, Sendable {
    /// Exactly this many cells (fewer when the rect runs out).
    case fixed(Int)
    /// This fraction (0...1) of the whole length, rounded down.
    case fraction(Double)
    /// An equal share of what `fixed` and `fraction` parts leave; the last fill takes the remainder.
    case fill

    /// The sizes of `extents` laid along `total` cells. Fixed and fraction parts are served in
    /// order until the length runs out; fills share the rest. The sizes never sum past `total`.
    public static func resolve(_ extents: [Extent], total: Int) -> [Int] {
        var remaining = max(0, total)
        var sizes = extents.map { extent -> Int in
            let wanted: Int
            switch extent {
            case .fixed(let cells): wanted = max(0, cells)
            case .fraction(let share): wanted = Int((Double(total) * min(max(share, 0), 1)).rounded(.down))
            case .fill: return 0
            }
            let granted = min(wanted, remaining)
            remaining -= granted
            return granted
        }
        let fills = extents.indices.filter { extents[$0] == .fill }
        for (n, index) in fills.enumerated() {
            let share = n == fills.count - 1 ? remaining : remaining / (fills.count - n)
            sizes[index] = share
            remaining -= share
        }
        return sizes
    }
}

extension Array where Element == Rect {
    /// The first two rects of a split, for `let (a, b) = rect.split(...).pair`.
    public var pair: (Rect, Rect) { (self[0], self[1]) }
}
