import RigInput

extension PromQLResult: Decodable {
    enum CodingKeys: String, CodingKey { case resultType, result }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .resultType)
        switch type {
        case "vector": self = .vector(try container.decode([PromSample].self, forKey: .result))
        case "matrix": self = .matrix(try container.decode([PromSeries].self, forKey: .result))
        case "scalar": self = .scalar(try container.decode(PromPoint.self, forKey: .result))
        case "string":
            var pair = try container.nestedUnkeyedContainer(forKey: .result)
            _ = try pair.decode(Double.self)
            self = .string(try pair.decode(String.self))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .resultType, in: container,
                debugDescription: "unknown result type \(OutsideText.escaped(type, limit: 40))")
        }
    }
}

extension PromPoint: Decodable {
    /// `[1712345678.123, "42.5"]`: the time as a JSON number, the value as a string so that NaN
    /// and infinities survive JSON ("NaN", "+Inf", "-Inf").
    public init(from decoder: any Decoder) throws {
        var pair = try decoder.unkeyedContainer()
        let time = try pair.decode(Double.self)
        let text = try pair.decode(String.self)
        guard time.isFinite else {
            throw DecodingError.dataCorruptedError(in: pair, debugDescription: "a point's time is not finite")
        }
        guard let value = Self.value(text) else {
            throw DecodingError.dataCorruptedError(
                in: pair, debugDescription: "a sample value \(OutsideText.escaped(text, limit: 40)) is not a number")
        }
        self.init(time: time, value: value)
    }

    /// Prometheus' spellings of sample values: Go's `strconv.FormatFloat` output plus "NaN",
    /// "+Inf" and "-Inf". Long text is refused before it is parsed.
    static func value(_ text: String) -> Double? {
        guard text.utf8.count <= 64 else { return nil }
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default: return Double(text)
        }
    }
}

extension PromSample: Decodable {
    enum CodingKeys: String, CodingKey { case metric, value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(labels: try container.decodeIfPresent([String: String].self, forKey: .metric) ?? [:],
                  point: try container.decode(PromPoint.self, forKey: .value))
    }
}

extension PromSeries: Decodable {
    enum CodingKeys: String, CodingKey { case metric, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(labels: try container.decodeIfPresent([String: String].self, forKey: .metric) ?? [:],
                  points: try container.decodeIfPresent([PromPoint].self, forKey: .values) ?? [])
    }
}
