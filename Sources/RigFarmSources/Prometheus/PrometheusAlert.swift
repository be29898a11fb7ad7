import RigInput

/// One alert as `/api/v1/alerts` lists it.
public struct PrometheusAlert: Sendable, Equatable {
    public var labels: [String: String]
    public var annotations: [String: String]
    /// `firing` or `pending` (or `inactive` in newer versions).
    public var state: String
    /// When the alert's condition began to hold, Unix seconds; nil when absent or unreadable.
    public var activeAt: Double?
    public var value: Double?

    public init(labels: [String: String], annotations: [String: String], state: String, activeAt: Double?, value: Double?) {
        self.labels = labels
        self.annotations = annotations
        self.state = state
        self.activeAt = activeAt
        self.value = value
    }
}

extension PrometheusAlert: Decodable {
    enum CodingKeys: String, CodingKey { case labels, annotations, state, activeAt, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let activeAt = try container.decodeIfPresent(String.self, forKey: .activeAt)
        let value = try container.decodeIfPresent(String.self, forKey: .value)
        self.init(
            labels: try container.decodeIfPresent([String: String].self, forKey: .labels) ?? [:],
            annotations: try container.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:],
            state: try container.decode(String.self, forKey: .state),
            activeAt: activeAt.flatMap(RFC3339Time.seconds),
            value: value.flatMap(PromPoint.value))
    }
}
