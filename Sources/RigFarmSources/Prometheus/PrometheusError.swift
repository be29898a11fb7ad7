/// Why a Prometheus reply could not be used; every text in it is already escaped for a terminal.
public enum PrometheusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No reply: connection refused, timeout, DNS.
    case unreachable(String)
    /// A reply with an HTTP status other than 200 and no API error in it.
    case http(status: Int, body: String)
    /// Prometheus answered with `"status": "error"` (a bad query, a timeout in the engine).
    case api(type: String, message: String)
    /// A reply that is not the JSON Prometheus' API sends.
    case malformed(String)

    public var description: String {
        switch self {
        case .unreachable(let reason): "Prometheus unreachable: \(reason)"
        case .http(let status, let body): "Prometheus answered HTTP \(status)" + (body.isEmpty ? "" : ": \(body)")
        case .api(let type, let message): "Prometheus query error (\(type)): \(message)"
        case .malformed(let reason): "Prometheus reply not understood: \(reason)"
        }
    }
}
