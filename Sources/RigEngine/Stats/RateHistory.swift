/// A bounded history of rates, one per sample (≈1 s), oldest first: what graphs draw.
public struct RateHistory: Sendable, Equatable {
    public private(set) var values: [Double] = []
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = capacity
        values.reserveCapacity(capacity)
    }

    public mutating func append(_ value: Double) {
        if values.count == capacity { values.removeFirst() }
        values.append(value)
    }
}
