import RigInput

/// `rigtop farm --once --json`: the snapshot as one JSON document (docs/farm.md lists the
/// fields). Rates are H/s, temperatures °C, power W, times Unix seconds; an unknown figure is
/// null, never left out, so a script sees every key.
extension FarmSnapshot {
    public var json: JSONValue {
        .object([
            "time": number(time),
            "source": .string(source),
            "rigs": .array(rigs.map(\.json)),
            "totals": .array(totals.map(\.json)),
            "alerts": .array(alerts.map(\.json)),
            "warnings": .array(warnings.map(JSONValue.string)),
        ])
    }
}

extension FarmRig {
    public var json: JSONValue {
        .object([
            "id": .string(id), "instance": .string(instance), "job": job.map(JSONValue.string) ?? .null,
            "worker": .string(worker), "state": .string(state.rawValue), "down_seconds": number(downForSeconds),
            "coin": coin.map(JSONValue.string) ?? .null, "algorithm": algorithm.map(JSONValue.string) ?? .null,
            "version": version.map(JSONValue.string) ?? .null,
            "hashrate": ["10s": number(hashrate.tenSeconds), "60s": number(hashrate.sixtySeconds),
                         "15m": number(hashrate.fifteenMinutes)],
            "history_60s": .array(history.map(number)),
            "shares": ["accepted": count(shares.accepted), "rejected": count(shares.rejected), "stale": count(shares.stale)],
            "last_share_seconds": number(lastShareAgeSeconds),
            "temperature": temperature.map { ["celsius": number($0.celsius), "limit_celsius": number($0.limitCelsius),
                                              "critical_celsius": number($0.criticalCelsius)] } ?? .null,
            "watts": number(power?.watts), "watts_measured": power.map { .bool($0.measured) } ?? .null,
            "hashes_per_watt": number(hashesPerWatt),
            "earnings": earnings.map { ["net_per_day": number($0.netPerDay), "currency": .string($0.currency)] } ?? .null,
            "threads": number(threads.map(Double.init)),
        ])
    }
}

extension CoinTotals {
    public var json: JSONValue {
        ["coin": .string(coin), "rigs": .number(Double(rigs)), "rigs_down": .number(Double(rigsDown)),
         "hashrate": number(hashrate), "watts": number(watts),
         "net_per_day": .object(netPerDay.mapValues(number))]
    }
}

extension FarmAlert {
    public var json: JSONValue {
        ["name": .string(name), "instance": instance.map(JSONValue.string) ?? .null,
         "severity": severity.map(JSONValue.string) ?? .null, "summary": .string(summary), "active_at": number(activeAt)]
    }
}

private func number(_ value: Double?) -> JSONValue {
    value.flatMap { $0.isFinite ? JSONValue.number($0) : nil } ?? .null
}

private func count(_ value: UInt64?) -> JSONValue {
    value.map { .number(Double($0)) } ?? .null
}
