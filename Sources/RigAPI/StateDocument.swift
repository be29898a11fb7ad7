import Foundation
public import RigRuntime
import RigEngine
import RigSensors

/// rigtop's own JSON (`GET /api/v1/state`): everything the dashboard shows, in one document with
/// a schema version. docs/api.md describes every field.
public enum StateDocument {
    /// Bumped when a field changes meaning or goes away; new fields do not bump it.
    public static let schema = 1

    public static func json(_ state: RigState) -> JSONValue {
        let engine = state.engine
        func number(_ value: Double?) -> JSONValue { value.flatMap { $0.isFinite ? JSONValue.number($0) : nil } ?? .null }
        func rates(_ rate: WindowedRate) -> JSONValue {
            ["10s": number(rate.tenSeconds), "60s": number(rate.sixtySeconds), "15m": number(rate.fifteenMinutes)]
        }
        var pool: JSONValue = .null
        if let status = engine.pool {
            pool = .object([
                "url": .string(status.url), "connection": .string(status.connection.rawValue),
                "difficulty": number(status.difficulty), "latency_seconds": number(status.latencySeconds),
                "last_reject_reason": status.lastRejectReason.map(JSONValue.string) ?? .null,
                "message": status.message.map(JSONValue.string) ?? .null, "failover": .bool(status.isFailover),
                "up_seconds": number(state.poolUpSince.map { engine.time - $0 }), "failures": .number(Double(state.poolFailures)),
            ])
        }
        let threads: [JSONValue] = engine.threads.map { thread in
            .object([
                "index": .number(Double(thread.index)), "core": number(thread.core.map(Double.init)),
                "pinned": .bool(thread.pinned), "idle": .bool(thread.idle), "hashes": .number(Double(thread.hashes)),
                "shares": .number(Double(thread.shares)), "hashrate": rates(thread.hashrate),
            ])
        }
        let engineObject: JSONValue = .object([
            "state": .string(engine.state.rawValue),
            "coin": engine.coin.map { .string($0.symbol) } ?? .null,
            "algorithm": .string(engine.algorithm.rawValue),
            "kernel": engine.kernel.map { .string($0.rawValue) } ?? .null,
            "work_source": .string(engine.workSource),
            "job": engine.jobID.map(JSONValue.string) ?? .null,
            "share_difficulty": number(engine.shareDifficulty),
            "notice": engine.notice.map(JSONValue.string) ?? .null,
            "randomx_mode": engine.randomXMode.map(JSONValue.string) ?? .null,
            "hashing_stalled_seconds": number(engine.hashingStalledSeconds),
            "uptime_seconds": number(engine.uptime),
            "hashrate": rates(engine.hashrate),
            "hashes": .number(Double(engine.totalHashes)),
            "shares": [
                "found": .number(Double(engine.shares.found)), "accepted": .number(Double(engine.shares.accepted)),
                "rejected": .number(Double(engine.shares.rejected)), "stale": .number(Double(engine.shares.stale)),
                "dropped": .number(Double(engine.shares.dropped)),
                "hardware_errors": .number(Double(engine.shares.hardwareErrors)),
            ],
            "threads": .array(threads),
            "pool": pool,
        ])
        var sensors: JSONValue = .null
        if let sample = state.sensors, let data = try? JSONEncoder().encode(sample),
           let decoded = try? JSONDecoder().decode(JSONValue.self, from: data) {
            sensors = decoded
        }
        func power(_ figure: PowerFigure?) -> JSONValue {
            figure.map { ["watts": number($0.watts), "measured": .bool($0.measured)] } ?? .null
        }
        var earnings: JSONValue = .null
        if let estimate = state.earnings {
            earnings = .object([
                "currency": .string(state.earningsSettings.currency),
                "hashrate": number(estimate.hashrate), "coins_per_day": number(estimate.coinsPerDay),
                "money_per_day": number(estimate.moneyPerDay), "fee_per_day": number(estimate.feeMoneyPerDay),
                "power_cost_per_day": number(estimate.powerCostPerDay), "net_per_day": number(estimate.netPerDay),
                "blocks_per_day": number(estimate.blocksPerDay), "money_per_share": number(estimate.moneyPerShare),
                "price": number(engine.coin.map { $0.priceUSD * state.earningsSettings.usdRate }),
                "market_date": engine.coin.map { .string($0.marketDate) } ?? .null,
                "market_source": engine.coin.map { .string($0.marketSource) } ?? .null,
            ])
        }
        var ledger: JSONValue = .null
        if let totals = state.ledgerTotals {
            func period(_ period: LedgerTotals.Period) -> JSONValue {
                ["accepted_shares": .number(Double(period.acceptedShares)), "value": number(period.value),
                 "kilowatt_hours": number(period.kilowattHours), "electricity_cost": number(period.electricityCost),
                 "net": number(period.net)]
            }
            ledger = ["currency": .string(totals.currency), "today": period(totals.today), "lifetime": period(totals.lifetime)]
        }
        let guardStatus = state.thermalGuard
        return .object([
            "schema": .number(Double(schema)),
            "version": .string(RigtopVersion.string),
            "worker": .string(state.worker),
            "started_at": number(state.startedAt),
            "engine": engineObject,
            "cpu_temperature": state.cpuTemperature.map { reading in
                ["celsius": number(reading.temperature.celsius), "source": .string(reading.source),
                 "max": number(reading.maximum?.celsius), "crit": number(reading.critical?.celsius)]
            } ?? .null,
            "throttling": .bool(state.cpuThrottling),
            "thermal_guard": [
                "phase": .string(guardStatus.phase.rawValue),
                "statement": guardStatus.statement.map(JSONValue.string) ?? .null,
                "limit_celsius": number(guardStatus.limitCelsius), "critical_celsius": number(guardStatus.criticalCelsius),
                "shed_threads": .number(Double(guardStatus.shedThreads)),
            ],
            "power": [
                "mining": power(state.miningPower), "gpus": power(state.gpuPower),
                "energy_joules": number(state.energyJoules), "hashes_per_watt": number(state.hashesPerWatt),
            ],
            "earnings": earnings,
            "ledger": ledger,
            "notices": .array(state.notices.map { .string($0.text) }),
            "sensors": sensors,
        ])
    }
}
