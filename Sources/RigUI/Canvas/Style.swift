/// How a cell is drawn: colours by role (or, rarely, a fixed colour) and text attributes.
///
/// Panels name roles (`.tempCritical`), never colours; `Theme.resolve(_:)` turns a style into
/// concrete colours for the backend. A `nil` colour means the theme's foreground or background.
public struct Style: Hashable, Sendable {
    /// The foreground colour; `nil` for the theme's `.foreground`.
    public var foreground: StyleColor?
    /// The background colour; `nil` for the theme's `.background`.
    public var background: StyleColor?
    /// Bold, dim, reverse, underline.
    public var attributes: TextAttributes

    public init(foreground: StyleColor? = nil, background: StyleColor? = nil, attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// A style with a foreground role, an optional background role and attributes.
    ///
    ///     Style(.title, attributes: .bold)
    public init(_ foreground: ColorRole, background: ColorRole? = nil, attributes: TextAttributes = []) {
        self.init(foreground: .role(foreground), background: background.map { .role($0) }, attributes: attributes)
    }

    /// This style with `attributes` added.
    public func adding(_ attributes: TextAttributes) -> Style {
        var copy = self
        copy.attributes.formUnion(attributes)
        return copy
    }
}

/// A style's colour: a semantic role looked up in the theme, or a colour fixed by the caller.
public enum StyleColor: Hashable, Sendable {
    case role(ColorRole)
    case color(Color)
}

/// Text attributes a terminal can combine with colours.
public struct TextAttributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1 << 0)
    public static let dim = TextAttributes(rawValue: 1 << 1)
    public static let reverse = TextAttributes(rawValue: 1 << 2)
    public static let underline = TextAttributes(rawValue: 1 << 3)
}
