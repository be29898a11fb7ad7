import Foundation
import RigInput

/// Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`, `/api/v1/alerts`) as far as the
/// farm reads it.
public struct PrometheusClient: Sendable {
    /// The server's base URL without a trailing slash, e.g. `http://127.0.0.1:9090`.
    public let baseURL: String
    public var http: FarmHTTP
    /// Sent with every request (a bearer token for a Prometheus behind a proxy).
    public var headers: [(String, String)]

    public init(baseURL: String, headers: [(String, String)] = [], http: FarmHTTP = FarmHTTP()) {
        self.headers = headers
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.http = http
    }

    /// An instant query evaluated at `time` (Unix seconds), or now.
    public func query(_ promQL: String, at time: Double? = nil) async throws(PrometheusError) -> PromQLResult {
        var url = "\(baseURL)/api/v1/query?query=\(FarmHTTP.queryEncoded(promQL))"
        if let time { url += "&time=\(Self.format(time))" }
        return try PrometheusResponse.queryResult(from: try await body(url))
    }

    /// A range query from `start` to `end` (Unix seconds) every `step` seconds.
    public func queryRange(_ promQL: String, start: Double, end: Double, step: Double) async throws(PrometheusError) -> PromQLResult {
        let url = "\(baseURL)/api/v1/query_range?query=\(FarmHTTP.queryEncoded(promQL))"
            + "&start=\(Self.format(start))&end=\(Self.format(end))&step=\(Self.format(step))"
        return try PrometheusResponse.queryResult(from: try await body(url))
    }

    /// Every alert Prometheus' rules hold (pending and firing).
    public func alerts() async throws(PrometheusError) -> [PrometheusAlert] {
        try PrometheusResponse.alerts(from: try await body("\(baseURL)/api/v1/alerts"))
    }

    /// The body of a reply Prometheus' API would send: 200, or 400/422/503 with an API error in
    /// JSON (bad query, execution error, server not ready), which the decoder turns into the
    /// error it says.
    func body(_ url: String) async throws(PrometheusError) -> Data {
        let reply: FarmHTTP.Reply
        do {
            reply = try await http.get(url, headers: headers)
        } catch {
            throw .unreachable(error.reason)
        }
        guard reply.status == 200 || [400, 422, 503].contains(reply.status) else {
            let text = String(decoding: reply.body.prefix(200), as: UTF8.self)
            throw .http(status: reply.status, body: OutsideText.escaped(text, limit: 200))
        }
        if reply.status != 200, (try? PrometheusResponse.queryResult(from: reply.body)) != nil {
            throw .http(status: reply.status, body: "")
        }
        return reply.body
    }

    /// Seconds with millisecond precision, as Prometheus' `time` parameters take them.
    static func format(_ seconds: Double) -> String {
        let milliseconds: Int64 = UntrustedNumber.clamped(seconds * 1000, to: 0...Int64(1) << 50)
        let fraction = String(milliseconds % 1000)
        return "\(milliseconds / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
