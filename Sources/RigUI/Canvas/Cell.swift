/// One terminal column of a `Canvas`: a character and the style it is drawn in.
///
/// A wide character (2 columns) is stored in its first cell; the cell to its right is a
/// continuation that holds no character of its own and is skipped when the row is flushed.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this column; `" "` for a blank and for a continuation.
    public var character: Character
    /// How the character is drawn.
    public var style: Style
    /// True for the right half of a wide character drawn in the column to the left.
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = Style(), isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    /// A space in the default style.
    public static let blank = Cell()
}
