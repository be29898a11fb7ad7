/// Why a node RPC call failed, in words a solo miner can act on.
public enum NodeRPCError: Error, Equatable, CustomStringConvertible {
    /// No TCP connection: refused, unreachable, or the connect timed out.
    case unreachable(String)
    /// HTTP 401: the node refused the user name or password.
    case unauthorized
    /// The node answered with an HTTP status that carries no JSON-RPC reply.
    case httpStatus(Int)
    /// No complete reply within the call's deadline.
    case timedOut(seconds: Double)
    /// The node answered the call with a JSON-RPC error object.
    case rpc(code: Int, message: String)
    /// The reply is not JSON-RPC as the node's kind speaks it, or a value in it is unusable.
    case badReply(String)

    /// Bitcoin Core's RPC_CLIENT_NOT_CONNECTED: the node has no peers and will not hand out work.
    public static let notConnectedCode = -9
    /// Bitcoin Core's RPC_CLIENT_IN_INITIAL_DOWNLOAD: the node is still syncing.
    public static let initialDownloadCode = -10
    /// Bitcoin Core's RPC_IN_WARMUP: the node is loading its block index.
    public static let warmupCode = -28

    /// Whether waiting (the node syncing, loading or looking for peers) is the only fix.
    public var isNodeNotReady: Bool {
        if case .rpc(let code, _) = self {
            return code == Self.notConnectedCode || code == Self.initialDownloadCode || code == Self.warmupCode
        }
        return false
    }

    public var description: String {
        switch self {
        case .unreachable(let reason): "node unreachable: \(reason)"
        case .unauthorized: "the node refused the RPC user name or password (HTTP 401): check USER:PASS in the URL (rpcuser/rpcpassword or the cookie)"
        case .httpStatus(let status): "the node answered HTTP \(status)"
        case .timedOut(let seconds): "no reply from the node within \(Int(seconds.rounded())) s"
        case .rpc(let code, let message):
            switch code {
            case Self.notConnectedCode: "the node is not connected to any peer; waiting (\(message))"
            case Self.initialDownloadCode: "the node is in initial sync; waiting until it has caught up (\(message))"
            case Self.warmupCode: "the node is starting; waiting (\(message))"
            default: "node error \(code): \(message)"
            }
        case .badReply(let reason): "bad reply from the node: \(reason)"
        }
    }
}
