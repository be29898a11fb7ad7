import NIOCore
import NIOPosix
import RigEngine
import RigInput

/// A node's JSON-RPC: one call, one reply, every byte of it distrusted.
///
/// Bitcoin Core answers a failed call with HTTP 500 (or 404 for an unknown method) and a
/// JSON-RPC error object; monerod answers HTTP 200 with an `error` member. Both are
/// ``NodeRPCError/rpc(code:message:)`` here, with the message escaped for the log.
public struct NodeRPC: Sendable {
    public let url: NodeURL
    let group: any EventLoopGroup
    let connectTimeout: TimeAmount
    /// The deadline of an ordinary call (not a long poll), seconds.
    public var callTimeout: Double

    public init(url: NodeURL, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
                connectTimeoutSeconds: Int64 = 10, callTimeout: Double = 30) {
        self.url = url
        self.group = group
        self.connectTimeout = .seconds(connectTimeoutSeconds)
        self.callTimeout = callTimeout
    }

    /// Calls `method` and returns its `result` (which may be JSON null).
    ///
    /// - Parameter timeout: the call's deadline; a long poll passes its own.
    public func call(_ method: String, _ params: JSONValue, timeout: Double? = nil) async throws(NodeRPCError) -> JSONValue {
        let request: JSONValue = url.kind == .moneroDaemon
            ? ["jsonrpc": "2.0", "id": "0", "method": .string(method), "params": params]
            : ["jsonrpc": "1.0", "id": "rigtop", "method": .string(method), "params": params]
        let authorization = url.user.map { NodeHTTP.basicAuthorization(user: $0, password: url.password ?? "") }
        let reply = try await NodeHTTP.post(
            host: url.host, port: url.port, path: url.kind == .moneroDaemon ? "/json_rpc" : "/",
            body: Array(request.serialized.utf8), authorization: authorization, group: group,
            connectTimeout: connectTimeout, deadline: timeout ?? callTimeout)
        return try Self.result(of: reply)
    }

    /// The `result` of a reply, or the error it carries.
    static func result(of reply: NodeHTTP.Reply) throws(NodeRPCError) -> JSONValue {
        if reply.status == 401 { throw .unauthorized }
        let text = String(decoding: reply.body, as: UTF8.self)
        guard let json = try? JSONValue.parse(text), let object = json.objectValue else {
            if reply.status != 200 { throw .httpStatus(reply.status) }
            throw .badReply("not a JSON object: " + OutsideText.escaped(text, limit: 120))
        }
        if let error = object["error"], !error.isNull {
            throw errorObject(error)
        }
        guard reply.status == 200 else { throw .httpStatus(reply.status) }
        guard let result = object["result"] else { throw .badReply("no result in the reply") }
        return result
    }

    /// `{"code": -9, "message": "…"}` as an error; anything else in its place is a bad reply.
    static func errorObject(_ error: JSONValue) -> NodeRPCError {
        guard let members = error.objectValue else {
            return .badReply("error is not an object: " + OutsideText.escaped(error.serialized, limit: 120))
        }
        let message = members["message"]?.stringValue.map { OutsideText.escaped($0) }
            ?? OutsideText.escaped(error.serialized, limit: 120)
        guard let code: Int = try? UntrustedNumber.whole(members["code"]?.numberValue, "error code",
                                                         in: -1_000_000_000...1_000_000_000) else {
            return .badReply("error without a usable code: \(message)")
        }
        return .rpc(code: code, message: message)
    }
}
