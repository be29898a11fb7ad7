import RigInput

/// Checks a config text against the part of TOML rigtop's config uses, before toml++ (under
/// TOMLKit) sees it: SwiftPM builds toml++ with its assertions on, and toml++ asserts, aborting
/// the process, on some malformed texts instead of reporting them (the fuzzer found a table header
/// starting `[#`, a date-time `1979-05-27T::72`, a byte-order mark before a header, a value cut
/// short). Since toml++ only misbehaves on malformed input, a strict check of the grammar first
/// means it only ever parses well-formed text; anything else is refused here with its line.
///
/// The grammar: comments, `[table]` and `[[array.of.tables]]` headers, `key = value` with bare,
/// quoted and dotted keys; values are strings (basic, literal, multi-line), integers (decimal, hex,
/// octal, binary), floats (with `inf`, `nan`), booleans, local dates (`2026-11-20`, a coin's
/// market date), arrays and inline tables. Times and date-times are not part of rigtop's config
/// and are refused.
struct TOMLPreflight {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1

    /// The first problem: its line (from 1) and what to say about it; nil for a well-formed text.
    static func firstProblem(in text: String) -> (line: Int, message: String)? {
        var check = TOMLPreflight(scalars: Array(text.unicodeScalars))
        do {
            try check.document()
            return nil
        } catch {
            return (error.line, error.message)
        }
    }

    private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

    struct Problem: Error {
        var line: Int
        var message: String
    }

    // MARK: - Document

    private mutating func document() throws(Problem) {
        if peek() == "\u{FEFF}" { index += 1 }
        while let scalar = peek() {
            switch scalar {
            case " ", "\t": index += 1
            case "\r", "\n", "#": try endOfLine()
            case "[": try header()
            default:
                try keyValue()
                try endOfLine()
            }
        }
    }

    private mutating func header() throws(Problem) {
        index += 1
        let isArray = peek() == "["
        if isArray { index += 1 }
        skipSpaces()
        try key()
        skipSpaces()
        try expect("]", "a table header ends with ]")
        if isArray { try expect("]", "an array-of-tables header ends with ]]") }
        try endOfLine()
    }

    private mutating func keyValue() throws(Problem) {
        try key()
        skipSpaces()
        try expect("=", "expected = after the key")
        skipSpaces()
        try value(depth: 0)
    }

    /// `a`, `"a b"`, `'a'`, `a.b.c`.
    private mutating func key() throws(Problem) {
        while true {
            switch peek() {
            case "\"": try basicString(multiLineAllowed: false)
            case "'": try literalString(multiLineAllowed: false)
            case let scalar? where Self.isBareKeyCharacter(scalar):
                while let next = peek(), Self.isBareKeyCharacter(next) { index += 1 }
            default:
                throw problem("a key is letters, digits, _ and -, or a quoted string")
            }
            skipSpaces()
            guard peek() == "." else { return }
            index += 1
            skipSpaces()
        }
    }

    /// Spaces, then a comment or nothing, then the line's end (or the text's).
    private mutating func endOfLine() throws(Problem) {
        skipSpaces()
        if peek() == "#" {
            while let scalar = peek(), scalar != "\n" {
                guard !Self.isControl(scalar) || scalar == "\t" || scalar == "\r" else {
                    throw problem("a control character in a comment")
                }
                index += 1
            }
        }
        if peek() == "\r" { index += 1 }
        switch peek() {
        case nil: return
        case "\n":
            index += 1
            line += 1
        default: throw problem("expected the end of the line")
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(Problem) {
        guard depth < 32 else { throw problem("arrays and tables nested too deep") }
        switch peek() {
        case "\"": try basicString(multiLineAllowed: true)
        case "'": try literalString(multiLineAllowed: true)
        case "[": try array(depth: depth)
        case "{": try inlineTable(depth: depth)
        case nil: throw problem("expected a value")
        default: try bareValue()
        }
    }

    private mutating func array(depth: Int) throws(Problem) {
        index += 1
        while true {
            try skipBlank()
            if peek() == "]" {
                index += 1
                return
            }
            try value(depth: depth + 1)
            try skipBlank()
            switch peek() {
            case ",": index += 1
            case "]":
                index += 1
                return
            default: throw problem("expected , or ] in an array")
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(Problem) {
        index += 1
        skipSpaces()
        if peek() == "}" {
            index += 1
            return
        }
        while true {
            try key()
            skipSpaces()
            try expect("=", "expected = in an inline table")
            skipSpaces()
            try value(depth: depth + 1)
            skipSpaces()
            switch peek() {
            case ",":
                index += 1
                skipSpaces()
            case "}":
                index += 1
                return
            default: throw problem("expected , or } in an inline table")
            }
        }
    }

    /// A number or a boolean, checked against TOML's own spelling of them.
    private mutating func bareValue() throws(Problem) {
        let start = index
        while let scalar = peek(), !Self.endsBareValue(scalar) { index += 1 }
        var token = String.UnicodeScalarView()
        token.append(contentsOf: scalars[start..<index])
        let text = String(token)
        guard Self.isNumberOrBoolean(text) || Self.isLocalDate(text) else {
            if text.contains(":") || text.count >= 10 && text.dropFirst(4).first == "-" {
                throw problem("\(OutsideText.escaped(text, limit: 40)): a date is written 2026-11-20; rigtop's config has no times")
            }
            throw problem("\(OutsideText.escaped(text, limit: 40)) is not a value: quote text, write numbers as 12 or 0.5")
        }
    }

    /// `2026-11-20`: the only date form the config has (a coin's market date).
    static func isLocalDate(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 10, characters[4] == "-", characters[7] == "-" else { return false }
        return [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { characters[$0].isASCII && characters[$0].isNumber }
    }

    static func isNumberOrBoolean(_ text: String) -> Bool {
        if text == "true" || text == "false" { return true }
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body == "inf" || body == "nan" { return true }
        if text.hasPrefix("0x") { return digitRun(text.dropFirst(2)) { $0.isHexDigit } }
        if text.hasPrefix("0o") { return digitRun(text.dropFirst(2)) { ("0"..."7").contains($0) } }
        if text.hasPrefix("0b") { return digitRun(text.dropFirst(2)) { $0 == "0" || $0 == "1" } }
        // Decimal: digits, then an optional fraction, then an optional exponent.
        var rest = body
        let integral = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "_") }
        guard digitRun(integral, \.isNumber) else { return false }
        rest = rest.dropFirst(integral.count)
        if rest.first == "." {
            rest = rest.dropFirst()
            let fraction = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "_") }
            guard digitRun(fraction, \.isNumber) else { return false }
            rest = rest.dropFirst(fraction.count)
        }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "_") }
            guard digitRun(exponent, \.isNumber) else { return false }
            rest = rest.dropFirst(exponent.count)
        }
        return rest.isEmpty
    }

    /// One or more digits, with single underscores only between digits.
    private static func digitRun(_ text: Substring, _ isDigit: (Character) -> Bool) -> Bool {
        guard let first = text.first, let last = text.last, first != "_", last != "_" else { return false }
        var previousUnderscore = false
        for character in text {
            if character == "_" {
                if previousUnderscore { return false }
                previousUnderscore = true
            } else if character.isASCII && isDigit(character) {
                previousUnderscore = false
            } else {
                return false
            }
        }
        return true
    }

    // MARK: - Strings

    private mutating func basicString(multiLineAllowed: Bool) throws(Problem) {
        if multiLineAllowed, peek(1) == "\"", peek(2) == "\"" {
            index += 3
            while true {
                guard let scalar = peek() else { throw problem("a \"\"\" string is not closed") }
                if scalar == "\"", peek(1) == "\"", peek(2) == "\"" {
                    index += 3
                    // Up to two more quotes belong to the string.
                    if peek() == "\"" { index += 1 }
                    if peek() == "\"" { index += 1 }
                    return
                }
                try stringCharacter(scalar, multiLine: true, escapes: true)
            }
        }
        index += 1
        while true {
            guard let scalar = peek() else { throw problem("a string is not closed") }
            if scalar == "\"" {
                index += 1
                return
            }
            try stringCharacter(scalar, multiLine: false, escapes: true)
        }
    }

    private mutating func literalString(multiLineAllowed: Bool) throws(Problem) {
        if multiLineAllowed, peek(1) == "'", peek(2) == "'" {
            index += 3
            while true {
                guard let scalar = peek() else { throw problem("a ''' string is not closed") }
                if scalar == "'", peek(1) == "'", peek(2) == "'" {
                    index += 3
                    if peek() == "'" { index += 1 }
                    if peek() == "'" { index += 1 }
                    return
                }
                try stringCharacter(scalar, multiLine: true, escapes: false)
            }
        }
        index += 1
        while true {
            guard let scalar = peek() else { throw problem("a string is not closed") }
            if scalar == "'" {
                index += 1
                return
            }
            try stringCharacter(scalar, multiLine: false, escapes: false)
        }
    }

    /// One character of a string (an escape whole), advancing past it.
    private mutating func stringCharacter(_ scalar: Unicode.Scalar, multiLine: Bool, escapes: Bool) throws(Problem) {
        switch scalar {
        case "\n":
            guard multiLine else { throw problem("a string is not closed on its line") }
            line += 1
            index += 1
        case "\r" where multiLine && peek(1) == "\n":
            index += 1
        case "\\" where escapes:
            index += 1
            guard let escaped = peek() else { throw problem("a string is not closed") }
            switch escaped {
            case "b", "t", "n", "f", "r", "\"", "\\":
                index += 1
            case "u", "U":
                let count = escaped == "u" ? 4 : 8
                index += 1
                for _ in 0..<count {
                    guard let digit = peek(), Character(digit).isHexDigit, digit.isASCII else {
                        throw problem("\\\(escaped) needs \(count) hex digits")
                    }
                    index += 1
                }
            case " ", "\t", "\r", "\n" where multiLine:
                // A line-ending backslash: spaces, then the line end, then any blank lines.
                while let next = peek(), next == " " || next == "\t" { index += 1 }
                guard peek() == "\n" || peek() == "\r" else { throw problem("a \\ in a string must start an escape") }
            default:
                throw problem("\\\(OutsideText.escaped(String(escaped))) is not an escape TOML knows")
            }
        default:
            guard !Self.isControl(scalar) || scalar == "\t" else {
                throw problem("a control character in a string (write it as an escape)")
            }
            index += 1
        }
    }

    // MARK: - Scanning

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func skipSpaces() {
        while let scalar = peek(), scalar == " " || scalar == "\t" { index += 1 }
    }

    /// Spaces, line ends and comments: what may sit between an array's values.
    private mutating func skipBlank() throws(Problem) {
        while let scalar = peek() {
            switch scalar {
            case " ", "\t": index += 1
            case "\r", "\n", "#": try endOfLine()
            default: return
            }
        }
    }

    private mutating func expect(_ scalar: Unicode.Scalar, _ message: String) throws(Problem) {
        guard peek() == scalar else { throw problem(message) }
        index += 1
    }

    private func problem(_ message: String) -> Problem {
        Problem(line: line, message: message)
    }

    static func isBareKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    private static func endsBareValue(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case " ", "\t", "\r", "\n", "#", ",", "]", "}": true
        default: false
        }
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7f
    }
}
