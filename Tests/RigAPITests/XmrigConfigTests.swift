import Foundation
import RigEngine
import RigPools
import RigInput
import RigRuntime
import RigTestSupport
import Testing
@testable import RigAPI

/// xmrig's config document and the changes a PUT of it may make, without a server.
@Suite struct XmrigConfigTests {
    static let pools = PoolSettings(
        urls: [PoolURL(host: "pool.example", port: 3333),
               PoolURL(host: "::1", port: 443, tls: true, user: "us@er.w2", password: "p:ss")],
        user: "wallet.rig-7", password: "never-shown")

    static var document: JSONValue {
        XmrigConfig.document(SampleState.state(), settings: .init(pools: pools, threads: 2,
                                                                  endpoint: APIEndpoint(port: 18_088)))
    }

    @Test func theDocumentHasXmrigsShapeAndNoSecrets() {
        let document = Self.document
        #expect(document["api"]?["worker-id"] == "rig-7")
        #expect(document["http"]?["port"] == 18_088)
        #expect(document["http"]?["access-token"] == .null)
        #expect(document["cpu"]?["sha256d"] == [0, -1], "one entry per thread: its core, else -1")
        #expect(document["donate-level"] == 0)
        let pools = document["pools"]?.arrayValue ?? []
        #expect(pools.map { $0["url"] } == ["pool.example:3333", "[::1]:443"])
        #expect(pools.map { $0["user"] } == ["wallet.rig-7", "us@er.w2"])
        #expect(pools.map { $0["tls"] } == [false, true])
        #expect(pools.allSatisfy { $0["pass"] == .null && $0["algo"] == "sha256d" && $0["coin"] == "btc" })
        #expect(!document.serialized.contains("never-shown") && !document.serialized.contains("p:ss"))
    }

    @Test func theDocumentBackChangesNothing() {
        let document = Self.document
        #expect(XmrigConfig.change(document.serialized, current: document, algorithm: .sha256d) == .success(.none))
        #expect(XmrigConfig.change("{}", current: document, algorithm: .sha256d) == .success(.none))
    }

    @Test func theThreadCountChangesLive() {
        var cpu = Self.document["cpu"]?.objectValue ?? [:]
        cpu["sha256d"] = [-1, -1, -1]
        let body = JSONValue.object(["cpu": .object(cpu)]).serialized
        #expect(XmrigConfig.change(body, current: Self.document, algorithm: .sha256d) == .success(.setThreads(3)))
    }

    static let refused: [(body: String, status: Int, reason: String)] = [
        (#"{"pools":[]}"#, 403, "the pools cannot change while rigtop runs"),
        (#"{"http":{"port":1}}"#, 403, "the API's address, token and worker name are set when rigtop starts"),
        (#"{"cpu":{"huge-pages":true}}"#, 403, #"cpu."huge-pages" cannot change while rigtop runs"#),
        (#"{"cpu":{"sha256d":[]}}"#, 400, "cpu.sha256d must list 1 to"),
        (#"{"cpu":{"sha256d":5}}"#, 400, "cpu.sha256d must list 1 to"),
        (#"{"donate-level":1}"#, 403, #""donate-level" cannot change while rigtop runs"#),
        (#"{"\u001b[2Jnew":1}"#, 403, #"rigtop has no setting "\u001b[2Jnew""#),
        ("[1]", 400, "the body is not a JSON object"),
        ("not json", 400, "the body is not a JSON object"),
    ]

    @Test("what cannot change live is refused with the reason", arguments: refused.indices)
    func refusals(_ index: Int) {
        let (body, status, reason) = Self.refused[index]
        guard case .failure(let refusal) = XmrigConfig.change(body, current: Self.document, algorithm: .sha256d) else {
            Issue.record("\(body) was accepted")
            return
        }
        #expect(refusal.status == status)
        #expect(refusal.reason.contains(reason), "\(refusal.reason)")
    }

    @Test func randomXThreadsAreTheRxProfile() {
        #expect(XmrigConfig.profile(.randomx) == "rx" && XmrigConfig.profile(.randomxV2) == "rx")
        #expect(XmrigConfig.profile(.scrypt) == "scrypt")
    }
}

extension LiveServers {
    /// `GET`/`PUT /2/config` on a live server: behind the token as xmrig's restricted endpoints.
    @Suite struct XmrigConfigEndpointTests {
        static let json = [("Content-Type", "application/json")]

        @Test func theTokenGuardsTheConfig() async throws {
            try await LiveServers.withHTTPServer(token: nil) { _, port in
                for path in ["/1/config", "/2/config"] {
                    let reply = try await HTTPClient.send(port: port, "GET", path, headers: [("Authorization", "Bearer secret")])
                    #expect(reply.status == 403, "\(reply)")
                    #expect(try reply.json()["error"] == "control is off: start rigtop with --api-token")
                }
            }
            try await LiveServers.withHTTPServer(pools: XmrigConfigTests.pools) { _, port in
                for authorization in [[], [("Authorization", "Bearer wrong")]] {
                    let reply = try await HTTPClient.send(port: port, "GET", "/2/config", headers: authorization)
                    #expect(reply.status == 401, "\(reply)")
                    #expect(reply.header("WWW-Authenticate") == "Bearer")
                    let put = try await HTTPClient.send(port: port, "PUT", "/2/config", headers: authorization + Self.json, body: "{}")
                    #expect(put.status == 401, "\(put)")
                }
                for path in ["/1/config", "/2/config"] {
                    let reply = try await HTTPClient.send(port: port, "GET", path, headers: [("Authorization", "Bearer secret")])
                    #expect(reply.status == 200, "\(reply)")
                    #expect(try reply.json()["pools"]?.arrayValue?.count == 2)
                    #expect(try reply.json()["cpu"]?["sha256d"]?.arrayValue?.count == 1)
                    #expect(!reply.text.contains("never-shown"))
                }
                let pools = try await HTTPClient.send(port: port, "PUT", "/2/config",
                                                      headers: [("Authorization", "Bearer secret")] + Self.json,
                                                      body: #"{"pools":[{"url":"evil.example:3333"}]}"#)
                #expect(pools.status == 403, "\(pools)")
                #expect(try pools.json()["error"]?.stringValue?.contains("the pools cannot change while rigtop runs") == true)
            }
        }

        @Test func aPutChangesTheThreadCountLive() async throws {
            try await LiveServers.withHTTPServer(startRig: true) { rig, port in
                let auth = [("Authorization", "Bearer secret")]
                var document = try await HTTPClient.send(port: port, "GET", "/2/config", headers: auth).json()
                #expect(document["pools"] == [])
                var cpu = document["cpu"]?.objectValue ?? [:]
                cpu["sha256d"] = [-1, -1]
                document = .object((document.objectValue ?? [:]).merging(["cpu": .object(cpu)]) { $1 })
                let put = try await HTTPClient.send(port: port, "PUT", "/2/config", headers: auth + Self.json, body: document.serialized)
                #expect(put.status == 204, "\(put)")
                #expect(await eventually(20) { rig.requestedThreads == 2 && rig.board.current.engine.threads.count == 2 })
                let after = try await HTTPClient.send(port: port, "GET", "/2/config", headers: auth).json()
                #expect(after["cpu"]?["sha256d"]?.arrayValue?.count == 2)
            }
        }

        /// The `xmrig-api` package from PyPI, a real client written for xmrig: its constructor
        /// reads summary, backends and config; then it reads the config's fields, and posts the
        /// config back with one more thread.
        @Test(.enabled(if: PythonModule.importable("from xmrig import XMRigAPI"),
                       "the xmrig-api package is not installed (pip install xmrig-api): its test is skipped"))
        func theXmrigAPIPackageConnects() async throws {
            try await LiveServers.withHTTPServer(startRig: true) { rig, port in
                let script = """
                    import json, sys
                    from xmrig import XMRigAPI
                    api = XMRigAPI("rigtop", "127.0.0.1", int(sys.argv[1]), access_token="secret")
                    config = api.config
                    threads = config["cpu"]["sha256d"]
                    print(json.dumps({"worker": api.sum_worker_id, "restricted": api.conf_http_restricted_property,
                                      "pools": config["pools"], "threads": len(threads)}))
                    config["cpu"]["sha256d"] = threads + [-1]
                    print(json.dumps({"posted": api.post_config(config)}))
                    """
                let python = try await ChildProcess.run("/usr/bin/env", ["python3", "-c", script, "\(port)"], seconds: 60)
                #expect(python.termination == .exited(0), "\(python.stderr)")
                let lines = python.stdout.split(separator: "\n")
                let read = try JSONValue.parse(String(lines.first ?? ""))
                #expect(read["worker"] == "api-test", "\(python.stdout)")
                #expect(read["restricted"] == false)
                #expect(read["pools"] == [])
                #expect(read["threads"] == 1)
                #expect(lines.last == #"{"posted": true}"#, "\(python.stdout)\n\(python.stderr)")
                #expect(await eventually(20) { rig.requestedThreads == 2 })
            }
        }
    }
}
