import Foundation
public import RigEngine
public import RigInput
public import RigRuntime

/// `POST /json_rpc`: the commands a front end may send, as JSON-RPC 2.0 (xmrig's `pause` and
/// `resume`, and rigtop's `switch_coin {coin}` and `set_threads {threads}`, the same commands as
/// the dashboard's keys).
public enum ControlRPC {
    /// A decoded request: the command and the id to answer with.
    public struct Call: Sendable, Equatable {
        public var id: JSONValue
        public var command: EngineCommand
        /// The id's number exactly as the request wrote it, where ``id`` would print otherwise
        /// (`123456789012345678901234567890`, not `1.2345678901234568e+29`).
        public var rawID: String?

        public init(id: JSONValue, command: EngineCommand, rawID: String? = nil) {
            self.id = id
            self.command = command
            self.rawID = rawID
        }

        /// The success response's text, the id echoed as it came.
        public var responseText: String { ControlRPC.text(ControlRPC.success(id: id), rawID: rawID) }
    }

    /// A JSON-RPC error: code and message, with the id when the request had one.
    public struct Failure: Error, Sendable, Equatable {
        public var id: JSONValue
        public var code: Int
        public var message: String
        /// As ``Call/rawID``.
        public var rawID: String?

        public init(id: JSONValue, code: Int, message: String, rawID: String? = nil) {
            self.id = id
            self.code = code
            self.message = message
            self.rawID = rawID
        }

        public var response: JSONValue {
            ["jsonrpc": "2.0", "id": id, "error": ["code": .number(Double(code)), "message": .string(message)]]
        }

        /// The response's text, the id echoed as it came.
        public var responseText: String { ControlRPC.text(response, rawID: rawID) }
    }

    /// Decodes one request body against the coins the rig knows.
    public static func decode(_ body: String, coins: [Coin]) -> Result<Call, Failure> {
        guard let request = try? JSONValue.parse(body) else {
            return .failure(Failure(id: .null, code: -32700, message: "parse error: the body is not JSON"))
        }
        guard let object = request.objectValue else {
            return .failure(Failure(id: .null, code: -32600, message: "invalid request: expected a JSON object"))
        }
        let id = object["id"] ?? .null
        switch id {
        case .null, .number, .string: break
        default: return .failure(Failure(id: .null, code: -32600, message: "invalid request: id must be a number, a string or null"))
        }
        let rawID = rawNumberID(in: body, matching: id)
        func failure(_ code: Int, _ message: String) -> Result<Call, Failure> {
            .failure(Failure(id: id, code: code, message: message, rawID: rawID))
        }
        guard let method = object["method"]?.stringValue else {
            return failure(-32600, "invalid request: method must be a string")
        }
        let params = object["params"]
        /// A parameter by name (`{"coin": "LTC"}`) or first position (`["LTC"]`).
        func parameter(_ name: String) -> JSONValue? { params?[name] ?? params?.arrayValue?.first }
        switch method {
        case "pause": return .success(Call(id: id, command: .pause, rawID: rawID))
        case "resume": return .success(Call(id: id, command: .resume, rawID: rawID))
        case "switch_coin":
            guard let symbol = parameter("coin")?.stringValue else {
                return failure(-32602, "invalid params: switch_coin needs {\"coin\": SYMBOL}")
            }
            guard let coin = coins.first(where: { $0.symbol.caseInsensitiveCompare(symbol) == .orderedSame }) else {
                let known = coins.map(\.symbol).joined(separator: ", ")
                return failure(-32602, "unknown coin \(symbol.prefix(32).debugDescription); known: \(known)")
            }
            return .success(Call(id: id, command: .switchCoin(coin), rawID: rawID))
        case "set_threads":
            guard let value = parameter("threads")?.numberValue, value.rounded() == value,
                  value >= 1, value <= Double(Rig.maximumThreads) else {
                return failure(-32602, "invalid params: threads must be a whole number from 1 to \(Rig.maximumThreads)")
            }
            return .success(Call(id: id, command: .setThreads(Int(value)), rawID: rawID))
        default:
            return failure(-32601, "method not found: \(method.prefix(64).debugDescription)")
        }
    }

    /// The text of `response`, its `id` member written as `rawID` when there is one.
    static func text(_ response: JSONValue, rawID: String?) -> String {
        guard let rawID, var members = response.objectValue else { return response.serialized }
        members["id"] = nil
        return "{\"id\":" + rawID + "," + JSONValue.object(members).serialized.dropFirst()
    }

    /// The top-level `id` of an object `body` when it is a number that would print otherwise: its
    /// text, checked to be a JSON number that decodes to `id`; nil for any other id.
    static func rawNumberID(in body: String, matching id: JSONValue) -> String? {
        guard case .number(let value) = id else { return nil }
        var found: Substring?
        var depth = 0
        var index = body.startIndex
        var expectingKey = false
        var key: Substring?
        while index < body.endIndex {
            let character = body[index]
            if character == "\"" {
                // A string: skip to its closing quote, minding escapes.
                var end = body.index(after: index)
                while end < body.endIndex, body[end] != "\"" {
                    if body[end] == "\\" { end = body.index(after: end) }
                    if end < body.endIndex { end = body.index(after: end) }
                }
                guard end < body.endIndex else { return nil }
                if depth == 1, expectingKey { key = body[body.index(after: index)..<end] }
                index = body.index(after: end)
                continue
            }
            switch character {
            case "{", "[":
                depth += 1
                expectingKey = character == "{" && depth == 1
            case "}", "]": depth -= 1
            case ",": expectingKey = depth == 1
            case ":" where depth == 1 && key == "id":
                let rest = body[body.index(after: index)...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
                found = rest.prefix { "0123456789+-.eE".contains($0) }
                expectingKey = false
                key = nil
            case ":":
                expectingKey = false
                key = nil
            default: break
            }
            index = body.index(after: index)
        }
        guard let text = found, !text.isEmpty, text.count <= 256, Double(text) == value else { return nil }
        let raw = String(text)
        return raw == JSONValue.number(value).serialized ? nil : raw
    }

    /// The success response.
    public static func success(id: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "result": ["status": "OK"]]
    }
}

