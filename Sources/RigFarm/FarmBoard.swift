import Synchronization

/// The latest farm reading and rig detail, between the task that queries the source and the
/// terminal thread that draws: the terminal thread never awaits, it reads the board when its
/// generation moves (the dashboard's `RigStateBoard` pattern).
public final class FarmBoard: Sendable {
    /// What the board holds; one value so that a reader sees a consistent pair.
    public struct Contents: Sendable, Equatable {
        public var reading = FarmReading()
        /// The rig whose detail the view wants (its id), nil on the list.
        public var detailWanted: FarmRig?
        /// The detail last read, for `detailRig`.
        public var detail: FarmRigDetail?
        public var detailRig: String?
        public var detailError: String?
        /// Bumped on every change a reader should draw.
        public var generation: UInt64 = 0
        /// Bumped when the view asks for something new (a detail), so the refresher wakes early.
        public var requests: UInt64 = 0

        public init() {}
    }

    private let contents = Mutex(Contents())

    public init() {}

    public var current: Contents { contents.withLock { $0 } }
    public var generation: UInt64 { contents.withLock { $0.generation } }

    /// Asks for `rig`'s detail (nil: back to the list); the refresher reads it at once.
    public func want(detail rig: FarmRig?) {
        contents.withLock { state in
            state.detailWanted = rig
            if rig?.id != state.detailRig {
                state.detail = nil
                state.detailError = nil
                state.detailRig = rig?.id
            }
            state.requests &+= 1
            state.generation &+= 1
        }
    }

    func publish(_ reading: FarmReading) {
        contents.withLock { state in
            state.reading = reading
            state.generation &+= 1
        }
    }

    func publish(detail: Result<FarmRigDetail, any Error>, for rig: FarmRig) {
        contents.withLock { state in
            guard state.detailWanted?.id == rig.id else { return }
            switch detail {
            case .success(let value):
                state.detail = value
                state.detailError = nil
            case .failure(let error):
                state.detailError = "\(error)"
            }
            state.detailRig = rig.id
            state.generation &+= 1
        }
    }

    /// Reads `source` every `interval` until cancelled, and a wanted detail with each reading
    /// (and at once when the view asks for one). `now` is the wall clock, Unix seconds.
    public func refresh(from source: any FarmSource, every interval: Duration,
                        now: @escaping @Sendable () -> Double) async {
        var reading = FarmReading()
        while !Task.isCancelled {
            let result: Result<FarmSnapshot, any Error>
            do { result = .success(try await source.snapshot()) } catch { result = .failure(error) }
            reading = reading.after(result, at: now())
            publish(reading)
            var handled = contents.withLock { $0.requests } &- 1
            let deadline = ContinuousClock.now + interval
            while !Task.isCancelled {
                let (requests, wanted) = contents.withLock { ($0.requests, $0.detailWanted) }
                if requests != handled {
                    handled = requests
                    if let wanted {
                        let detail: Result<FarmRigDetail, any Error>
                        do { detail = .success(try await source.detail(of: wanted)) } catch { detail = .failure(error) }
                        publish(detail: detail, for: wanted)
                    }
                }
                if ContinuousClock.now >= deadline { break }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }
}
