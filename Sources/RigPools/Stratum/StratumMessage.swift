import RigInput

/// One JSON-RPC line of Stratum: a request or notification (has `method`) or a response (has
/// `result`/`error`).
///
/// Stratum v1 sends `params` as an array; Monero's stratum as an object. Both are kept as JSON.
public enum StratumMessage: Sendable, Equatable {
    /// A request (id set) or a notification (id null).
    case request(id: JSONValue, method: String, params: JSONValue)
    case response(id: JSONValue, result: JSONValue, error: StratumError?)

    /// Parses one line, or throws ``StratumProtocolError`` naming what was wrong with it.
    public static func parse(_ line: String) throws(StratumProtocolError) -> StratumMessage {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw .notJSON(Self.trimmed(line))
        }
        guard let members = value.objectValue else { throw .wrongShape(Self.trimmed(line)) }
        let id = members["id"] ?? .null
        if let method = members["method"] {
            guard let name = method.stringValue else { throw .wrongShape(Self.trimmed(line)) }
            let params = members["params"] ?? .array([])
            guard params.arrayValue != nil || params.objectValue != nil else { throw .wrongShape(Self.trimmed(line)) }
            return .request(id: id, method: name, params: params)
        }
        guard members["result"] != nil || members["error"] != nil else { throw .wrongShape(Self.trimmed(line)) }
        let error = members["error"].flatMap(StratumError.init(json:))
        return .response(id: id, result: members["result"] ?? .null, error: error)
    }

    /// The line to send, without its newline.
    public var serialized: String {
        switch self {
        case .request(let id, let method, let params):
            JSONValue.object(["id": id, "method": .string(method), "params": params]).serialized
        case .response(let id, let result, let error):
            JSONValue.object(["id": id, "result": result, "error": error?.json ?? .null]).serialized
        }
    }

    /// A line from a pool made fit for a log or a terminal: control characters escaped, at most
    /// 200 characters.
    public static func trimmed(_ line: String) -> String {
        OutsideText.escaped(line, limit: 200)
    }

    /// Share difficulties a pool may set: anything outside is a broken or hostile pool.
    public static let difficultyRange: ClosedRange<Double> = 1e-12...1e18

    /// A reply's id as the request table knows ids; a number that cannot be one (1e300,
    /// 2^63, a fraction) or a non-number is a protocol error that drops the connection.
    static func requestID(_ id: JSONValue, line: String) throws(StratumProtocolError) -> Int {
        do {
            return try UntrustedNumber.whole(id.numberValue, "reply id", in: 0...Int(Int32.max))
        } catch {
            throw StratumProtocolError.wrongShape("\(error): \(trimmed(line))")
        }
    }

    /// `client.reconnect`'s `[host, port, wait]`: a host name or address, a port 1–65535, a wait of
    /// up to an hour; each may be absent (the current pool's, no wait).
    static func reconnectTarget(_ values: [JSONValue]) throws(StratumProtocolError) -> (host: String?, port: Int?, wait: Double) {
        do {
            var host: String?
            if let text = values.first?.stringValue, !text.isEmpty {
                guard text.utf8.count <= 253, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:_".contains($0)) }) else {
                    throw UntrustedNumberError(field: "client.reconnect host", value: trimmed(text), expected: "a host name")
                }
                host = text
            }
            var port: Int?
            if values.count > 1, !values[1].isNull {
                port = try values[1].stringValue.map { text throws(UntrustedNumberError) in
                    try UntrustedNumber.whole(text: text, "client.reconnect port", in: 1...65_535)
                } ?? UntrustedNumber.whole(values[1].numberValue, "client.reconnect port", in: 1...65_535)
            }
            var wait = 0.0
            if values.count > 2, !values[2].isNull {
                wait = try values[2].stringValue.map { text throws(UntrustedNumberError) in
                    try UntrustedNumber.finite(text: text, "client.reconnect wait", in: 0...3600)
                } ?? UntrustedNumber.finite(values[2].numberValue, "client.reconnect wait", in: 0...3600)
            }
            return (host, port, wait)
        } catch {
            throw StratumProtocolError.wrongShape("\(error)")
        }
    }
}

/// A pool's error reply: `[code, "message", traceback]` in Stratum v1, `{"code", "message"}` in
/// Monero's stratum and some v1 pools.
public struct StratumError: Sendable, Equatable, Error, CustomStringConvertible {
    public var code: Int
    public var message: String

    public init(code: Int, message: String) {
        self.code = code
        self.message = message
    }

    /// The error from a reply's `error` member; nil for `null`.
    public init?(json: JSONValue) {
        switch json {
        case .null: return nil
        case .array(let values):
            self.init(code: values.first, message: values.count > 1 ? values[1] : nil)
        case .object(let members):
            self.init(code: members["code"], message: members["message"])
        default:
            // A bare string (or any other shape) is the message, escaped like the others.
            self.init(code: nil, message: json)
        }
    }

    /// From a reply's code and message members, whatever their types: a code that is not a whole
    /// number in Int32's range is said in the message instead (code 20, "other").
    init(code: JSONValue?, message: JSONValue?) {
        var text = message.map { $0.stringValue ?? $0.serialized } ?? ""
        var number = 20
        if let code, !code.isNull {
            if let valid = try? UntrustedNumber.whole(code.numberValue, "code", in: Int(Int32.min)...Int(Int32.max)) {
                number = valid
            } else {
                text += (text.isEmpty ? "" : " ") + "(unusable error code \(code.serialized))"
            }
        }
        // Bounded in its escaped length, so that the message re-parsed from this error's own
        // serialisation is this message (escaping it again changes nothing).
        self.init(code: number, message: OutsideText.escaped(text, maximumLength: 200))
    }

    /// The Stratum v1 error codes 20–25 by name (from the slush pool protocol description).
    public var name: String? {
        switch code {
        case 20: "other/unknown"
        case 21: "job not found (stale)"
        case 22: "duplicate share"
        case 23: "low difficulty share"
        case 24: "unauthorized worker"
        case 25: "not subscribed"
        default: nil
        }
    }

    public var json: JSONValue { [.number(Double(code)), .string(message), .null] }

    /// "23 low difficulty share: Low difficulty" — the code's name and the pool's words.
    public var description: String {
        let label = name.map { "\(code) \($0)" } ?? "\(code)"
        return message.isEmpty ? label : "\(label): \(message)"
    }
}

/// Input from a pool that breaks the protocol; the connection is dropped and retried.
public enum StratumProtocolError: Error, Equatable, CustomStringConvertible {
    case notJSON(String)
    case wrongShape(String)
    case lineTooLong(Int)
    case unexpected(String)

    public var description: String {
        switch self {
        case .notJSON(let line): "not JSON: \(line)"
        case .wrongShape(let line): "not a Stratum message: \(line)"
        case .lineTooLong(let bytes): "line longer than 64 KiB (\(bytes) bytes without a newline)"
        case .unexpected(let what): what
        }
    }
}
