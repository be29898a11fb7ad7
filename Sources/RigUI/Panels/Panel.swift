/// A rectangle of the dashboard: a pure function from the model to cells.
///
/// Adding a panel is one file conforming to this protocol and one line in ``DashboardLayout``.
public protocol Panel: Sendable {
    func draw(_ model: DashboardModel, in rect: Rect, on canvas: inout Canvas)
    /// Which boxed panel this is, for focus, clicks on its title and the wheel; nil for the
    /// header, footer and overlays.
    var kind: DashboardPanel? { get }
}

extension Panel {
    public var kind: DashboardPanel? { nil }
}
