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

    /// A line shortened for a log: at most 200 characters.
    public static func trimmed(_ line: String) -> String {
        line.count <= 200 ? line : String(line.prefix(200)) + "… (\(line.utf8.count) bytes)"
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
            self.init(code: Int(values.first?.numberValue ?? 20),
                      message: values.count > 1 ? values[1].stringValue ?? "" : "")
        case .object(let members):
            self.init(code: Int(members["code"]?.numberValue ?? 20), message: members["message"]?.stringValue ?? "")
        case .string(let text):
            self.init(code: 20, message: text)
        default:
            self.init(code: 20, message: json.serialized)
        }
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
