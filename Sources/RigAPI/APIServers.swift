import Foundation
public import RigRuntime

/// The API servers one rig runs: HTTP (xmrig-compatible, Prometheus, control), cgminer's and
/// cpuminer's TCP APIs. Each is off unless its endpoint is given.
public final class APIServers: Sendable {
    public let http: HTTPAPIServer?
    public let cgminer: TCPAPIServer?
    public let cpuminer: TCPAPIServer?

    /// Checks the endpoints (a non-loopback HTTP API needs a token) without binding anything.
    public init(rig: Rig, http: APIEndpoint?, token: AccessToken?, cgminer: APIEndpoint?,
                cpuminer: APIEndpoint?) throws(APIStartError) {
        self.http = try http.map { endpoint throws(APIStartError) in try HTTPAPIServer(endpoint: endpoint, rig: rig, token: token) }
        let board = rig.board
        self.cgminer = cgminer.map { endpoint in
            TCPAPIServer(name: "cgminer", endpoint: endpoint, complete: CgminerAPI.isComplete) { request in
                CgminerAPI.reply(to: request, state: board.current, now: Date().timeIntervalSince1970)
            }
        }
        self.cpuminer = cpuminer.map { endpoint in
            TCPAPIServer(name: "cpuminer", endpoint: endpoint, complete: CpuminerAPI.isComplete) { request in
                CpuminerAPI.reply(to: request, state: board.current, now: Date().timeIntervalSince1970)
            }
        }
    }

    /// Starts every configured server; on a failure stops those already started and throws.
    public func start(log: @Sendable (String) -> Void) async throws {
        do {
            if let http {
                try await http.start()
                log("HTTP API on \(http.endpoint.host):\(http.port) (xmrig /1/summary, /metrics, /api/v1/state"
                    + ", /json_rpc)")
            }
            if let cgminer {
                try await cgminer.start()
                log("cgminer API on \(cgminer.endpoint.host):\(cgminer.port)")
            }
            if let cpuminer {
                try await cpuminer.start()
                log("cpuminer API on \(cpuminer.endpoint.host):\(cpuminer.port)")
            }
        } catch {
            await stop()
            throw error
        }
    }

    public func stop() async {
        await http?.stop()
        await cgminer?.stop()
        await cpuminer?.stop()
    }
}
