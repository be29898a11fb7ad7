/// One alert Prometheus reports firing, as the alerts panel shows it.
public struct FarmAlert: Sendable, Equatable {
    public var name: String
    public var instance: String?
    public var severity: String?
    /// The rule's summary annotation, else its description.
    public var summary: String
    /// When the condition began, Unix seconds.
    public var activeAt: Double?

    public init(name: String, instance: String?, severity: String?, summary: String, activeAt: Double?) {
        self.name = name
        self.instance = instance
        self.severity = severity
        self.summary = summary
        self.activeAt = activeAt
    }
}
