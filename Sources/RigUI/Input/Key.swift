/// A key press (or a terminal event delivered as one), as a `TerminalScreen` reports it.
///
/// Backends translate their own codes (curses `KEY_BTAB`, `KEY_RESIZE`, control bytes) to these
/// cases; Ctrl-letter arrives as `.control("c")`, never as a raw byte in `.character`.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character, including space.
    case character(Character)
    /// A letter typed with Ctrl held, lower case: Ctrl-C is `.control("c")`.
    case control(Character)
    case tab, backTab, enter, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
    /// The terminal changed size (SIGWINCH / curses `KEY_RESIZE`).
    case resize
    /// A mouse press or wheel step (curses `KEY_MOUSE`); the dashboard finds what is under it
    /// and asks ``KeyBindings/action(for:on:)``.
    case mouse(MouseEvent)

    /// Ctrl-C, which quits the dashboard (curses runs in raw mode, so it arrives as a key).
    public static let ctrlC = Key.control("c")

    /// How the help overlay and footer write the key: `q`, `Tab`, `Shift-Tab`, `→`, `Ctrl-C`, `F1`.
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let character): return String(character)
        case .control(let letter): return "Ctrl-" + String(letter).uppercased()
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let number): return "F\(number)"
        case .resize: return "resize"
        case .mouse(let event):
            switch event.button {
            case .left: return "click"
            case .middle: return "middle click"
            case .right: return "right click"
            case .wheelUp: return "wheel up"
            case .wheelDown: return "wheel down"
            }
        }
    }

    /// `description` with ASCII arrows, for terminals without UTF-8.
    public var asciiDescription: String {
        switch self {
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        default: return description
        }
    }
}
