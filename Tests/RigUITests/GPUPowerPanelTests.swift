import RigEngine
@testable import RigSensors
import Testing
@testable import RigUI

/// A CPU miner on a machine with an NVIDIA GPU, as an H200 host showed it: NVML reports the GPU's
/// temperature and 79.6 W, nothing reads the CPU. The GPU is shown, but its watts are not the
/// miner's: no H/s per W from them, no electricity cost charged to mining.
@Suite struct GPUPowerPanelTests {
    /// The fixture frame with its CPU sensors replaced by `power` and one idle NVML GPU.
    static func model(power: [PowerReading], cpuChips: Bool) -> DashboardModel {
        var sample = DashboardFixtures.coolSensors
        if !cpuChips {
            sample.chips = []
            sample.cpus = []
            sample.raplZones = []
        }
        var gpu = GPUSample(id: "nvml:0", driver: "nvidia", name: "NVIDIA H200",
                            temperatures: [HwmonChannel(kind: .temp, index: 1, label: "gpu", value: 38, thresholds: ["max": 87])],
                            verdict: ThrottleVerdict())
        gpu.power = Power(watts: 79.6)
        gpu.coreClock = Frequency(megahertz: 345)
        gpu.busyPercent = 0
        sample.gpus = [gpu]
        sample.power = power + [PowerReading(source: .nvml, label: "NVIDIA H200", device: "nvml:0", domain: .gpu, watts: 79.6)]
        return DashboardFixtures.model(sensors: sample)
    }

    @Test func aGPUsWattsAreNotTheMinersPower() {
        let model = Self.model(power: [], cpuChips: false)
        #expect(model.miningPower == nil)
        #expect(model.gpuPower?.watts == 79.6 && model.gpuPower?.measured == true)
        let lines = DashboardSnapshotTests.draw(PowerPanel(), model, width: 52, height: 7).lines
        #expect(lines.contains { $0.contains("NVIDIA H200") && $0.contains("79.6 W") && $0.contains("measured") })
        #expect(lines.contains { $0.contains("mining n/a  no CPU power: set --cpu-tdp") }, "\(lines)")
        #expect(lines.contains { $0.contains("GPUs 79.6 W  not mined on") }, "\(lines)")
        #expect(!lines.joined().contains("/W"))
        // The earnings panel has no power figure to charge, so it says so.
        let earnings = DashboardSnapshotTests.draw(EarningsPanel(), model, width: 52, height: 9).lines.joined()
        #expect(earnings.contains("no CPU power · net excludes electricity"))
    }

    @Test func theCPUEstimateIsTheMiningPowerBesideAMeasuredGPU() {
        let estimate = PowerReading(source: .estimate, label: "CPU", domain: .cpu, watts: 58.5)
        let model = Self.model(power: [estimate], cpuChips: false)
        #expect(model.miningPower?.watts == 58.5 && model.miningPower?.measured == false)
        let lines = DashboardSnapshotTests.draw(PowerPanel(), model, width: 52, height: 7).lines
        // The 60 s rate, 1 198 000 H/s, over 58.5 W.
        #expect(lines.contains { $0.contains("mining 58.5 W (est.)  20.5 kH/s/W") }, "\(lines)")
        #expect(lines.contains { $0.contains("GPUs 79.6 W  not mined on") })
    }

    @Test func raplPartsAndThePlatformAreNotAddedToThePackage() {
        let readings = [
            PowerReading(source: .rapl, label: "package-0", domain: .cpu, watts: 65.4),
            PowerReading(source: .rapl, label: "core", domain: .cpuPart, watts: 48.2),
            PowerReading(source: .rapl, label: "dram", domain: .cpuPart, watts: 6.1),
            PowerReading(source: .rapl, label: "psys", domain: .platform, watts: 90.0),
        ]
        let model = Self.model(power: readings, cpuChips: true)
        #expect(model.miningPower?.watts == 65.4 && model.miningPower?.measured == true)
    }

    @Test func thermalsShowAnNVMLGPUAndSayTheGuardHasNoCPUTemperature() {
        let lines = DashboardSnapshotTests.draw(ThermalsPanel(), Self.model(power: [], cpuChips: false), width: 52, height: 8).lines
        #expect(lines[1].contains("no CPU temperature: thermal guard off"), "\(lines)")
        #expect(lines[2].contains("NVIDIA H200 nvml:0"))
        #expect(lines[3].contains("gpu") && lines[3].contains("38.0°C"))
        #expect(lines[4].contains("core 345 MHz  busy 0%"))
        #expect(!lines.joined().contains("no temperature or CPU frequency sensors"))
    }

    /// A GPU at its power cap (as the H200 was under load) gets the Thermals badge, but the
    /// header's engine state is about the CPUs the miner runs on.
    @Test func aThrottlingGPUDoesNotMarkTheMinerThrottled() {
        var model = Self.model(power: [], cpuChips: true)
        model.sensors!.gpus[0].clockEventReasons = .swPowerCap
        model.sensors!.gpus[0].verdict = .gpu(temperatures: [], nvmlReasons: .swPowerCap, policy: ThrottlePolicy())
        #expect(model.sensors!.gpus[0].verdict.isThrottling)
        #expect(DashboardSnapshotTests.draw(HeaderPanel(), model, width: 80, height: 1).lines[0].hasSuffix("● mining "))
        let thermals = DashboardSnapshotTests.draw(ThermalsPanel(), model, width: 52, height: 8).lines
        #expect(thermals[0].contains("THROTTLING") && thermals[1].contains("NVIDIA H200 sw power cap"), "\(thermals)")
        // A throttling CPU still does.
        #expect(DashboardSnapshotTests.draw(HeaderPanel(), DashboardFixtures.model(), width: 80, height: 1).lines[0].hasSuffix("throttled "))
    }

    @Test func thermalsWithCPUSensorsAndAGPUNeedNoWarning() {
        let lines = DashboardSnapshotTests.draw(ThermalsPanel(), Self.model(power: [], cpuChips: true), width: 52, height: 22).lines
        #expect(!lines.joined().contains("thermal guard off"))
        #expect(lines.contains { $0.contains("NVIDIA H200 nvml:0") })
    }
}
