/// A `TerminalScreen` in memory: it keeps the last frame as text and replays scripted keys.
/// The test double for the dashboard loop, as NIO's `EmbeddedChannel` is for a channel.
///
///     var screen = TextScreen(size: TerminalSize(columns: 80, rows: 24), keys: [.character("q")])
///     screen.draw(canvas, theme: .default)
///     #expect(screen.lines[0].hasPrefix("rigtop"))
public struct TextScreen: TerminalScreen, Sendable {
    public var size: TerminalSize
    /// Keys `readKey` returns, first to last; `nil` once they run out.
    public var pendingKeys: [Key]
    /// The last frame drawn, one string per row (empty before the first `draw`).
    public private(set) var lines: [String] = []
    /// The last frame's canvas, for tests that check styles.
    public private(set) var lastCanvas: Canvas?
    /// How many frames were drawn.
    public private(set) var frameCount = 0

    public init(size: TerminalSize, keys: [Key] = []) {
        self.size = size
        self.pendingKeys = keys
    }

    public mutating func draw(_ canvas: Canvas, theme: Theme) {
        lines = Self.render(canvas)
        lastCanvas = canvas
        frameCount += 1
    }

    public mutating func readKey(timeout: Duration) -> Key? {
        pendingKeys.isEmpty ? nil : pendingKeys.removeFirst()
    }

    /// A canvas as plain text lines, wide characters once, styles dropped.
    public static func render(_ canvas: Canvas) -> [String] {
        canvas.lines
    }

    /// One line per row marking each cell whose foreground is `role` with `mark` and every other
    /// cell with a space: a way to snapshot colours as text (e.g. where a meter turns red).
    public static func roleMap(_ canvas: Canvas, role: ColorRole, mark: Character = "x") -> [String] {
        (0..<canvas.height).map { y in
            String((0..<canvas.width).map { x in canvas[x, y].style.foreground == .role(role) ? mark : " " })
        }
    }
}
