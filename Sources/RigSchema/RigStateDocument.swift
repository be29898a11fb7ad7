/// rigtop's own JSON (`GET /api/v1/state`): everything the dashboard shows, in one document with
/// a schema version. The API encodes it, the farm's direct mode decodes it; docs/api.md
/// describes every field.
///
/// `Sensors` is the sensor sample's part: the API writes the whole sample (RigSensors'
/// `SensorSample`, which only encodes), a reader decodes what it needs of it (``SensorChips``),
/// so this target does not depend on the sensors.
///
/// Encoding writes every field, `null` where a value is missing or not finite. Decoding is for
/// documents from the network: a figure that is missing, of the wrong type or outside its
/// ``FigureRange`` reads as nil, text is returned as sent (escape it before showing it), and only
/// a document that is not a JSON object or not of schema ``currentSchema`` is refused, with a
/// ``RigStateDocumentError``.
public struct RigStateDocument<Sensors: Sendable>: Sendable {
    /// The schema this build writes and reads. Bumped when a field changes meaning or goes
    /// away; new fields do not bump it.
    public static var currentSchema: Int { 1 }

    /// The document's schema version.
    public var schema: Int = currentSchema
    /// rigtop's version, e.g. `0.5.0`.
    public var version: String?
    public var worker: String?
    /// Unix time the rig started, seconds.
    public var startedAt: Double?
    public var engine: StatePart.Engine?
    public var cpuTemperature: StatePart.CPUTemperature?
    public var throttling: Bool?
    public var thermalGuard: StatePart.ThermalGuard?
    public var power: StatePart.Power?
    public var earnings: StatePart.Earnings?
    public var ledger: StatePart.Ledger?
    /// What the user should know, one line each.
    public var notices: [String] = []
    public var sensors: Sensors?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case schema, version, worker, startedAt = "started_at", engine, cpuTemperature = "cpu_temperature", throttling
        case thermalGuard = "thermal_guard", power, earnings, ledger, notices, sensors
    }
}

extension RigStateDocument: Decodable where Sensors: Decodable {
    public init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: CodingKeys.self) else {
            throw RigStateDocumentError(reason: "the state document is not a JSON object")
        }
        guard container.whole(.schema, in: Self.currentSchema...Self.currentSchema) != nil else {
            throw RigStateDocumentError(reason: "not a rigtop state document of schema \(Self.currentSchema)")
        }
        version = container.text(.version)
        worker = container.text(.worker)
        startedAt = container.figure(.startedAt, in: FigureRange.seconds)
        engine = container.part(.engine)
        cpuTemperature = container.part(.cpuTemperature)
        throttling = container.flag(.throttling)
        thermalGuard = container.part(.thermalGuard)
        power = container.part(.power)
        earnings = container.part(.earnings)
        ledger = container.part(.ledger)
        notices = container.list(.notices) ?? []
        sensors = container.part(.sensors)
    }
}

extension RigStateDocument: Encodable where Sensors: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(version, forKey: .version)
        try container.encode(worker, forKey: .worker)
        try container.encodeFigure(startedAt, forKey: .startedAt)
        try container.encode(engine, forKey: .engine)
        try container.encode(cpuTemperature, forKey: .cpuTemperature)
        try container.encode(throttling, forKey: .throttling)
        try container.encode(thermalGuard, forKey: .thermalGuard)
        try container.encode(power, forKey: .power)
        try container.encode(earnings, forKey: .earnings)
        try container.encode(ledger, forKey: .ledger)
        try container.encode(notices, forKey: .notices)
        try container.encode(sensors, forKey: .sensors)
    }
}

extension RigStateDocument: Equatable where Sensors: Equatable {}
