/// One rig in detail: per-thread rates, every temperature and power figure, the pool and the
/// thermal guard, for the farm view's detail screen.
public struct FarmRigDetail: Sendable, Equatable {
    public struct Thread: Sendable, Equatable {
        public var index: Int
        public var tenSeconds: Double?
        public var sixtySeconds: Double?

        public init(index: Int, tenSeconds: Double?, sixtySeconds: Double?) {
            self.index = index
            self.tenSeconds = tenSeconds
            self.sixtySeconds = sixtySeconds
        }
    }

    /// A named reading: a temperature sensor (°C) or a power figure (W).
    public struct Reading: Sendable, Equatable {
        public var name: String
        public var value: Double

        public init(name: String, value: Double) {
            self.name = name
            self.value = value
        }
    }

    public struct Pool: Sendable, Equatable {
        public var url: String
        public var up: Bool?
        public var pingSeconds: Double?

        public init(url: String, up: Bool?, pingSeconds: Double?) {
            self.url = url
            self.up = up
            self.pingSeconds = pingSeconds
        }
    }

    public var threads: [Thread] = []
    public var temperatures: [Reading] = []
    public var power: [Reading] = []
    public var pools: [Pool] = []
    /// The thermal guard: threads it took away, whether it stopped hashing, whether it can act.
    public var guardShedThreads: Int?
    public var guardStopped: Bool?
    public var guardActive: Bool?

    public init() {}
}
