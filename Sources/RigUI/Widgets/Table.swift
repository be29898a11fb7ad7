/// Rows of text under a header, in columns with fixed or shared widths and their own alignment.
///
/// Cells are truncated with an ellipsis. Columns that get no width are hidden; a panel that wants
/// a widget in a cell (a sparkline in the threads table) draws it into `columnFrames(in:)`.
public struct Table: Sendable {
    /// One column's header, width and alignment.
    public struct Column: Hashable, Sendable {
        public var title: String
        public var width: Extent
        public var alignment: Alignment
        public init(_ title: String, width: Extent, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    /// One row's cell texts (one per column; missing cells are blank) and an optional style.
    public struct Row: Hashable, Sendable {
        public var cells: [String]
        public var style: Style?
        public init(_ cells: [String], style: Style? = nil) {
            self.cells = cells
            self.style = style
        }
    }

    public var columns: [Column]
    public var rows: [Row]
    /// The index of the first row shown (scrolling); clamped when drawn.
    public var firstRow: Int
    /// The index of a highlighted row, drawn in the selected roles; `nil` for none.
    public var selectedRow: Int?
    public var headerStyle: Style
    public var rowStyle: Style

    public init(columns: [Column], rows: [Row], firstRow: Int = 0, selectedRow: Int? = nil,
                headerStyle: Style = Style(.title, attributes: .bold), rowStyle: Style = Style()) {
        self.columns = columns
        self.rows = rows
        self.firstRow = firstRow
        self.selectedRow = selectedRow
        self.headerStyle = headerStyle
        self.rowStyle = rowStyle
    }

    /// Each column's rect inside `rect` (full height, header included), one space between columns.
    public func columnFrames(in rect: Rect) -> [Rect] {
        var extents: [Extent] = []
        for (index, column) in columns.enumerated() {
            if index > 0 { extents.append(.fixed(1)) }
            extents.append(column.width)
        }
        let parts = rect.split(columns: extents)
        return stride(from: 0, to: parts.count, by: 2).map { parts[$0] }
    }

    /// How many data rows fit under the header in `rect`.
    public func visibleRowCount(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// `firstRow` clamped so that the last page is full and the selected row is visible.
    public func clampedFirstRow(in rect: Rect) -> Int {
        let visible = visibleRowCount(in: rect)
        var first = min(max(firstRow, 0), max(0, rows.count - visible))
        if let selectedRow, visible > 0 {
            if selectedRow < first { first = selectedRow }
            if selectedRow >= first + visible { first = selectedRow - visible + 1 }
        }
        return max(0, first)
    }

    /// Draws the header on the first row of `rect` and as many rows as fit below it.
    public func draw(in rect: Rect, on canvas: inout Canvas, glyphs: GlyphSet) {
        guard !rect.isEmpty else { return }
        let frames = columnFrames(in: rect)
        for (column, frame) in zip(columns, frames) where frame.width > 0 {
            drawCell(column.title, in: frame.row(0), alignment: column.alignment, style: headerStyle, on: &canvas, glyphs: glyphs)
        }
        let first = clampedFirstRow(in: rect)
        for line in 0..<visibleRowCount(in: rect) {
            let index = first + line
            guard index < rows.count else { break }
            let row = rows[index]
            let style = row.style ?? rowStyle
            for (columnIndex, frame) in frames.enumerated() where frame.width > 0 {
                let text = columnIndex < row.cells.count ? row.cells[columnIndex] : ""
                drawCell(text, in: frame.row(line + 1), alignment: columns[columnIndex].alignment, style: style, on: &canvas, glyphs: glyphs)
            }
            if index == selectedRow {
                canvas.restyle(rect.row(line + 1)) { style in
                    style.foreground = .role(.selectedForeground)
                    style.background = .role(.selectedBackground)
                }
            }
        }
    }

    private func drawCell(_ text: String, in field: Rect, alignment: Alignment, style: Style, on canvas: inout Canvas, glyphs: GlyphSet) {
        canvas.write(text, in: field, alignment: alignment, style: style, ellipsis: glyphs.ellipsis)
    }
}
