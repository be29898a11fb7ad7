/// URL percent-encoding (RFC 3986 §2.1) of text from outside: a pool or node URL's user and
/// password, where `@`, `:` and `/` must be written `%40`, `%3A`, `%2F`.
///
/// Decoding gives a ``PercentEncodingError`` for a `%` not followed by two hex digits, for
/// bytes that are not UTF-8, and for control characters (which would reach a log line); never
/// a trap. The error names the field, never the text: the text may be a password.
///
/// ```swift
/// try PercentEncoding.decoded("us%40er.w1", field: "pool user")  // "us@er.w1"
/// ```
public enum PercentEncoding {
    public static func decoded(_ text: some StringProtocol, field: String) throws(PercentEncodingError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw PercentEncodingError(field: field, reason: "a % must be followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw PercentEncodingError(field: field, reason: "it does not decode to UTF-8 text")
        }
        guard OutsideText.isClean(decoded) else {
            throw PercentEncodingError(field: field, reason: "it decodes to a control character")
        }
        return decoded
    }

    /// A URL's login, `USER[:PASSWORD]` before the `@`, each part decoded; the password is nil
    /// without a `:`, and a `:` inside either part must be written `%3A` (one inside the
    /// password may also stand as it is). `url` names the kind of URL for the error ("pool").
    public static func login(_ userinfo: some StringProtocol, url: String) throws(PercentEncodingError)
        -> (user: String, password: String?) {
        let text = Substring(userinfo)
        let colon = text.firstIndex(of: ":")
        let user = try decoded(text[..<(colon ?? text.endIndex)], field: "\(url) URL's user")
        guard let colon else { return (user, nil) }
        return (user, try decoded(text[text.index(after: colon)...], field: "\(url) URL's password"))
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Why percent-encoded text was refused: which field, and what is wrong with it.
public struct PercentEncodingError: Error, Equatable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "the \(field) is not valid percent-encoding: \(reason)" }
}
