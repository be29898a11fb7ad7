/// The characters widgets draw with: Unicode box drawing, blocks and braille, or plain ASCII.
///
/// Chosen once from the locale (`GlyphSet.forLocale(environment:)`): a UTF-8 locale gets
/// `.unicode`, anything else (`C`, `POSIX`, Latin-1) gets `.ascii`, which every terminal shows.
public struct GlyphSet: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Marks the ends of a box title: `┤ title ├`.
    public var titleLeft: Character
    public var titleRight: Character
    /// A fully filled meter cell.
    public var meterFull: Character
    /// Partial meter cells, from 1/8 to 7/8 filled; empty when the set has no partial cells.
    public var meterPartials: [Character]
    /// An empty meter cell.
    public var meterEmpty: Character
    /// Sparkline levels from lowest to highest (a zero value is drawn as a space).
    public var sparkLevels: [Character]
    /// True when graphs may use braille dots (U+2800…U+28FF).
    public var usesBraille: Bool
    /// What `TextWidth.truncate` ends a cut string with.
    public var ellipsis: Character

    /// Unicode light box drawing, block elements and braille.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        titleLeft: "┤", titleRight: "├",
        meterFull: "█", meterPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"], meterEmpty: " ",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        usesBraille: true, ellipsis: "…")

    /// 7-bit ASCII only.
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        titleLeft: "[", titleRight: "]",
        meterFull: "#", meterPartials: [], meterEmpty: " ",
        sparkLevels: [".", ":", "-", "=", "+", "*", "#", "@"],
        usesBraille: false, ellipsis: "~")

    /// `.unicode` when the locale's character set is UTF-8, else `.ascii`.
    ///
    /// The locale is `LC_ALL`, else `LC_CTYPE`, else `LANG` (POSIX precedence); the first
    /// non-empty one decides.
    public static func forLocale(environment: [String: String]) -> GlyphSet {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let normalized = locale.lowercased().filter { $0 != "-" }
        return normalized.contains("utf8") ? .unicode : .ascii
    }
}
