import Foundation

/// A fast path for the replies the farm reads most: a successful vector or matrix exactly as
/// Prometheus writes it (`{"status":"success","data":{"resultType":…,"result":[{"metric":{…},
/// "value":[t,"v"]}…]}}`), scanned byte by byte. Foundation's `JSONDecoder` took about 200 ms of
/// CPU for the 3.8 MB of a 1,000-rig refresh; with this scanner rigtop's whole CPU time per such
/// refresh went from 183 ms to 113 ms (`Benchmarks/farm_refresh.sh`, README).
///
/// It returns nil for anything else (another key order, extra members, an error reply, a
/// surrogate pair escape, a malformed byte): ``PrometheusResponse`` then decodes the reply with
/// `JSONDecoder`, which gives the same result or the precise error. So the scanner never has to
/// be right about a reply it does not understand; every index is checked, so it cannot trap.
struct PromQLResultScanner {
    private let bytes: [UInt8]
    private var index = 0

    static func scan(_ body: Data) -> PromQLResult? {
        var scanner = PromQLResultScanner(bytes: [UInt8](body))
        return scanner.reply()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func reply() -> PromQLResult? {
        guard literal(#"{"status":"success","data":{"resultType":""#) else { return nil }
        let isMatrix: Bool
        if literal(#"vector","result":["#) { isMatrix = false } else if literal(#"matrix","result":["#) { isMatrix = true } else {
            return nil
        }
        var samples: [PromSample] = []
        var series: [PromSeries] = []
        if !literal("]") {
            repeat {
                guard literal(#"{"metric":"#), let labels = labels() else { return nil }
                if isMatrix {
                    guard literal(#","values":["#) else { return nil }
                    var points: [PromPoint] = []
                    if !literal("]") {
                        repeat {
                            guard let point = point() else { return nil }
                            points.append(point)
                        } while literal(",")
                        guard literal("]") else { return nil }
                    }
                    series.append(PromSeries(labels: labels, points: points))
                } else {
                    guard literal(#","value":"#), let point = point() else { return nil }
                    samples.append(PromSample(labels: labels, point: point))
                }
                guard literal("}") else { return nil }
            } while literal(",")
            guard literal("]") else { return nil }
        }
        guard literal("}}"), index == bytes.count || bytes[index...].allSatisfy(Self.isSpace) else { return nil }
        return isMatrix ? .matrix(series) : .vector(samples)
    }

    /// `[1796180400.123,"42.5"]`.
    private mutating func point() -> PromPoint? {
        guard literal("[") else { return nil }
        let start = index
        while index < bytes.count, bytes[index] != UInt8(ascii: ","), index - start < 32 { index += 1 }
        // A byte that is not UTF-8 becomes U+FFFD, which no number parses.
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let time = Double(text), time.isFinite,
              literal(","), let valueText = string(), let value = PromPoint.value(valueText), literal("]") else { return nil }
        return PromPoint(time: time, value: value)
    }

    /// `{"name":"value",…}`.
    private mutating func labels() -> [String: String]? {
        guard literal("{") else { return nil }
        var labels: [String: String] = [:]
        if literal("}") { return labels }
        repeat {
            guard let name = string(), literal(":"), let value = string() else { return nil }
            labels[name] = value
        } while literal(",")
        return literal("}") ? labels : nil
    }

    /// A JSON string; escapes other than a surrogate pair are decoded.
    private mutating func string() -> String? {
        guard literal("\"") else { return nil }
        if let plain = plainString() { return plain }
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(bytes: out, encoding: .utf8)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let hex = String(bytes: bytes[index..<index + 4], encoding: .utf8),
                          let code = UInt32(hex, radix: 16), !(0xD800...0xDFFF).contains(code),
                          let scalar = Unicode.Scalar(code) else { return nil }
                    index += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: return nil
                }
            case 0..<0x20: return nil
            default: out.append(byte)
            }
        }
        return nil
    }

    /// The common string: printable ASCII up to its closing quote, without escapes, read
    /// without copying it byte by byte; nil (nothing consumed) for any other.
    private mutating func plainString() -> String? {
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[index..<end], as: UTF8.self)
                index = end + 1
                return text
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            end += 1
        }
        return nil
    }

    /// Consumes `text` if the bytes here are exactly it.
    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        let matches = text.withUTF8Buffer { expected in
            var offset = 0
            while offset < count, bytes[index + offset] == expected[offset] { offset += 1 }
            return offset == count
        }
        if matches { index += count }
        return matches
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}
