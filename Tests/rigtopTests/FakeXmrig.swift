import Foundation
import RigTestSupport
import Synchronization

/// xmrig's HTTP API on 127.0.0.1, as xmrig's docs/API.md describes it and xmrig 6.26.0 answered
/// on this project's build machine (the capture in Tests/RigMinersTests/Captures.swift, cut to
/// the fields readers use and given a steady rate): `GET /2/summary`, `GET /2/backends` with two
/// CPU threads, and `POST /json_rpc` `pause` / `resume`, all behind a bearer token (401 without
/// it, as xmrig answers).
final class FakeXmrig: Sendable {
    let token: String
    private let listener: LoopbackListener
    private let state = Mutex<(paused: Bool, methods: [String])>((false, []))

    var port: Int { listener.port }
    /// The JSON-RPC methods received, in order.
    var methods: [String] { state.withLock { $0.methods } }

    init(token: String) throws {
        self.token = token
        let box = Mutex<FakeXmrig?>(nil)
        listener = try LoopbackListener { client in
            guard let request = LoopbackListener.readHTTPRequest(client), let fake = box.withLock({ $0 }) else { return }
            let (status, body) = fake.answer(head: request.head, body: request.body)
            LoopbackListener.writeHTTP(client, status: status, json: body)
        }
        box.withLock { $0 = self }
    }

    func stop() { listener.stop() }

    private func answer(head: String, body: String) -> (Int, String) {
        let lines = head.split(separator: "\r\n")
        let requestLine = lines.first.map(String.init) ?? ""
        guard lines.contains(where: { $0.lowercased() == "authorization: bearer \(token.lowercased())" }) else {
            return (401, #"{"status":401,"error":"Unauthorized"}"#)
        }
        if requestLine.hasPrefix("POST /json_rpc ") {
            let method = ["pause", "resume"].first { body.contains("\"method\":\"\($0)\"") }
            guard let method else { return (200, #"{"id":1,"jsonrpc":"2.0","error":{"code":-32601,"message":"Method not found"}}"#) }
            state.withLock {
                $0.methods.append(method)
                $0.paused = method == "pause"
            }
            return (200, #"{"id":1,"jsonrpc":"2.0","result":{"status":"OK"}}"#)
        }
        let paused = state.withLock { $0.paused }
        // A paused xmrig's windows fall to 0 as they empty; this one's at once.
        let rate = paused ? "[0.0, 0.0, null]" : "[1234.5, 1200.25, null]"
        let thread = paused ? "[0.0, 0.0, null]" : "[617.25, 600.125, null]"
        if requestLine.hasPrefix("GET /2/summary ") {
            return (200, """
                {"id":"2e3dfb9adc51ee4e","worker_id":"fake","uptime":754,"restricted":false,
                 "results":{"diff_current":480045,"shares_good":17,"shares_total":18,"hashes_total":905000},
                 "algo":"rx/0","connection":{"pool":"pool.example:3333","ip":"192.0.2.7","uptime":750,"ping":38,
                 "failures":0,"algo":"rx/0","accepted":17,"rejected":1},
                 "version":"6.26.0","kind":"miner","paused":\(paused),
                 "hashrate":{"total":\(rate),"highest":1300.0}}
                """)
        }
        if requestLine.hasPrefix("GET /2/backends ") {
            return (200, """
                [{"type":"cpu","enabled":true,"algo":"rx/0","hashrate":\(rate),
                  "threads":[{"intensity":1,"affinity":0,"hashrate":\(thread)},{"intensity":1,"affinity":1,"hashrate":\(thread)}]}]
                """)
        }
        return (404, #"{"status":404}"#)
    }
}
