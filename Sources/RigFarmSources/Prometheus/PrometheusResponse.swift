import Foundation
import RigInput

/// One reply of Prometheus' HTTP API (`/api/v1/query`, `/api/v1/query_range`, `/api/v1/alerts`)
/// decoded from its JSON envelope: `{"status": "success", "data": …}` or
/// `{"status": "error", "errorType": …, "error": …}`.
///
/// The reply comes from outside: a wrong shape is a ``PrometheusError/malformed(_:)`` naming what
/// was wrong, never a trap. Sample values are strings in Prometheus' JSON ("1.5", "NaN", "+Inf");
/// they are kept as `Double` (NaN and infinities included) and judged by whoever uses them.
public enum PrometheusResponse {
    /// The `data` member of a successful query reply, or the error Prometheus reported.
    public static func queryResult(from body: Data) throws(PrometheusError) -> PromQLResult {
        if let fast = PromQLResultScanner.scan(body) { return fast }
        return try payload(Envelope<PromQLResult>.self, from: body, what: "data")
    }

    /// The alerts of a successful `/api/v1/alerts` reply.
    public static func alerts(from body: Data) throws(PrometheusError) -> [PrometheusAlert] {
        try payload(Envelope<AlertList>.self, from: body, what: "data.alerts").alerts
    }

    /// The envelope's `data`, or the API error it carries, or why it is not an envelope.
    static func payload<T: Decodable>(_ type: Envelope<T>.Type, from body: Data, what: String) throws(PrometheusError) -> T {
        let envelope: Envelope<T>
        do {
            envelope = try JSONDecoder().decode(type, from: body)
        } catch {
            throw .malformed(Self.describe(error, body: body))
        }
        guard envelope.status == "success" else {
            throw .api(type: OutsideText.escaped(envelope.errorType ?? "unknown", limit: 40),
                       message: OutsideText.escaped(envelope.error ?? "no message", limit: 300))
        }
        guard let data = envelope.data else { throw .malformed("a successful reply without \(what)") }
        return data
    }

    static func describe(_ error: any Error, body: Data) -> String {
        if body.isEmpty { return "an empty reply" }
        let reason: String = switch error {
        case DecodingError.dataCorrupted(let context): "not JSON (\(context.debugDescription))"
        case DecodingError.keyNotFound(let key, let context): "no \(Self.path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context): "\(Self.path(context.codingPath)): \(context.debugDescription)"
        case DecodingError.valueNotFound(_, let context): "\(Self.path(context.codingPath)) is null"
        default: "\(error)"
        }
        return OutsideText.escaped(reason, limit: 300)
    }

    static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    struct Envelope<T: Decodable>: Decodable {
        var status: String
        var data: T?
        var errorType: String?
        var error: String?
    }

    struct AlertList: Decodable { var alerts: [PrometheusAlert] }
}
