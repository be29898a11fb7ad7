import ArgumentParser
import Foundation
import RigConfig
import RigEngine
import RigPools
import RigInput
import RigLedgerSQLite
import RigNode
import RigRuntime
import RigSensors

/// What to mine and where to record it: the options `rigtop` (the dashboard) and `rigtop mine`
/// share, and how they combine with the config file (an option wins over the config).
struct MiningOptions: ParsableArguments {
    @Option(name: .long, help: "The coin to mine (first): BTC, BCH, LTC, DOGE, XMR, or one the config adds (default: the config's, else BTC).")
    var coin: String?

    @Option(name: .long, help: "Mining threads, 1 to \(Rig.maximumThreads) (default: the config's, else one per core).",
            transform: NumericOption.whole(in: 1...Rig.maximumThreads))
    var threads: Int?

    @Option(name: .customLong("pool"), help: "A pool for the coin, stratum+tcp://host:port (a login in it, percent-encoded: stratum+tcp://USER:PASS@host:port); repeat for failover pools in order; or, to mine solo, a node: http://USER:PASS@HOST:PORT (getblocktemplate) or daemon+http://HOST:PORT (monerod) (default: the config's pools for the coin; none: benchmark work).")
    var pools: [String] = []

    @Option(name: .long, help: "Solo mining: the address the coinbase pays (checked by the node's validateaddress; for monerod, the wallet address).")
    var payout: String?

    @Option(name: .customLong("payout-script"), help: ArgumentHelp("Solo mining: the scriptPubKey the coinbase pays, in hex (instead of --payout).", valueName: "hex"))
    var payoutScript: String?

    @Option(name: .long, help: "Pool user (usually wallet.worker).")
    var user: String = "rigtop"

    @Option(name: .customLong("pass"), help: "Pool password (never printed or logged).")
    var password: String = "x"

    @Flag(name: .customLong("randomx-light"),
          help: "RandomX: light mode (256 MiB cache, ≈8× slower) instead of the 2 GiB dataset (default: full where memory allows).")
    var randomXLight = false

    @Option(name: .customLong("randomx-engine"),
            help: "RandomX: rigtop (its own engine, v1 and v2; the default) or librandomx (the system's, v1 only; rx/2 jobs still run on rigtop's).")
    var randomXEngine: RandomXEngine = .default

    @Option(name: .long, help: "CPU temperature (°C, 20 to 150) at which threads are shed (default: the config's, else the chip's max, else 85).",
            transform: NumericOption.number(in: temperatureRange))
    var tempLimit: Double?

    @Option(name: .long, help: "CPU temperature (°C, 20 to 150) at which mining stops (default: the config's, else the chip's crit, else 95).",
            transform: NumericOption.number(in: temperatureRange))
    var tempCritical: Double?

    @Option(name: .customLong("cpu-tdp"), help: ArgumentHelp(
        "The CPU's TDP, 1 to 2000, for the power estimate where nothing measures the CPU (default: the config's power.cpu_tdp, else no estimate).",
        valueName: "watts"),
            transform: NumericOption.number(in: tdpRange))
    var cpuTDP: Double?

    @Option(name: .long, help: "Root of the sysfs/procfs tree to read sensors from (for testing on a fixture tree).")
    var root: String = "/"

    @OptionGroup var configOptions: ConfigOptions

    @Option(name: .long, help: ArgumentHelp(
        "Record shares and per-minute rows in this ledger (default: $XDG_DATA_HOME/rigtop/ledger.sqlite).",
        valueName: "file"))
    var ledger: String?

    @Flag(name: .long, help: "Do not write the ledger.")
    var noLedger = false

    @Option(name: .long, help: ArgumentHelp(
        "Refresh prices (and difficulties where given) every 10 min from this CoinGecko-compatible API base, e.g. https://api.coingecko.com/api/v3 (default: off).",
        valueName: "url"))
    var marketUrl: String?

    /// The temperatures a limit may be set to, as the config's `[temperature]` allows. Safety
    /// cannot be switched off by a typo: NaN, inf or 1e300 is refused, not ignored.
    static let temperatureRange: ClosedRange<Double> = 20...150
    /// A CPU's TDP in watts, for the power estimate.
    static let tdpRange: ClosedRange<Double> = 1...2000

    func validate() throws {
        if let tempLimit, let tempCritical, tempCritical <= tempLimit {
            throw ValidationError("--temp-critical (\(tempCritical)) must be above --temp-limit (\(tempLimit))")
        }
        for pool in pools where !NodeURL.isNodeURL(pool) {
            do { _ = try PoolURL(parsing: pool) } catch { throw ValidationError("\(error)") }
        }
        _ = try soloNode()
    }

    /// The options over the config: the coin to start with, its pools (nil: benchmark work), the
    /// thread count and the kernels. Throws before anything starts when the coin is unknown.
    func resolve(_ config: RigtopConfig) throws -> (coin: Coin, pools: PoolSettings?, threads: Int, kernels: KernelChoice) {
        let symbol = coin ?? config.defaultCoin ?? "BTC"
        guard let coin = config.coin(named: symbol) else {
            throw ValidationError("unknown coin \(symbol); known: \(config.coins.map(\.symbol).joined(separator: ", "))")
        }
        let urls = try pools.filter { !NodeURL.isNodeURL($0) }.map { try PoolURL(parsing: $0) }
        let settings = urls.isEmpty ? config.pools(for: coin) : PoolSettings(urls: urls, user: user, password: password)
        var kernels = KernelChoice.fastest()
        if randomXLight {
            for (algorithm, kernel) in kernels.kernels {
                if let version = algorithm.randomXVersion, kernel.randomXMode != nil {
                    kernels.kernels[algorithm] = .randomX(version, mode: .light)
                }
            }
        }
        kernels.randomXEngine = randomXEngine
        return (coin, settings, threads ?? config.threads ?? WorkerPool.defaultThreadCount, kernels)
    }

    /// The rig these options describe over `config`, logging to `log`.
    func rigSetup(_ config: RigtopConfig, sensorInterval: Double = 1,
                  log: @escaping @Sendable (String) -> Void) throws -> RigSetup {
        let (coin, settings, threads, kernels) = try resolve(config)
        guard threads <= Rig.maximumThreads else {
            throw ValidationError("--threads must be at most \(Rig.maximumThreads), got \(threads)")
        }
        var setup = RigSetup(
            coin: coin, coins: config.coins,
            pools: { $0.symbol == coin.symbol ? settings : config.pools(for: $0) },
            threads: threads, kernels: kernels, thermalGuard: thermalGuard(config),
            makeSampler: samplerFactory(config), sensorInterval: sensorInterval,
            ledgerPath: ledger, ledgerDisabled: noLedger,
            openLedger: { path in try Ledger(path: path ?? Ledger.defaultPath(environment: ProcessInfo.processInfo.environment)) },
            earnings: config.earnings, marketURL: marketUrl,
            worker: Self.workerName(user: settings?.primaryUser), log: log)
        // Solo nodes: `--pool` for the coin mined first, the config's pool lists for every coin.
        var solo = config.solo
        if let node = try soloNode() {
            solo[coin.symbol] = node
        } else if !pools.isEmpty {
            solo[coin.symbol] = nil  // `--pool stratum+tcp://…` wins over a node in the config
        }
        for (symbol, node) in solo {
            guard let soloCoin = config.coin(named: symbol) else { continue }
            _ = try SoloWork.source(node: node, coin: soloCoin, log: log)  // refuses a node of the wrong kind now
        }
        let nodes = solo
        setup.soloWork = { coin in nodes[coin.symbol].flatMap { try? SoloWork.source(node: $0, coin: coin, log: log) } }
        return setup
    }

    /// The node given with `--pool` for solo mining, and what its coinbase pays; nil without one.
    func soloNode() throws -> SoloSettings? {
        let nodes = pools.filter(NodeURL.isNodeURL)
        guard let first = nodes.first else { return nil }
        guard nodes.count == 1, nodes.count == pools.count else {
            throw ValidationError("solo mining takes one node (--pool http://… or daemon+http://…) and no pools beside it")
        }
        let url: NodeURL
        do { url = try NodeURL(parsing: first) } catch { throw ValidationError("\(error)") }
        if let payoutScript {
            guard payout == nil else { throw ValidationError("give --payout or --payout-script, not both") }
            guard let script = HexCoding.bytes(payoutScript), !script.isEmpty, script.count <= 10_000 else {
                throw ValidationError("--payout-script must be the scriptPubKey in hex")
            }
            return SoloSettings(node: url, payout: .script(script))
        }
        if let payout, !payout.isEmpty { return SoloSettings(node: url, payout: .address(payout)) }
        if url.kind == .moneroDaemon, user != "rigtop" { return SoloSettings(node: url, payout: .address(user)) }
        throw ValidationError("solo mining needs --payout ADDRESS (or --payout-script HEX): where the block reward goes")
    }

    /// The worker name a rig reports: the part after the last `.` of a `wallet.worker` pool user,
    /// else the host name (as xmrig's `worker_id`).
    static func workerName(user: String?) -> String {
        if let user, let dot = user.lastIndex(of: "."), user.index(after: dot) < user.endIndex {
            return String(user[user.index(after: dot)...])
        }
        return ProcessInfo.processInfo.hostName
    }

    /// The thermal guard with the limits from the options, else the config, else the chip's own.
    func thermalGuard(_ config: RigtopConfig) -> ThermalGuard {
        ThermalGuard(limit: (tempLimit ?? config.temperatureLimit).map { Temperature(celsius: $0) },
                     critical: (tempCritical ?? config.temperatureCritical).map { Temperature(celsius: $0) })
    }

    /// Makes the sensor sampler (on the collector's thread) over `--root`, with the TDP
    /// (`--cpu-tdp`, else the config's) for the power estimate.
    func samplerFactory(_ config: RigtopConfig) -> @Sendable () -> SensorSampler {
        let (root, tdp) = (root, cpuTDP ?? config.cpuTDPWatts)
        return {
            SensorSampler(root: SysfsRoot(root), configuration: SensorConfiguration(
                powerModel: PowerEstimate(cpuTDP: tdp.map { Power(watts: $0) })))
        }
    }
}
