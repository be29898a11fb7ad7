/// The result of a PromQL query as Prometheus' JSON gives it (`data.resultType` and
/// `data.result`).
public enum PromQLResult: Sendable, Equatable {
    /// An instant vector: one sample per series.
    case vector([PromSample])
    /// A range vector (`query_range`): many points per series.
    case matrix([PromSeries])
    /// A scalar: one value without labels.
    case scalar(PromPoint)
    /// A string value.
    case string(String)

    /// The samples of a vector result; a scalar counts as one sample without labels, a matrix as
    /// each series' last point.
    public var samples: [PromSample] {
        switch self {
        case .vector(let samples): samples
        case .scalar(let point): [PromSample(labels: [:], point: point)]
        case .matrix(let series): series.compactMap { one in one.points.last.map { PromSample(labels: one.labels, point: $0) } }
        case .string: []
        }
    }

    /// The series of a matrix result; a vector counts as series of one point each.
    public var series: [PromSeries] {
        switch self {
        case .matrix(let series): series
        case .vector(let samples): samples.map { PromSeries(labels: $0.labels, points: [$0.point]) }
        case .scalar(let point): [PromSeries(labels: [:], points: [point])]
        case .string: []
        }
    }
}

/// One point: Unix time in seconds and a value (NaN and ±infinity are legal PromQL values).
public struct PromPoint: Sendable, Equatable {
    public var time: Double
    public var value: Double

    public init(time: Double, value: Double) {
        self.time = time
        self.value = value
    }

    /// The value when it is a finite number; NaN and infinities read as no value.
    public var finiteValue: Double? { value.isFinite ? value : nil }

    public static func == (lhs: PromPoint, rhs: PromPoint) -> Bool {
        lhs.time == rhs.time && (lhs.value == rhs.value || (lhs.value.isNaN && rhs.value.isNaN))
    }
}

/// One series' labels and its value at the query's time.
public struct PromSample: Sendable, Equatable {
    public var labels: [String: String]
    public var point: PromPoint

    public init(labels: [String: String], point: PromPoint) {
        self.labels = labels
        self.point = point
    }

    public var value: Double { point.value }
}

/// One series' labels and its points, oldest first.
public struct PromSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var points: [PromPoint]

    public init(labels: [String: String], points: [PromPoint]) {
        self.labels = labels
        self.points = points
    }
}
