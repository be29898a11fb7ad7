public import Foundation
public import RigFarm
import RigFigures
import RigInput
public import RigSchema

/// A rig's `/api/v1/state` document read into a farm row and a detail.
///
/// The document comes from the network: ``RigStateDocument`` drops each figure that is missing,
/// of the wrong type or out of range, and every string passes `OutsideText` here before a
/// terminal sees it.
extension RigStateDocument where Sensors == SensorChips {
    /// The document in `data`, or why it is not one.
    public init(reading data: Data) throws(RigStateDocumentError) {
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch let error as RigStateDocumentError {
            throw error
        } catch {
            throw RigStateDocumentError(reason: "the reply is not JSON")
        }
    }

    static func text(_ value: String?, limit: Int = 64) -> String? {
        value.flatMap { $0.isEmpty ? nil : OutsideText.escaped($0, limit: limit) }
    }

    static func rates(_ rates: StatePart.Rates?) -> WindowedRate {
        WindowedRate(tenSeconds: rates?[.tenSeconds], sixtySeconds: rates?[.sixtySeconds], fifteenMinutes: rates?[.fifteenMinutes])
    }

    /// The row for the rig at `url`.
    public func rig(id: String, instance: String) -> FarmRig {
        let signals = FarmRigSignals(
            reachable: true,
            guardStopped: thermalGuard?.phase == .stopped || engine?.state == .tooHot,
            paused: engine?.state.map { $0 == .paused || $0 == .stopped },
            poolUp: engine?.pool?.connection.map { $0 == .mining },
            throttling: throttling)
        var rig = FarmRig(id: id, instance: instance, job: nil,
                          worker: Self.text(worker) ?? instance, state: FarmRigState.classify(signals))
        rig.coin = Self.text(engine?.coin)
        rig.algorithm = Self.text(engine?.algorithm)
        rig.version = Self.text(version)
        rig.hashrate = Self.rates(engine?.hashrate)
        let shares = engine?.shares
        rig.shares = FarmShares(accepted: shares?.accepted, rejected: shares?.rejected, stale: shares?.stale)
        if let celsius = cpuTemperature?.celsius {
            rig.temperature = FarmTemperature(celsius: celsius, limitCelsius: thermalGuard?.limitCelsius,
                                              criticalCelsius: thermalGuard?.criticalCelsius)
        }
        if let mining = power?.mining, let watts = mining.watts {
            rig.power = FarmPower(watts: watts, measured: mining.measured ?? false)
        }
        if let net = earnings?.netPerDay {
            rig.earnings = FarmEarnings(netPerDay: net, currency: Self.text(earnings?.currency, limit: 8) ?? "")
        }
        rig.threads = engine?.threads?.count
        return rig
    }

    /// The detail screen's figures.
    public var detail: FarmRigDetail {
        var detail = FarmRigDetail()
        detail.threads = (engine?.threads ?? []).compactMap { thread in
            guard let index = thread.index else { return nil }
            let rates = Self.rates(thread.hashrate)
            return FarmRigDetail.Thread(index: index, tenSeconds: rates.tenSeconds, sixtySeconds: rates.sixtySeconds)
        }
        for chip in sensors?.chips ?? [] {
            let chipName = Self.text(chip.id) ?? Self.text(chip.name) ?? "?"
            for channel in chip.channels {
                if let celsius = channel.celsius {
                    detail.temperatures.append(.init(name: "\(chipName) \(Self.text(channel.label) ?? "temp")", value: celsius))
                }
            }
        }
        if let mining = power?.mining, let watts = mining.watts {
            let measured = mining.measured == true ? "measured" : "estimated"
            detail.power.append(.init(name: "mining (\(measured))", value: watts))
        }
        if let watts = power?.gpus?.watts {
            detail.power.append(.init(name: "GPUs", value: watts))
        }
        if let pool = engine?.pool, let url = Self.text(pool.url, limit: 80) {
            detail.pools = [FarmRigDetail.Pool(url: url, up: pool.connection.map { $0 == .mining },
                                               pingSeconds: pool.latencySeconds)]
        }
        detail.guardShedThreads = thermalGuard?.shedThreads
        detail.guardStopped = thermalGuard?.phase.map { $0 == .stopped }
        detail.guardActive = thermalGuard?.phase.map { $0 != .blind }
        return detail
    }
}
