/// The bounds on one read of a miner: a deadline for all of it, s, and a cap on each answer, bytes.
struct MinerReadLimits: Sendable {
    var deadlineSeconds: Double
    var maximumBytes: Int

    /// A socket for the next request to `endpoint`, given what is left of the deadline since
    /// `started`; nil when less than 50 ms is left, too little for a round trip.
    func socket(to endpoint: MinerEndpoint, since started: ContinuousClock.Instant) -> MinerSocket? {
        let elapsed = ContinuousClock.now - started
        let left = deadlineSeconds - Double(elapsed.components.seconds) - Double(elapsed.components.attoseconds) / 1e18
        guard left > 0.05 else { return nil }
        return MinerSocket(host: endpoint.host, port: endpoint.port, deadlineSeconds: left, maximumBytes: maximumBytes)
    }
}
