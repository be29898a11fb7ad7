import Foundation
import RigFigures
import RigInput
public import RigRuntime
public import RigSchema
public import RigSensors
import RigEngine

/// rigtop's own JSON (`GET /api/v1/state`), built from the rig's state: a ``RigStateDocument``
/// carrying the whole sensor sample. docs/api.md describes every field.
public enum StateDocument {
    /// The document as this rig serves it.
    public typealias Served = RigStateDocument<SensorSample>

    public static let schema = Served.currentSchema

    /// The document's JSON text: keys sorted, as a diff or a test wants them.
    public static func data(_ state: RigState) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var document = Served(state)
        if let data = try? encoder.encode(document) { return data }
        // A sensor sample holding a non-finite reading does not encode (JSON has no NaN): the
        // rest of the document still does, since every figure of its own is written finite or null.
        document.sensors = nil
        return (try? encoder.encode(document)) ?? Data()
    }

    /// The document as a JSON value.
    public static func json(_ state: RigState) -> JSONValue {
        (try? JSONDecoder().decode(JSONValue.self, from: data(state))) ?? .null
    }
}

extension RigStateDocument where Sensors == SensorSample {
    /// The document for `state`.
    public init(_ state: RigState) {
        self.init()
        version = RigtopVersion.string
        worker = state.worker
        startedAt = state.startedAt
        engine = StatePart.Engine(state)
        cpuTemperature = state.cpuTemperature.map { reading in
            var temperature = StatePart.CPUTemperature()
            temperature.celsius = reading.temperature.celsius
            temperature.source = reading.source
            temperature.max = reading.maximum?.celsius
            temperature.crit = reading.critical?.celsius
            return temperature
        }
        throttling = state.cpuThrottling
        thermalGuard = StatePart.ThermalGuard(state.thermalGuard)
        var power = StatePart.Power()
        power.mining = state.miningPower.map { StatePart.PowerFigure(watts: $0.watts, measured: $0.measured) }
        power.gpus = state.gpuPower.map { StatePart.PowerFigure(watts: $0.watts, measured: $0.measured) }
        power.energyJoules = state.energyJoules
        power.hashesPerWatt = state.hashesPerWatt
        self.power = power
        earnings = state.earnings.map { StatePart.Earnings($0, state: state) }
        ledger = state.ledgerTotals.map(StatePart.Ledger.init)
        notices = state.notices.map(\.text)
        sensors = state.sensors
    }
}

extension StatePart.Engine {
    init(_ state: RigState) {
        let engine = state.engine
        self.init()
        self.state = StatePart.EngineState(engine.state)
        coin = engine.coin?.symbol
        algorithm = engine.algorithm.rawValue
        kernel = engine.kernel?.rawValue
        workSource = engine.workSource
        job = engine.jobID
        shareDifficulty = engine.shareDifficulty
        notice = engine.notice
        randomXMode = engine.randomXMode
        hashingStalledSeconds = engine.hashingStalledSeconds
        uptimeSeconds = engine.uptime
        hashrate = StatePart.Rates(engine.hashrate)
        hashes = engine.totalHashes
        var shares = StatePart.Shares()
        shares.found = engine.shares.found
        shares.accepted = engine.shares.accepted
        shares.rejected = engine.shares.rejected
        shares.stale = engine.shares.stale
        shares.dropped = engine.shares.dropped
        shares.hardwareErrors = engine.shares.hardwareErrors
        self.shares = shares
        threads = engine.threads.map { snapshot in
            var thread = StatePart.Thread()
            thread.index = snapshot.index
            thread.core = snapshot.core
            thread.pinned = snapshot.pinned
            thread.idle = snapshot.idle
            thread.hashes = snapshot.hashes
            thread.shares = snapshot.shares
            thread.hashrate = StatePart.Rates(snapshot.hashrate)
            return thread
        }
        pool = engine.pool.map { StatePart.Pool($0, state: state) }
    }
}

extension StatePart.Pool {
    init(_ status: PoolStatus, state: RigState) {
        self.init()
        url = status.url
        connection = StatePart.PoolConnection(status.connection)
        difficulty = status.difficulty
        latencySeconds = status.latencySeconds
        lastRejectReason = status.lastRejectReason
        message = status.message
        failover = status.isFailover
        upSeconds = state.poolUpSince.map { state.engine.time - $0 }
        failures = UInt64(clamping: state.poolFailures)
    }
}

extension StatePart.Rates {
    init(_ rate: WindowedRate) {
        self.init()
        self[.tenSeconds] = rate.tenSeconds
        self[.sixtySeconds] = rate.sixtySeconds
        self[.fifteenMinutes] = rate.fifteenMinutes
    }
}

extension StatePart.EngineState {
    init(_ state: EngineSnapshot.State) {
        self = switch state {
        case .starting: .starting
        case .mining: .mining
        case .paused: .paused
        case .waitingForWork: .waitingForWork
        case .stopped: .stopped
        case .tooHot: .tooHot
        }
    }
}

extension StatePart.PoolConnection {
    init(_ connection: PoolStatus.Connection) {
        self = switch connection {
        case .connecting: .connecting
        case .connected: .connected
        case .mining: .mining
        case .disconnected: .disconnected
        }
    }
}

extension StatePart.ThermalGuard {
    init(_ status: ThermalGuardStatus) {
        self.init()
        phase = switch status.phase {
        case .normal: .normal
        case .shedding: .shedding
        case .recovering: .recovering
        case .stopped: .stopped
        case .blind: .blind
        }
        statement = status.statement
        limitCelsius = status.limitCelsius
        criticalCelsius = status.criticalCelsius
        shedThreads = status.shedThreads
    }
}

extension StatePart.Earnings {
    init(_ estimate: EarningsEstimate, state: RigState) {
        self.init()
        let coin = state.engine.coin
        currency = state.earningsSettings.currency
        hashrate = estimate.hashrate
        coinsPerDay = estimate.coinsPerDay
        moneyPerDay = estimate.moneyPerDay
        feePerDay = estimate.feeMoneyPerDay
        powerCostPerDay = estimate.powerCostPerDay
        netPerDay = estimate.netPerDay
        blocksPerDay = estimate.blocksPerDay
        moneyPerShare = estimate.moneyPerShare
        price = estimate.price
        marketDate = coin?.marketDate
        marketSource = coin?.marketSource
    }
}

extension StatePart.Ledger {
    init(_ totals: LedgerTotals) {
        self.init()
        currency = totals.currency
        today = StatePart.LedgerPeriod(totals.today)
        lifetime = StatePart.LedgerPeriod(totals.lifetime)
    }
}

extension StatePart.LedgerPeriod {
    init(_ period: LedgerTotals.Period) {
        self.init()
        acceptedShares = UInt64(clamping: period.acceptedShares)
        value = period.value
        kilowattHours = period.kilowattHours
        electricityCost = period.electricityCost
        net = period.net
    }
}
