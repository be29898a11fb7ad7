extension StatePart {
    /// The CPU temperature the thermal guard judges.
    public struct CPUTemperature: Codable, Sendable, Equatable {
        public var celsius: Double?
        /// The sensor it came from, e.g. `k10temp Tctl`.
        public var source: String?
        /// The sensor's own limits, °C.
        public var max: Double?
        public var crit: Double?

        public init() {}

        enum CodingKeys: String, CodingKey { case celsius, source, max, crit }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            celsius = container.figure(.celsius, in: FigureRange.celsius)
            source = container.text(.source)
            max = container.figure(.max, in: FigureRange.celsius)
            crit = container.figure(.crit, in: FigureRange.celsius)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeFigure(celsius, forKey: .celsius)
            try container.encode(source, forKey: .source)
            try container.encodeFigure(max, forKey: .max)
            try container.encodeFigure(crit, forKey: .crit)
        }
    }

    /// The thermal guard: its phase, limits and the threads it has taken away.
    public struct ThermalGuard: Codable, Sendable, Equatable {
        public var phase: GuardPhase?
        /// One line for a person, nil when all is well.
        public var statement: String?
        /// Threads are shed at `limitCelsius`; hashing stops at `criticalCelsius`.
        public var limitCelsius: Double?
        public var criticalCelsius: Double?
        public var shedThreads: Int?

        public init() {}

        enum CodingKeys: String, CodingKey {
            case phase, statement, limitCelsius = "limit_celsius", criticalCelsius = "critical_celsius"
            case shedThreads = "shed_threads"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            phase = container.part(.phase)
            statement = container.text(.statement)
            limitCelsius = container.figure(.limitCelsius, in: FigureRange.celsius)
            criticalCelsius = container.figure(.criticalCelsius, in: FigureRange.celsius)
            shedThreads = container.whole(.shedThreads, in: FigureRange.index)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(phase, forKey: .phase)
            try container.encode(statement, forKey: .statement)
            try container.encodeFigure(limitCelsius, forKey: .limitCelsius)
            try container.encodeFigure(criticalCelsius, forKey: .criticalCelsius)
            try container.encode(shedThreads, forKey: .shedThreads)
        }
    }

    /// Where the thermal guard stands.
    public enum GuardPhase: String, Codable, Sendable, CaseIterable {
        case normal, shedding, recovering
        /// Hashing stopped at the critical temperature.
        case stopped
        /// No CPU temperature can be read: the guard cannot act.
        case blind
    }
}
