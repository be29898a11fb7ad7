/// One hwmon channel (`temp1`, `fan2`, `in0`...) with its value, label, thresholds and alarms, all
/// in the units of `kind.unit`.
public struct HwmonChannel: Sendable, Hashable, Encodable {
    /// The channel type as the file name spells it.
    public var kind: HwmonChannelKind
    /// The number in the file name (`temp3` is 3); numbering may have gaps (k10temp has no temp2).
    public var index: Int
    /// `_label` text, if the driver provides one.
    public var label: String?
    /// The converted value from `_input` (`_average` for power when present; the bare `pwmN`;
    /// `intrusionN_alarm`); nil with `reason` when it could not be read.
    public var value: Double?
    /// Why `value` is nil.
    public var reason: ReadingError?
    /// `min`, `max`, `crit`, `lcrit`, `emergency`, hysteresis, `cap` and `target` attributes,
    /// converted. Temperature sentinels meaning "unset" (≤ −273 °C, ≥ 65261.85 °C, i.e. 0 K and
    /// 0xFFFF K as NVMe reports) are dropped.
    public var thresholds: [String: Double]
    /// `alarm`, `*_alarm`, `beep` and `fault` flags.
    public var alarms: [String: Bool]
    /// Other numeric attributes as the file spells them (`enable`, `pulses`, `auto_point1_pwm`...);
    /// value-like ones (`input` when `average` was the value, `lowest`, `highest`) are converted.
    public var attributes: [String: Double]
    /// Attributes other than the value that could not be read, with the reason.
    public var errors: [String: ReadingError]

    /// The unit of `value` and `thresholds`.
    public var unit: SensorUnit { kind.unit }

    /// `"temp1"`, `"fan2"`.
    public var id: String { kind.rawValue + String(index) }

    /// The label, or the id when the driver gives none.
    public var displayName: String { label ?? id }

    /// The value as a temperature, for `.temp` channels.
    public var temperature: Temperature? {
        kind == .temp ? value.map { Temperature(celsius: $0) } : nil
    }

    /// The limit a temperature is judged against: `max`, else `crit`, else `emergency`.
    public var temperatureLimit: (name: String, value: Temperature)? {
        guard kind == .temp else { return nil }
        for name in ["max", "crit", "emergency"] {
            if let limit = thresholds[name] { return (name, Temperature(celsius: limit)) }
        }
        return nil
    }

    public init(kind: HwmonChannelKind, index: Int, label: String? = nil, value: Double?,
                reason: ReadingError? = nil, thresholds: [String: Double] = [:],
                alarms: [String: Bool] = [:], attributes: [String: Double] = [:],
                errors: [String: ReadingError] = [:]) {
        self.kind = kind
        self.index = index
        self.label = label
        self.value = value
        self.reason = reason
        self.thresholds = thresholds
        self.alarms = alarms
        self.attributes = attributes
        self.errors = errors
    }

    enum CodingKeys: String, CodingKey {
        case kind, index, label, value, unit, reason, thresholds, alarms, attributes, errors
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(index, forKey: .index)
        try container.encode(label, forKey: .label)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encodeIfPresent(reason, forKey: .reason)
        try container.encode(thresholds, forKey: .thresholds)
        if !alarms.isEmpty { try container.encode(alarms, forKey: .alarms) }
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
        if !errors.isEmpty { try container.encode(errors, forKey: .errors) }
    }
}
