/// An in-memory grid of cells that panels and widgets draw on; a backend flushes it to the terminal.
///
/// Every write is clipped to the canvas and, when given, to a clip rect, so a widget handed a
/// rect can never draw outside it. Wide characters take two cells; writing over half of one
/// blanks the other half, so a row never holds a torn character.
public struct Canvas: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]

    /// A canvas of blank cells.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The whole canvas as a rect at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; a blank outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        guard bounds.contains(column: x, row: y) else { return .blank }
        return cells[y * width + x]
    }

    /// Each row as plain text: continuation cells skipped, trailing spaces kept, styles dropped.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// Row `y` as plain text.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for cell in cells[(y * width)..<((y + 1) * width)] where !cell.isContinuation {
            text.append(cell.character)
        }
        return text
    }

    /// Puts one character at column `x`, row `y` if it fits inside the canvas and `clip`.
    /// Returns the columns it advanced (0 when clipped or zero-width, 2 for a wide character).
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: Style = Style(), clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        let columns = TextWidth.width(of: character)
        guard columns > 0, area.contains(column: x, row: y) else { return 0 }
        if columns == 2, !area.contains(column: x + 1, row: y) {
            store(Cell(" ", style: style), x: x, y: y)  // half a wide character would tear: pad instead
            return 1
        }
        store(Cell(character, style: style), x: x, y: y)
        if columns == 2 { store(Cell(" ", style: style, isContinuation: true), x: x + 1, y: y) }
        return columns
    }

    /// Writes `text` from column `x` on row `y`, clipped to the canvas and `clip`.
    /// Returns the column just after the last character written (or skipped by clipping).
    ///
    ///     var canvas = Canvas(width: 6, height: 1)
    ///     canvas.write("hashrate", x: 0, y: 0)   // "hashra"
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = Style(), clip: Rect? = nil) -> Int {
        var column = x
        for character in text {
            let columns = TextWidth.width(of: character)
            put(character, x: column, y: y, style: style, clip: clip)
            column += columns
        }
        return column
    }

    /// Writes `text` into the first row of `rect`, aligned, padded with spaces in `style`, and cut
    /// with `ellipsis` when too long (pass `glyphs.ellipsis` in ASCII terminals).
    public mutating func write(_ text: String, in rect: Rect, alignment: Alignment = .left, style: Style = Style(), ellipsis: Character = "…") {
        guard !rect.isEmpty else { return }
        let cut = TextWidth.truncate(text, toWidth: rect.width, ellipsis: ellipsis)
        write(TextWidth.fit(cut, toWidth: rect.width, alignment: alignment), x: rect.x, y: rect.y, style: style, clip: rect)
    }

    /// Writes the first (fullest) of `variants` that fits in `rect`'s width, as
    /// ``write(_:in:alignment:style:ellipsis:)`` does; the last, cut, when none fits. Rows that
    /// can say a thing several ways use it, so a narrow panel drops details, not the figure.
    ///
    ///     canvas.write(fullestOf: ["stale market data: 12 days old", "stale: 12 days old"], in: row)
    public mutating func write(fullestOf variants: [String], in rect: Rect, alignment: Alignment = .left, style: Style = Style(),
                               ellipsis: Character = "…") {
        let text = variants.first { TextWidth.width(of: $0) <= rect.width } ?? variants.last ?? ""
        write(text, in: rect, alignment: alignment, style: style, ellipsis: ellipsis)
    }

    /// Fills `rect` (clipped to the canvas) with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = Style()) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            var x = area.x
            while x < area.maxX {
                x += max(1, put(character, x: x, y: y, style: style, clip: area))
            }
        }
    }

    /// Changes the style of the cells in `rect` without touching their characters,
    /// e.g. to highlight a selected table row.
    public mutating func restyle(_ rect: Rect, _ transform: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { transform(&cells[y * width + x].style) }
        }
    }

    /// Stores a cell, first blanking the other half of any wide character it overwrites.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        } else if !old.isContinuation, TextWidth.width(of: old.character) == 2, x + 1 < width {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}
