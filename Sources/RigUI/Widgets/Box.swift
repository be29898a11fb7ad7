/// A bordered panel frame with a title on the top edge and an optional note on the right.
///
///     ┌┤ hashrate ├──────┤ 10 s ├┐
///     │                          │
///     └──────────────────────────┘
public struct Box: Sendable {
    /// Shown at the left of the top edge; `nil` for none.
    public var title: String?
    /// Shown at the right of the top edge (e.g. a count or a unit); `nil` for none.
    public var trailingTitle: String?
    /// The border's colour role (a panel's `…Box` role, or `.border`).
    public var borderRole: ColorRole
    /// The title's colour role.
    public var titleRole: ColorRole

    public init(title: String? = nil, trailingTitle: String? = nil, borderRole: ColorRole = .border, titleRole: ColorRole = .title) {
        self.title = title
        self.trailingTitle = trailingTitle
        self.borderRole = borderRole
        self.titleRole = titleRole
    }

    /// Draws the frame on the edge of `rect` and returns the inside for the panel's content.
    /// A rect under 2×2 gets no frame, and is returned unchanged.
    @discardableResult
    public func draw(in rect: Rect, on canvas: inout Canvas, glyphs: GlyphSet) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return rect }
        let border = Style(borderRole)
        let right = rect.maxX - 1, bottom = rect.maxY - 1
        for x in (rect.x + 1)..<right {
            canvas.put(glyphs.horizontal, x: x, y: rect.y, style: border)
            canvas.put(glyphs.horizontal, x: x, y: bottom, style: border)
        }
        for y in (rect.y + 1)..<bottom {
            canvas.put(glyphs.vertical, x: rect.x, y: y, style: border)
            canvas.put(glyphs.vertical, x: right, y: y, style: border)
        }
        canvas.put(glyphs.topLeft, x: rect.x, y: rect.y, style: border)
        canvas.put(glyphs.topRight, x: right, y: rect.y, style: border)
        canvas.put(glyphs.bottomLeft, x: rect.x, y: bottom, style: border)
        canvas.put(glyphs.bottomRight, x: right, y: bottom, style: border)

        // The top edge between the corners holds "┤title├" and, right-aligned, "┤trailing├".
        let edge = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
        var used = 0
        if let title, !title.isEmpty {
            used = drawLabel(title, at: edge.x, maxWidth: edge.width, on: &canvas, glyphs: glyphs, clip: edge)
        }
        if let trailingTitle, !trailingTitle.isEmpty {
            let room = edge.width - used - 1
            let labelWidth = min(room, TextWidth.width(of: trailingTitle) + 2)
            if labelWidth >= 3 {
                drawLabel(trailingTitle, at: edge.maxX - labelWidth, maxWidth: labelWidth, on: &canvas, glyphs: glyphs, clip: edge)
            }
        }
        return rect.inset(by: 1)
    }

    /// Draws `┤text├` from `x`, truncating the text to fit `maxWidth`; returns the columns used.
    @discardableResult
    private func drawLabel(_ text: String, at x: Int, maxWidth: Int, on canvas: inout Canvas, glyphs: GlyphSet, clip: Rect) -> Int {
        guard maxWidth >= 3 else { return 0 }
        let shown = TextWidth.truncate(text, toWidth: maxWidth - 2, ellipsis: glyphs.ellipsis)
        let border = Style(borderRole)
        canvas.put(glyphs.titleLeft, x: x, y: clip.y, style: border, clip: clip)
        let end = canvas.write(shown, x: x + 1, y: clip.y, style: Style(titleRole, attributes: .bold), clip: clip)
        canvas.put(glyphs.titleRight, x: end, y: clip.y, style: border, clip: clip)
        return end + 1 - x
    }

    /// Writes where a scrolled list stands (`3–10/24`) on the bottom border of `rect`,
    /// right-aligned and clear of the corner; nothing when the whole list is shown.
    public static func drawPosition(first: Int, visible: Int, total: Int, on rect: Rect, canvas: inout Canvas) {
        guard first > 0 || first + visible < total else { return }
        let text = "\(first + 1)–\(min(total, first + visible))/\(total)"
        let width = TextWidth.width(of: text)
        guard rect.height >= 2, width <= rect.width - 2 else { return }
        canvas.write(text, x: rect.maxX - 1 - width, y: rect.maxY - 1, style: Style(.dimText), clip: rect)
    }
}
