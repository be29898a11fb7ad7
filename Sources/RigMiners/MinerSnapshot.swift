public import RigEngine
public import RigFarm
public import RigFigures

/// What one miner reported through its API, in rigtop's units: H/s, °C, W, seconds, RPM.
///
/// Every figure is optional: each API reports a different subset, and a figure that came in out
/// of range was dropped, not clamped. Readers build it; ``rig(id:instance:)`` and ``detail``
/// turn it into the farm's row and detail screen.
public struct MinerSnapshot: Sendable, Equatable {
    /// One hashing unit: a GPU, a CPU thread, a hash board's chain, a Whatsminer slot.
    public struct Device: Sendable, Equatable {
        public var index: Int
        public var name: String
        public var hashrate = WindowedRate()
        public var celsius: Double?
        /// The hottest chip on a hash board, where the board reports chips apart from its PCB.
        public var chipCelsius: Double?
        public var fanRPM: Int?
        public var fanPercent: Double?
        public var watts: Double?
        /// ASIC chips the board's chain answered with.
        public var chips: Int?

        public init(index: Int, name: String) {
            self.index = index
            self.name = name
        }
    }

    /// A pool the miner is configured with.
    public struct Pool: Sendable, Equatable {
        public var url: String
        /// The miner's own word: cgminer's `Status` is "Alive", xmrig's connection has an address.
        public var up: Bool?
        /// Whether the miner hashes for this pool now (cgminer's `Stratum Active`).
        public var active: Bool?
        public var pingSeconds: Double?

        public init(url: String, up: Bool? = nil, active: Bool? = nil, pingSeconds: Double? = nil) {
            self.url = url
            self.up = up
            self.active = active
            self.pingSeconds = pingSeconds
        }
    }

    /// The software that answered, e.g. "cgminer", "BOSminer", "xmrig".
    public var software: String?
    public var version: String?
    /// The worker name it mines as: the active pool's user (cgminer), `worker_id` (xmrig).
    public var worker: String?
    /// The hardware model where the API names it ("Antminer S17 Pro").
    public var model: String?
    public var algorithm: String?
    /// The miner's total rate in rigtop's windows. cgminer's 5 s window fills the 10 s slot; the
    /// 60 s slot takes the 1 m window, else the shortest one the miner has (Antminers report
    /// only 5 s, average and 30 m).
    public var hashrate = WindowedRate()
    public var accepted: UInt64?
    public var rejected: UInt64?
    public var stale: UInt64?
    public var hardwareErrors: UInt64?
    public var uptimeSeconds: Double?
    public var paused: Bool?
    public var devices: [Device] = []
    /// Named readings beside the devices' own: a Whatsminer's intake, a Braiins board sensor.
    public var temperatures: [FarmRigDetail.Reading] = []
    public var fansRPM: [Int] = []
    /// The whole miner's power, W, where the miner reports it (Whatsminer, xmrig's GPU backends).
    public var watts: Double?
    public var pools: [Pool] = []

    public init() {}

    /// The hottest temperature the miner reported anywhere, °C.
    public var hottestCelsius: Double? {
        let all = temperatures.map(\.value) + devices.flatMap { [$0.celsius, $0.chipCelsius].compactMap { $0 } }
        return all.max()
    }

    /// The pool it hashes for: the active one, else the first that is up, else the first.
    public var currentPool: Pool? {
        pools.first { $0.active == true } ?? pools.first { $0.up == true } ?? pools.first
    }

}
