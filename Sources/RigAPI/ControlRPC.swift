import Foundation
public import RigEngine
public import RigRuntime

/// `POST /json_rpc`: the commands a front end may send, as JSON-RPC 2.0 (xmrig's `pause` and
/// `resume`, and rigtop's `switch_coin {coin}` and `set_threads {threads}`, the same commands as
/// the dashboard's keys).
public enum ControlRPC {
    /// A decoded request: the command and the id to answer with.
    public struct Call: Sendable, Equatable {
        public var id: JSONValue
        public var command: EngineCommand
    }

    /// A JSON-RPC error: code and message, with the id when the request had one.
    public struct Failure: Error, Sendable, Equatable {
        public var id: JSONValue
        public var code: Int
        public var message: String

        public var response: JSONValue {
            ["jsonrpc": "2.0", "id": id, "error": ["code": .number(Double(code)), "message": .string(message)]]
        }
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
        guard let method = object["method"]?.stringValue else {
            return .failure(Failure(id: id, code: -32600, message: "invalid request: method must be a string"))
        }
        let params = object["params"]
        /// A parameter by name (`{"coin": "LTC"}`) or first position (`["LTC"]`).
        func parameter(_ name: String) -> JSONValue? { params?[name] ?? params?.arrayValue?.first }
        switch method {
        case "pause": return .success(Call(id: id, command: .pause))
        case "resume": return .success(Call(id: id, command: .resume))
        case "switch_coin":
            guard let symbol = parameter("coin")?.stringValue else {
                return .failure(Failure(id: id, code: -32602, message: "invalid params: switch_coin needs {\"coin\": SYMBOL}"))
            }
            guard let coin = coins.first(where: { $0.symbol.caseInsensitiveCompare(symbol) == .orderedSame }) else {
                let known = coins.map(\.symbol).joined(separator: ", ")
                return .failure(Failure(id: id, code: -32602, message: "unknown coin \(symbol.prefix(32).debugDescription); known: \(known)"))
            }
            return .success(Call(id: id, command: .switchCoin(coin)))
        case "set_threads":
            guard let value = parameter("threads")?.numberValue, value.rounded() == value,
                  value >= 1, value <= Double(Rig.maximumThreads) else {
                return .failure(Failure(id: id, code: -32602,
                                        message: "invalid params: threads must be a whole number from 1 to \(Rig.maximumThreads)"))
            }
            return .success(Call(id: id, command: .setThreads(Int(value))))
        default:
            return .failure(Failure(id: id, code: -32601, message: "method not found: \(method.prefix(64).debugDescription)"))
        }
    }

    /// The success response.
    public static func success(id: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "result": ["status": "OK"]]
    }
}

