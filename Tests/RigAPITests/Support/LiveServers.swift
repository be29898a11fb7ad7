import Foundation
import Glibc
import RigEngine
import RigPools
import RigRuntime
import Testing
@testable import RigAPI

/// Every suite that binds a port, one test at a time (``LiveServers`` is `.serialized`, and the
/// trait reaches the nested suites): the machine has two cores and the timing tests want them.
@Suite(.serialized) enum LiveServers {
    /// A rig (started or not) behind an HTTP API server on 127.0.0.1 and a free port; both are
    /// stopped when `body` returns or throws.
    static func withHTTPServer(token: String? = "secret", startRig: Bool = false, pools: PoolSettings? = nil,
                               limits: HTTPAPIServer.Limits = HTTPAPIServer.Limits(),
                               _ body: (_ rig: Rig, _ port: Int) async throws -> Void) async throws {
        let tree = try SysfsTree()
        let rig = startRig ? try await TestRig.started(tree) : try TestRig.make(tree, pools: pools)
        let server = try HTTPAPIServer(endpoint: APIEndpoint(port: 0), rig: rig, token: token.flatMap(AccessToken.init),
                                       limits: limits)
        try await server.start()
        #expect(server.port > 0)
        do {
            try await body(rig, server.port)
        } catch {
            await server.stop()
            if startRig { await rig.stop() }
            throw error
        }
        await server.stop()
        if startRig { await rig.stop() }
    }

    /// Whether a connection to `port` is refused now.
    /// Whether connections to `port` are refused: at once, or within 5 s on a busy machine (a
    /// listener closes on its event loop, and another suite may take the ephemeral port a moment).
    static func refused(port: Int) async -> Bool {
        for _ in 0..<50 {
            if (try? await offPool { try Wire.connect(port: port) }).map({ close($0); return false }) ?? true { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}
