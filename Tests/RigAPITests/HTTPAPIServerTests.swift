import Foundation
import RigEngine
import RigInput
import RigRuntime
import Testing
@testable import RigAPI
import RigTestSupport

extension LiveServers {
    /// The HTTP API of a live rig: every read endpoint, and control through `POST /json_rpc`.
    @Suite struct HTTPAPIServerTests {
        static func expectJSON(_ reply: HTTPReply, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
            #expect(reply.status == 200, "\(reply)", sourceLocation: sourceLocation)
            #expect(reply.header("Content-Type") == "application/json", "\(reply)", sourceLocation: sourceLocation)
            return try reply.json()
        }

        @Test func everyReadEndpoint() async throws {
            try await LiveServers.withHTTPServer(startRig: true) { rig, port in
                let first = try Self.expectJSON(try await HTTPClient.get(port: port, "/1/summary"))
                #expect(first["worker_id"] == "api-test")
                #expect(first["kind"] == "miner")
                #expect(first["algo"] == "sha256d")
                #expect(first["paused"] == false)
                #expect(first["connection"]?["pool"] == "benchmark")
                #expect(first["cpu"]?["brand"] == "Test CPU 9000 @ 3.00GHz")
                #expect(first["hashrate"]?["threads"]?.arrayValue?.count == 1)
                #expect(first["hashrate"]?["total"]?.arrayValue?.count == 3)
                #expect((first["uptime"]?.numberValue ?? -1) >= 0)

                let second = try Self.expectJSON(try await HTTPClient.get(port: port, "/2/summary"))
                #expect(second["worker_id"] == "api-test")
                #expect(second["hashrate"]?["threads"] == nil)
                #expect(second["hashrate"]?["total"]?.arrayValue?.count == 3)

                let legacy = try Self.expectJSON(try await HTTPClient.get(port: port, "/api.json"))
                #expect(legacy["hashrate"]?["threads"]?.arrayValue?.count == 1)
                #expect(legacy["kind"] == "miner")

                let backends = try Self.expectJSON(try await HTTPClient.get(port: port, "/2/backends"))
                #expect(backends.arrayValue?.count == 1)
                #expect(backends.arrayValue?.first?["type"] == "cpu")
                #expect(backends.arrayValue?.first?["profile"] == "generic")
                #expect(backends.arrayValue?.first?["threads"]?.arrayValue?.count == 1)

                let state = try Self.expectJSON(try await HTTPClient.get(port: port, "/api/v1/state"))
                #expect(state["schema"] == 1)
                #expect(state["worker"] == "api-test")
                #expect(state["engine"]?["state"] == "mining")
                #expect(state["engine"]?["coin"] == "BTC")
                #expect(state["engine"]?["work_source"] == "benchmark")
                #expect(state["engine"]?["threads"]?.arrayValue?.count == 1)
                #expect(state["cpu_temperature"]?["celsius"] == 50)
                #expect(state["thermal_guard"]?["phase"] == "normal")

                let metrics = try await HTTPClient.get(port: port, "/metrics")
                #expect(metrics.status == 200)
                #expect(metrics.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
                let samples = MetricsExpositionTests.samples(metrics.text)
                #expect(samples["rigtop_threads"] == 1)
                #expect(samples["rigtop_paused"] == 0)
                #expect(samples[#"rigtop_temperature_celsius{chip="k10temp",sensor="Tctl"}"#] == 50)
                #expect(samples["rigtop_cpu_temperature_celsius"] == 50)
                #expect(samples[#"rigtop_info{coin="BTC",algorithm="sha256d",kernel="generic",version="\#(RigtopVersion.string)",worker="api-test"}"#] == 1)
                if MetricsExpositionTests.promtool != nil {
                    let (status, output) = try MetricsExpositionTests.promtoolCheck(metrics.text)
                    #expect(status == 0 && output.isEmpty, "promtool on live /metrics (exit \(status)):\n\(output)")
                }
                _ = rig
            }
        }

        @Test func unknownPathsAndMethods() async throws {
            try await LiveServers.withHTTPServer { _, port in
                #expect(try await HTTPClient.get(port: port, "/nope").status == 404)
                #expect(try await HTTPClient.get(port: port, "/1/summary/../../etc/passwd").status == 404)
                #expect(try await HTTPClient.send(port: port, "GET", "/json_rpc").status == 404)
                let post = try await HTTPClient.send(port: port, "POST", "/2/summary", body: "{}")
                #expect(post.status == 404)
                // A query string does not change the route.
                #expect(try await HTTPClient.get(port: port, "/2/summary?x=1").status == 200)
            }
        }

        /// pause, resume, set_threads and switch_coin reach the rig; wrong or missing tokens,
        /// bad bodies and unknown coins are answered and change nothing.
        @Test func controlThroughJSONRPC() async throws {
            try await LiveServers.withHTTPServer(startRig: true) { rig, port in
                let pause = #"{"jsonrpc":"2.0","id":1,"method":"pause"}"#

                let missing = try await HTTPClient.rpc(port: port, pause, authorization: nil)
                #expect(missing.status == 401)
                #expect(missing.header("WWW-Authenticate") == "Bearer")
                #expect(missing.header("Content-Type") == "application/json")
                #expect(try missing.json()["error"]?["code"] == -32001)
                for wrong in ["Bearer wrong", "Bearer secre", "Bearer secret2", "Basic secret", "secret", "Bearer "] {
                    let reply = try await HTTPClient.rpc(port: port, pause, authorization: wrong)
                    #expect(reply.status == 401, "\(wrong): \(reply)")
                }
                try await Task.sleep(for: .milliseconds(300))
                #expect(rig.board.current.engine.state == .mining, "an unauthorized pause reached the rig")

                let paused = try await HTTPClient.rpc(port: port, pause)
                #expect(paused.status == 200)
                #expect(paused.header("Content-Type") == "application/json")
                #expect(try paused.json() == ["jsonrpc": "2.0", "id": 1, "result": ["status": "OK"]])
                #expect(await eventually(60) { rig.board.current.engine.state == .paused })
                let summary = try await HTTPClient.get(port: port, "/2/summary")
                #expect(try summary.json()["paused"] == true)

                let resumed = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":"r","method":"resume"}"#)
                #expect(try resumed.json() == ["jsonrpc": "2.0", "id": "r", "result": ["status": "OK"]])
                #expect(await eventually(60) { rig.board.current.engine.state == .mining })

                let threads = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":3,"method":"set_threads","params":{"threads":2}}"#)
                #expect(try threads.json()["result"] == ["status": "OK"])
                #expect(await eventually(60) { rig.engine.pool.threadCount == 2 })
                #expect(rig.requestedThreads == 2)

                let coin = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":4,"method":"switch_coin","params":["ltc"]}"#)
                #expect(try coin.json()["result"] == ["status": "OK"])
                #expect(await eventually(60) { rig.board.current.engine.coin?.symbol == "LTC" })
                #expect(rig.board.current.engine.algorithm == .scrypt)

                let malformed = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":5,"method":"#)
                #expect(malformed.status == 200)
                #expect(try malformed.json() == ["jsonrpc": "2.0", "id": nil,
                                                 "error": ["code": -32700, "message": "parse error: the body is not JSON"]])

                let unknown = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":6,"method":"switch_coin","params":{"coin":"ETH"}}"#)
                #expect(try unknown.json()["error"]?["code"] == -32602)
                #expect(try unknown.json()["id"] == 6)
                #expect(try unknown.json()["error"]?["message"]?.stringValue?.contains("known: BTC, BCH, LTC, DOGE, XMR") == true)

                let method = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#)
                #expect(try method.json()["error"]?["code"] == -32601)

                let badThreads = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":8,"method":"set_threads","params":[0]}"#)
                #expect(try badThreads.json()["error"]?["code"] == -32602)
                let empty = try await HTTPClient.rpc(port: port, "")
                #expect(try empty.json()["error"]?["code"] == -32700)
                let bigID = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":9223372036854775808,"method":"nope"}"#)
                #expect(try bigID.json()["id"] == .number(9_223_372_036_854_775_808))
                let hugeID = try await HTTPClient.rpc(port: port, #"{"jsonrpc":"2.0","id":1e300,"method":"nope"}"#)
                #expect(try hugeID.json()["id"] == .number(1e300))
                #expect(try hugeID.json()["error"]?["code"] == -32601)

                try await Task.sleep(for: .milliseconds(300))
                let state = rig.board.current.engine
                #expect(state.coin?.symbol == "LTC" && rig.engine.pool.threadCount == 2,
                        "a refused call changed the rig: \(state.coin?.symbol ?? "-"), \(rig.engine.pool.threadCount) threads")
            }
        }

        /// Without a token, control is off: 403 whatever the header says; reads still work.
        @Test func withoutATokenControlIsForbidden() async throws {
            try await LiveServers.withHTTPServer(token: nil) { _, port in
                for authorization in [nil, "Bearer ", "Bearer secret"] as [String?] {
                    let reply = try await HTTPClient.rpc(port: port, #"{"id":1,"method":"pause"}"#, authorization: authorization)
                    #expect(reply.status == 403, "\(reply)")
                    #expect(try reply.json()["error"]?["code"] == -32001)
                    #expect(try reply.json()["error"]?["message"] == "control is off: start rigtop with --api-token")
                }
                #expect(try await HTTPClient.get(port: port, "/2/summary").status == 200)
            }
        }

        /// A non-loopback address needs a token: refused before anything binds, with the reason.
        @Test func aNetworkAddressWithoutATokenIsRefused() throws {
            let tree = try SysfsTree()
            let rig = try TestRig.make(tree)
            for host in ["0.0.0.0", "::", "192.168.1.10"] {
                do {
                    _ = try HTTPAPIServer(endpoint: APIEndpoint(host: host, port: 0), rig: rig, token: nil)
                    Issue.record("\(host) without a token was accepted")
                } catch {
                    #expect(error.description.contains("refusing to serve the HTTP API on"), "\(error)")
                    #expect(error.description.contains("without an access token"))
                    #expect(error.description.contains("--api-token"))
                }
            }
            let endpoint = APIEndpoint(host: "0.0.0.0", port: 4028)
            do {
                _ = try HTTPAPIServer(endpoint: endpoint, rig: rig, token: nil)
            } catch {
                #expect(error.description.hasPrefix("refusing to serve the HTTP API on 0.0.0.0:4028 without an access token"))
            }
            // With a token, or on loopback, it is allowed.
            #expect(throws: Never.self) { try HTTPAPIServer(endpoint: endpoint, rig: rig, token: AccessToken("t")) }
            #expect(throws: Never.self) { try HTTPAPIServer(endpoint: APIEndpoint(host: "::1", port: 0), rig: rig, token: nil) }
            #expect(throws: APIStartError.self) {
                try APIServers(rig: rig, http: endpoint, token: nil, cgminer: nil, cpuminer: nil)
            }
        }

        /// A port in use: start throws a reason, and stop closes the listener.
        @Test func aBusyPortAndStop() async throws {
            try await LiveServers.withHTTPServer { rig, port in
                let second = try HTTPAPIServer(endpoint: APIEndpoint(port: port), rig: rig, token: nil)
                do {
                    try await second.start()
                    Issue.record("a second server bound \(port)")
                    await second.stop()
                } catch {
                    #expect("\(error)".hasPrefix("cannot serve the HTTP API on 127.0.0.1:\(port)"), "\(error)")
                }
                #expect(try await HTTPClient.get(port: port, "/2/summary").status == 200)
            }
            let tree = try SysfsTree()
            let server = try HTTPAPIServer(endpoint: APIEndpoint(port: 0), rig: try TestRig.make(tree), token: nil)
            try await server.start()
            let port = server.port
            #expect(try await HTTPClient.get(port: port, "/metrics").status == 200)
            await server.stop()
            #expect(await LiveServers.refused(port: port))
        }
    }
}
