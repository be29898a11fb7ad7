import RigInput

/// Lenient, checked reads for the state document's parts: a figure that is missing, of the
/// wrong JSON type or out of its range is nil, so one broken figure blanks one cell and never
/// refuses (or traps on) the whole document. Numbers pass `UntrustedNumber`.
extension KeyedDecodingContainer {
    func figure(_ key: Key, in range: ClosedRange<Double>) -> Double? {
        try? UntrustedNumber.finite(try? decodeIfPresent(Double.self, forKey: key), key.stringValue, in: range)
    }

    func whole<T: FixedWidthInteger>(_ key: Key, in range: ClosedRange<T>) -> T? {
        try? UntrustedNumber.whole(try? decodeIfPresent(Double.self, forKey: key), key.stringValue, in: range)
    }

    func text(_ key: Key) -> String? {
        try? decodeIfPresent(String.self, forKey: key)
    }

    func flag(_ key: Key) -> Bool? {
        try? decodeIfPresent(Bool.self, forKey: key)
    }

    /// A nested part, an enum's raw value or anything else decodable; nil when it does not decode.
    func part<T: Decodable>(_ key: Key) -> T? {
        try? decodeIfPresent(T.self, forKey: key)
    }

    /// An array whose elements that do not decode are left out; nil when it is not an array.
    func list<T: Decodable>(_ key: Key) -> [T]? {
        (try? decodeIfPresent([Lenient<T>].self, forKey: key))?.compactMap(\.value)
    }
}

/// One array element decoded on its own, so that a bad element costs only itself.
struct Lenient<T: Decodable>: Decodable {
    let value: T?

    init(from decoder: any Decoder) throws {
        value = try? T(from: decoder)
    }
}

extension KeyedEncodingContainer {
    /// A figure, written as `null` when it is missing or not finite (JSON has no NaN or infinity).
    mutating func encodeFigure(_ value: Double?, forKey key: Key) throws {
        try encode(value.flatMap { $0.isFinite ? $0 : nil }, forKey: key)
    }
}
