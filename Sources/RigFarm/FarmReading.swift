/// What a front end shows: the last good snapshot, how old it is, and why the latest refresh
/// failed if it did. A failed refresh never takes the rows away.
public struct FarmReading: Sendable, Equatable {
    /// The last snapshot that could be read; nil until one could.
    public var snapshot: FarmSnapshot?
    /// When `snapshot` was read (wall clock, Unix seconds).
    public var readAt: Double?
    /// Why the latest refresh failed; nil when it worked.
    public var error: String?
    /// When the latest refresh finished.
    public var attemptedAt: Double?

    public init(snapshot: FarmSnapshot? = nil, readAt: Double? = nil, error: String? = nil, attemptedAt: Double? = nil) {
        self.snapshot = snapshot
        self.readAt = readAt
        self.error = error
        self.attemptedAt = attemptedAt
    }

    /// Seconds since the shown data was read.
    public func ageSeconds(now: Double) -> Double? {
        readAt.map { max(0, now - $0) }
    }

    /// This reading after one refresh: the new snapshot, or the old one with the failure's reason.
    public func after(_ result: Result<FarmSnapshot, any Error>, at time: Double) -> FarmReading {
        switch result {
        case .success(let snapshot):
            FarmReading(snapshot: snapshot, readAt: time, error: nil, attemptedAt: time)
        case .failure(let error):
            FarmReading(snapshot: snapshot, readAt: readAt, error: "\(error)", attemptedAt: time)
        }
    }
}
