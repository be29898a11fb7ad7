/// A mouse button press or a wheel step at a cell of the terminal, as a `TerminalScreen`
/// reports it (curses `KEY_MOUSE`). Releases and motion are not reported.
public struct MouseEvent: Hashable, Sendable {
    /// Which button, or which way the wheel turned.
    public enum Button: Hashable, Sendable {
        case left, middle, right, wheelUp, wheelDown
    }

    public var button: Button
    /// The cell's column, 0 at the left.
    public var column: Int
    /// The cell's row, 0 at the top.
    public var row: Int

    public init(_ button: Button, column: Int, row: Int) {
        self.button = button
        self.column = column
        self.row = row
    }

    /// What the event does, whichever button made it: a click (left button) or a wheel step.
    public var gesture: MouseGesture? {
        switch button {
        case .left: return .click
        case .wheelUp: return .wheelUp
        case .wheelDown: return .wheelDown
        case .middle, .right: return nil
        }
    }
}

/// What the mouse did, apart from where: the half of a mouse binding that a key would be.
public enum MouseGesture: Hashable, Sendable {
    case click, wheelUp, wheelDown
}
