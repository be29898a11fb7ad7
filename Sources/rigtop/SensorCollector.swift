import Foundation
import RigEngine
import RigSensors
import RigUI
import Synchronization

/// Samples the sensors on a thread of its own (sysfs reads block) about once a second, feeds the
/// dashboard's mailbox, and applies the thermal guard's decisions to the engine.
final class SensorCollector: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Atomic<Bool>(false)

    /// Starts the collector thread.
    /// - Parameters:
    ///   - makeSampler: creates the sampler on the collector thread (it is not `Sendable`).
    ///   - apply: receives each thermal-guard action; must not block.
    func start(interval: Double, mailbox: SnapshotMailbox, configuredThreads: Int,
               thermalGuard initialGuard: ThermalGuard,
               makeSampler: @escaping @Sendable () -> SensorSampler,
               threads: @escaping @Sendable () -> Int,
               apply: @escaping @Sendable (ThermalGuard.Action) -> Void) {
        let thread = Thread { [self] in
            CPUAffinity.nameCurrentThread("rigtop-sensors")
            let sampler = makeSampler()
            var thermalGuard = initialGuard
            while !stopRequested.load(ordering: .relaxed) {
                let sample = sampler.sample()
                let watts = DashboardModel(engine: EngineSnapshot(), sensors: sample).miningPower?.watts
                mailbox.post(sensors: sample, watts: watts)
                let action = thermalGuard.evaluate(CPUThermalReading.hottest(in: sample), threads: threads(),
                                                   configuredThreads: configuredThreads)
                if action != .none { apply(action) }
                mailbox.post(thermalGuard: thermalGuard.status)
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
}
