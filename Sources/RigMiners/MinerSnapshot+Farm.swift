public import RigFarm

/// A miner's figures as the farm draws them: one row beside the rigtop rigs, and a detail with
/// one line per device (GPU, thread or hash board).
extension MinerSnapshot {
    /// The row for the miner at `id`. A miner has no thermal guard, so its state comes from
    /// what its API says: paused (xmrig, T-Rex), pool down (pools with a state, none up), else
    /// mining.
    public func rig(id: String, instance: String) -> FarmRig {
        // A pool whose API says nothing of its state (cpuminer-opt, lolMiner, T-Rex, GMiner)
        // is no evidence of a pool down.
        let poolStates = pools.compactMap(\.up)
        let signals = FarmRigSignals(reachable: true, paused: paused,
                                     poolUp: poolStates.isEmpty ? nil : poolStates.contains(true))
        var rig = FarmRig(id: id, instance: instance, job: software, worker: worker ?? model ?? instance,
                          state: FarmRigState.classify(signals))
        rig.algorithm = algorithm
        rig.version = [software, version].compactMap { $0 }.joined(separator: " ")
        if rig.version?.isEmpty == true { rig.version = nil }
        rig.hashrate = hashrate
        rig.shares = FarmShares(accepted: accepted, rejected: rejected, stale: stale)
        rig.temperature = hottestCelsius.map { FarmTemperature(celsius: $0) }
        rig.power = watts.map { FarmPower(watts: $0, measured: true) }
        rig.threads = devices.isEmpty ? nil : devices.count
        return rig
    }

    /// The detail screen: per-device rates, every temperature, power, pools.
    public var detail: FarmRigDetail {
        var detail = FarmRigDetail()
        detail.threads = devices.map {
            FarmRigDetail.Thread(index: $0.index, tenSeconds: $0.hashrate.tenSeconds, sixtySeconds: $0.hashrate.current)
        }
        detail.temperatures = temperatures
        for device in devices {
            if let celsius = device.celsius { detail.temperatures.append(.init(name: device.name, value: celsius)) }
            if let celsius = device.chipCelsius { detail.temperatures.append(.init(name: "\(device.name) chips", value: celsius)) }
            if let watts = device.watts { detail.power.append(.init(name: device.name, value: watts)) }
        }
        if let watts { detail.power.insert(.init(name: "miner (reported)", value: watts), at: 0) }
        detail.pools = pools.map { FarmRigDetail.Pool(url: $0.url, up: $0.up, pingSeconds: $0.pingSeconds) }
        return detail
    }
}
