/// How many terminal columns a character or string occupies.
///
/// A deliberately small approximation of `wcwidth(3)` / Unicode UAX #11: East Asian Wide and
/// Fullwidth characters and emoji presentation sequences take 2 columns, marks and format
/// characters (combining accents, ZWJ, variation selectors) take 0, everything else 1.
/// Swift's `Character` is a grapheme cluster, so a base letter with combining marks is one
/// `Character` of width 1.
public enum TextWidth {
    /// The column width of one grapheme cluster: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }  // VS16: emoji presentation
        if first.properties.isEmojiPresentation { return 2 }
        if isWide(first) { return 2 }
        if scalars.allSatisfy(isZeroWidth) { return 0 }
        return 1
    }

    /// The column width of a string: the sum of its characters' widths.
    public static func width(of text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    /// The longest prefix of `text` that fits in `columns`, with `ellipsis` as its last
    /// character when something was cut.
    ///
    ///     TextWidth.truncate("hashrate", toWidth: 5)  // "hash…"
    public static func truncate(_ text: String, toWidth columns: Int, ellipsis: Character? = "…") -> String {
        guard columns > 0 else { return "" }
        if width(of: text) <= columns { return text }
        let budget = ellipsis.map { columns - width(of: $0) } ?? columns
        var result = ""
        var used = 0
        for character in text {
            let w = width(of: character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        if let ellipsis, budget >= 0 { result.append(ellipsis) }
        return result
    }

    /// `text` truncated or padded with spaces to exactly `columns` columns.
    public static func fit(_ text: String, toWidth columns: Int, alignment: Alignment = .left) -> String {
        let cut = truncate(text, toWidth: columns)
        let gap = max(0, columns - width(of: cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return scalar.value == 0x200B
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks from UAX #11, coarsened to whole blocks.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F,  // Hangul Jamo initial consonants
             0x2E80...0x303E,  // CJK radicals, Kangxi, CJK symbols and punctuation
             0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, CJK compatibility
             0x3400...0x4DBF,  // CJK Extension A
             0x4E00...0x9FFF,  // CJK Unified Ideographs
             0xA000...0xA4CF,  // Yi
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE30...0xFE4F,  // CJK compatibility forms
             0xFF00...0xFF60,  // Fullwidth forms
             0xFFE0...0xFFE6,  // Fullwidth signs
             0x1F300...0x1F64F, 0x1F900...0x1F9FF,  // pictographs and emoji
             0x20000...0x2FFFD, 0x30000...0x3FFFD:  // CJK Extensions B and later
            return true
        default:
            return false
        }
    }
}

/// Horizontal placement of text in a field wider than the text.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}
