import RigInput

/// Finds what toml++ (under TOMLKit) cannot be given without aborting: SwiftPM builds its C++
/// with assertions on, and toml++ asserts on some malformed texts instead of reporting them. The
/// fuzzer found two: a table header whose first key character is neither a bare-key character nor
/// a quote (`[#`, `[[ =`), and a date-time whose time does not start with a digit
/// (`1979-05-27T::72`). rigtop refuses such a file with its line instead; its config has no dates
/// or times, so a `:` outside strings and comments is refused outright.
///
/// A small TOML lexer, just enough to tell a header from the same bracket inside a value: strings
/// (basic, literal, multi-line), comments, and the nesting of arrays and inline tables.
enum TOMLPreflight {
    /// The first problem: its line (from 1) and what to say about it.
    static func firstProblem(in text: String) -> (line: Int, message: String)? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var depth = 0
        var atLineStart = true
        var inHeader = false

        func peek(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        /// Moves past a string opened at `index` by `quote` (one or three of them).
        func skipString(_ quote: Unicode.Scalar) {
            let multiLine = peek(1) == quote && peek(2) == quote
            index += multiLine ? 3 : 1
            while index < scalars.count {
                let scalar = scalars[index]
                if scalar == "\\" && quote == "\"" {
                    index += 2
                    continue
                }
                if scalar == "\n" {
                    guard multiLine else { return }  // an unterminated string: the parser will say so
                    line += 1
                }
                if scalar == quote, !multiLine || (peek(1) == quote && peek(2) == quote) {
                    index += multiLine ? 3 : 1
                    return
                }
                index += 1
            }
        }

        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\n":
                line += 1
                atLineStart = true
                inHeader = false
                index += 1
            case " ", "\t", "\r":
                index += 1
            case "#":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\"", "'":
                atLineStart = false
                skipString(scalar)
            case "[" where depth == 0 && atLineStart:
                let start = index
                var next = index + 1
                if next < scalars.count, scalars[next] == "[" { next += 1 }
                while next < scalars.count, scalars[next] == " " || scalars[next] == "\t" { next += 1 }
                let first = next < scalars.count ? scalars[next] : "\n"
                if !isBareKeyCharacter(first) && first != "\"" && first != "'" {
                    var end = start
                    while end < scalars.count, scalars[end] != "\n" { end += 1 }
                    var header = String.UnicodeScalarView()
                    header.append(contentsOf: scalars[start..<end])
                    return (line, "bad table header \(OutsideText.escaped(String(header), limit: 60)): "
                        + "a table name starts with a letter, digit, _, - or a quote")
                }
                inHeader = true
                atLineStart = false
                index += 1
            case "[", "{":
                if !inHeader { depth += 1 }
                atLineStart = false
                index += 1
            case ":":
                return (line, "\":\" outside a string: rigtop's config has no dates or times (quote text values)")
            case "]", "}":
                if !inHeader { depth = max(0, depth - 1) }
                atLineStart = false
                index += 1
            default:
                atLineStart = false
                index += 1
            }
        }
        return nil
    }

    /// TOML's bare keys: ASCII letters, digits, `_` and `-`.
    static func isBareKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }
}
