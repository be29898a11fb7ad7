import Foundation
import RigEngine
public import RigSensors
import Synchronization

/// Samples the sensors on a thread of its own (sysfs reads block) about once a second, posts each
/// sample to the rig's state, and runs the thermal guard on it.
final class SensorCollector: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    /// Starts the collector thread.
    /// - Parameters:
    ///   - thermalGuard: the guard to run on each sample; nil where rigtop runs no miner it could
    ///     slow down (a watched miner), so the guard's status stays "cannot act".
    ///   - makeSampler: creates the sampler on the collector thread (it is not `Sendable`).
    ///   - threads: the mining threads running now.
    ///   - ceiling: the thread count the user asked for: the guard never restores past it.
    ///   - apply: receives each thermal-guard action with the reading it judged; must not block.
    func start(interval: Double, board: RigStateBoard, thermalGuard initialGuard: ThermalGuard?,
               makeSampler: @escaping @Sendable () -> SensorSampler,
               threads: @escaping @Sendable () -> Int, ceiling: @escaping @Sendable () -> Int,
               apply: @escaping @Sendable (ThermalGuard.Action, CPUThermalReading?) -> Void) {
        let thread = Thread { [self] in
            CPUAffinity.nameCurrentThread("rigtop-sensors")
            let sampler = makeSampler()
            var thermalGuard = initialGuard
            var meter = EnergyMeter()
            while !stopRequested.load(ordering: .relaxed) {
                let sample = sampler.sample()
                meter.add(sample)
                board.post(sensors: sample, meter: meter)
                if var judge = thermalGuard {
                    let reading = sample.cpuThermalReading
                    let (running, wanted) = (threads(), ceiling())
                    let action = judge.evaluate(reading, threads: running, configuredThreads: wanted)
                    if action != .none { apply(action, reading) }
                    board.post(thermalGuard: Self.status(of: judge, reading: reading, threads: running, ceiling: wanted))
                    thermalGuard = judge
                }
                var slept = 0.0
                while slept < interval && !stopRequested.load(ordering: .relaxed) {
                    usleep(50_000)
                    slept += 0.05
                }
            }
            finished.store(true, ordering: .releasing)
        }
        thread.name = "rigtop-sensors"
        thread.start()
    }

    func stop() async {
        stopRequested.store(true, ordering: .relaxed)
        while !finished.load(ordering: .acquiring) { try? await Task.sleep(nanoseconds: 10_000_000) }
    }

    static func status(of thermalGuard: ThermalGuard, reading: CPUThermalReading?, threads: Int,
                       ceiling: Int) -> ThermalGuardStatus {
        var status = ThermalGuardStatus()
        switch thermalGuard.state {
        case .normal: status.phase = reading == nil ? .blind : .normal
        case .shedding: status.phase = .shedding
        case .recovering: status.phase = .recovering
        case .stopped: status.phase = .stopped
        }
        status.statement = thermalGuard.status
        if reading != nil {
            let limits = ThermalGuard.Limits(configuredLimit: thermalGuard.configuredLimit,
                                             configuredCritical: thermalGuard.configuredCritical, reading: reading)
            status.limitCelsius = min(limits.limit.celsius, limits.critical.celsius)
            status.criticalCelsius = limits.critical.celsius
        }
        if status.phase == .shedding || status.phase == .recovering { status.shedThreads = max(0, ceiling - threads) }
        return status
    }
}
