/// What a reader takes of a state document's `sensors`: the hwmon chips and their channels.
///
/// The API writes the whole sensor sample there (RigSensors' `SensorSample` encoding: cpus,
/// gpus, power, zones and more); this is the part of that encoding the schema promises, so a
/// farm can list every temperature without depending on the sensors.
public struct SensorChips: Codable, Sendable, Equatable {
    public var chips: [Chip] = []

    public init(chips: [Chip] = []) {
        self.chips = chips
    }

    enum CodingKeys: String, CodingKey { case chips }

    public init(from decoder: any Decoder) throws {
        chips = try decoder.container(keyedBy: CodingKeys.self).list(.chips) ?? []
    }

    /// One hwmon chip.
    public struct Chip: Codable, Sendable, Equatable {
        /// Stable across boots, e.g. `k10temp-pci-00c3`.
        public var id: String?
        /// The driver's name, e.g. `k10temp`.
        public var name: String?
        public var channels: [Channel] = []

        public init(id: String? = nil, name: String? = nil, channels: [Channel] = []) {
            self.id = id
            self.name = name
            self.channels = channels
        }

        enum CodingKeys: String, CodingKey { case id, name, channels = "sensors" }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = container.text(.id)
            name = container.text(.name)
            channels = container.list(.channels) ?? []
        }
    }

    /// One channel of a chip: a temperature, a fan, a voltage…
    public struct Channel: Codable, Sendable, Equatable {
        /// hwmon's channel type (`temp`, `fan`, `in`, `power`…).
        public var kind: String?
        public var label: String?
        /// Converted from hwmon's units: °C for `temp`, RPM for `fan`, volts, watts.
        public var value: Double?

        /// hwmon's `kind` for a temperature channel.
        public static let temperatureKind = "temp"

        public init(kind: String? = nil, label: String? = nil, value: Double? = nil) {
            self.kind = kind
            self.label = label
            self.value = value
        }

        enum CodingKeys: String, CodingKey { case kind, label, value }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = container.text(.kind)
            label = container.text(.label)
            value = container.figure(.value, in: FigureRange.sensorValue)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(label, forKey: .label)
            try container.encodeFigure(value, forKey: .value)
        }

        /// The channel's temperature, °C, when it is a temperature channel with a plausible value.
        public var celsius: Double? {
            guard kind == Self.temperatureKind, let value, FigureRange.celsius.contains(value) else { return nil }
            return value
        }
    }
}
