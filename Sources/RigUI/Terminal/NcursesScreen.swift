internal import CNcurses
import RigInput

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real terminal, through ncursesw: UTF-8 (`setlocale`), wide characters, colours at the depth
/// the terminal offers. The only file that spells curses names.
///
/// Not thread-safe by design: the dashboard's terminal thread owns it (curses is not reentrant).
/// ``TerminalGuard`` restores the terminal on every exit path, including signals.
public final class NcursesScreen: TerminalScreen {
    public private(set) var size: TerminalSize
    /// The colour depth in use: the environment's claim capped by what terminfo supports.
    public let depth: ColorDepth
    /// Whether the locale is UTF-8, i.e. whether braille and box-drawing glyphs can be shown.
    public let isUTF8: Bool
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var active = true

    private struct PairKey: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    /// Whether mouse presses and wheel steps are reported (as ``Key/mouse(_:)``).
    public let reportsMouse: Bool

    /// Enters curses mode.
    /// - Parameters:
    ///   - environment: used for `NO_COLOR`, `COLORTERM` and `TERM`.
    ///   - mouse: ask the terminal for mouse reports; off (`--no-mouse`) leaves the mouse to the
    ///     terminal, for selecting text.
    public init(environment: [String: String], mouse: Bool = true) {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        isUTF8 = codeset.uppercased().replacingOccurrences("-", "") == "UTF8"
        TerminalGuard.install { endwin() }
        set_escdelay(25)  // Esc closes overlays at once instead of after curses' default second
        initscr()
        raw()  // Ctrl-C arrives as a key so quitting goes through the normal, restoring path
        noecho()
        nonl()
        keypad(rig_stdscr(), true)
        curs_set(0)
        reportsMouse = mouse && rig_mouse_on() != 0
        var detected = ColorDepth.detect(environment: environment)
        if has_colors() {
            start_color()
            use_default_colors()
            let colors = Int(rig_colors())
            // ncurses reports 2^24 colours only for direct-colour terminfo (xterm-direct); with a
            // 256-colour terminfo an RGB escape cannot go through curses, so cap at what it can do.
            let cap: ColorDepth = colors >= 0x100_0000 ? .trueColor : colors >= 256 ? .palette256 : colors >= 16 ? .sixteen : .eight
            detected = min(detected, cap)
        } else {
            detected = .none
        }
        depth = detected
        size = TerminalSize(columns: Int(rig_cols()), rows: Int(rig_lines()))
    }

    deinit { end() }

    /// Why the terminal in `environment`'s `TERM` cannot show a full-screen view, or nil when it
    /// can: curses would otherwise draw nothing on TERM=dumb, or exit with its own message on a
    /// TERM it does not know, leaving the user with no word about what to do.
    public static func drawingProblem(environment: [String: String]) -> String? {
        let advice = "run it in a terminal such as xterm-256color, or use `rigtop mine` for plain log lines"
        guard let term = environment["TERM"], !term.isEmpty else {
            return "TERM is not set, so the dashboard cannot know how to draw; " + advice
        }
        let name = OutsideText.escaped(term, limit: 64)
        switch rig_terminal_can_draw() {
        case 1: return nil
        case 0: return "TERM=\(name) cannot move the cursor, so the dashboard cannot draw; " + advice
        default: return "TERM=\(name) is not a terminal this system's terminfo knows; " + advice
        }
    }

    /// Leaves curses mode and restores the terminal; safe to call more than once.
    public func end() {
        guard active else { return }
        active = false
        endwin()
        TerminalGuard.uninstall()
    }

    public func draw(_ canvas: Canvas, theme: Theme) {
        let screen = rig_stdscr()
        werase(screen)
        let base = theme.resolve(Style())
        wbkgdset(screen, chtype(UInt32(COLOR_PAIR(pair(for: base)))))
        var scalars = [wchar_t](repeating: 0, count: 6)
        for y in 0..<min(canvas.height, size.rows) {
            for x in 0..<min(canvas.width, size.columns) {
                let cell = canvas[x, y]
                if cell.isContinuation { continue }
                // The bottom-right cell scrolls some terminals when written; skip it.
                if y == size.rows - 1 && x == size.columns - 1 { continue }
                let resolved = theme.resolve(cell.style)
                var count = 0
                for scalar in cell.character.unicodeScalars where count < 5 {
                    scalars[count] = wchar_t(bitPattern: scalar.value)
                    count += 1
                }
                scalars[count] = 0
                _ = rig_put_cell(Int32(y), Int32(x), scalars, attributes(resolved.attributes), pair(for: resolved))
            }
        }
        wnoutrefresh(screen)
        doupdate()
    }

    public func readKey(timeout: Duration) -> Key? {
        let screen = rig_stdscr()
        let milliseconds = timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000
        wtimeout(screen, Int32(clamping: milliseconds))
        var code: wint_t = 0
        let status = wget_wch(screen, &code)
        if status == ERR { return nil }
        if status == KEY_CODE_YES {
            switch Int32(code) {
            case KEY_RESIZE:
                size = TerminalSize(columns: Int(getmaxx(screen)), rows: Int(getmaxy(screen)))
                return .resize
            case KEY_MOUSE:
                var x: Int32 = 0, y: Int32 = 0
                let buttons: [Int32: MouseEvent.Button] = [1: .left, 2: .middle, 3: .right, 4: .wheelUp, 5: .wheelDown]
                guard let button = buttons[rig_mouse_event(&x, &y)] else { return nil }
                return .mouse(MouseEvent(button, column: Int(x), row: Int(y)))
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_F0 + 1...KEY_F0 + 12: return .function(Int(Int32(code) - KEY_F0))
            default: return nil
            }
        }
        switch code {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(code) + 96)))
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .character(Character(scalar))
        }
    }

    private func attributes(_ attributes: TextAttributes) -> attr_t {
        var value: UInt32 = 0
        if attributes.contains(.bold) { value |= UInt32(truncatingIfNeeded: NCURSES_BITS(1, 13)) }
        if attributes.contains(.dim) { value |= UInt32(truncatingIfNeeded: NCURSES_BITS(1, 12)) }
        if attributes.contains(.reverse) { value |= UInt32(truncatingIfNeeded: NCURSES_BITS(1, 10)) }
        if attributes.contains(.underline) { value |= UInt32(truncatingIfNeeded: NCURSES_BITS(1, 9)) }
        return attr_t(value)
    }

    /// ncurses' attribute bits (NCURSES_BITS(mask, shift) = mask << (shift + 8)).
    private func NCURSES_BITS(_ mask: Int, _ shift: Int) -> Int { mask << (shift + 8) }

    /// The colour pair for a resolved style, allocated on first use (curses pairs are a small table).
    private func pair(for style: ResolvedStyle) -> Int32 {
        guard depth != .none else { return 0 }
        let key = PairKey(foreground: style.foreground.terminalColor(at: depth),
                          background: style.background.terminalColor(at: depth))
        if let existing = pairs[key] { return existing }
        guard nextPair < rig_color_pairs() else { return 0 }
        let number = nextPair
        nextPair += 1
        init_extended_pair(number, curses(key.foreground), curses(key.background))
        pairs[key] = number
        return number
    }

    private func curses(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case .indexed(let index): return Int32(index)
        case .rgb(let rgb): return Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
        }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: Character, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
