import RigTestSupport
import Testing
@testable import RigSensors

@Suite("Other readers on node_exporter and procfs", .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct FixtureReadersTests {
    @Test func raplNodeExporter() {
        let zones = RaplReader(root: FixtureTree.root("node_exporter")).read()
        #expect(zones.map(\.id) == ["intel-rapl:0", "intel-rapl:0:0"])
        #expect(zones.map(\.name) == ["package-0", "core"])
        #expect(zones.map(\.index) == [0, 0])
        #expect(zones[0].energy?.joules == 240422.366267)
        #expect(zones[1].energy?.joules == 118821.284256)
        #expect(zones[0].maxEnergyRange?.joules == 262143.32885)
        #expect(zones[1].enabled == false)
        #expect(zones[0].constraints.first?.name == "long_term")
        #expect(zones[0].constraints.first?.powerLimit?.watts == 4090)
        #expect(zones[0].constraints.first?.maxPower?.watts == 95)
    }

    @Test func raplProcfs() {
        let zones = RaplReader(root: FixtureTree.root("procfs")).read()
        #expect(zones.count == 3)
        #expect(zones[0].energy == Energy(microjoules: 240422366267))
        #expect(zones.first { $0.name == "package-10" }?.index == 10)
    }

    @Test func cpufreqNodeExporter() {
        let cpus = CpufreqReader(root: FixtureTree.root("node_exporter")).read()
        #expect(cpus.map(\.cpu) == [0, 1, 2, 3])
        #expect(cpus.map { $0.current?.megahertz } == [1699.981, 1699.981, 8, 8])
        #expect(cpus.map { $0.scalingMax?.megahertz } == [3700, 3700, 4200, 4200])
        #expect(cpus.map { $0.scalingMin?.megahertz } == [800, 800, 1, 1])
        #expect(cpus.allSatisfy { $0.governor == "powersave" && $0.driver == "intel_pstate" && $0.hardwareMax == nil })
    }

    @Test func cpufreqProcfs() throws {
        let reader = CpufreqReader(root: FixtureTree.root("procfs"))
        let cpu0 = try #require(reader.read(cpu: 0))
        #expect(cpu0.current?.megahertz == 1219.917)
        #expect(cpu0.hardwareMin?.megahertz == 800)
        #expect(cpu0.hardwareMax?.megahertz == 2400)
        let cpu1 = try #require(reader.read(cpu: 1))
        // No scaling_cur_freq: falls back to cpuinfo_cur_freq (0400 in the original capture).
        #expect(cpu1.current?.megahertz == 1200.195)
        #expect(cpu1.hardwareMax?.megahertz == 3300)
        #expect(reader.read(cpu: 2) == nil)
    }

    @Test func throttleCountersNodeExporter() {
        let root = FixtureTree.root("node_exporter")
        let counters = (0...3).map { ThrottleCounters.read(root: root, cpu: $0) }
        #expect(counters.map(\.coreCount) == [5, 0, 0, 9])
        #expect(counters.map(\.packageCount) == [30, 30, 6, 6])
        #expect(counters.map(\.package) == [0, 0, 1, 1])
        #expect(counters.map(\.core) == [0, 1, 0, 1])
        #expect(counters.allSatisfy { $0.coreTotalTimeMilliseconds == nil })
        let procfs = FixtureTree.root("procfs")
        #expect(ThrottleCounters.read(root: procfs, cpu: 0).coreCount == 10084)
        #expect(ThrottleCounters.read(root: procfs, cpu: 1).packageCount == 34818)
    }

    @Test func procStatAndCPUInfo() throws {
        let root = FixtureTree.root("node_exporter")
        let stat = try ProcStat.read(root: root).get()
        #expect(stat.perCPU.count == 8)
        #expect(stat.total?.user == 301854)
        #expect(stat.perCPU[0] == CPUTimes(user: 44490, nice: 19, system: 21045, idle: 1087069, iowait: 220, irq: 1, softirq: 3410, steal: 0))
        let info = try CPUInfo.read(root: root).get()
        #expect(info.modelName == "Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz")
        #expect(info.processorCount == 8)
        #expect(info.megahertz[0] == 799.998)
        #expect(info.megahertz[5] == 800.083)
    }

    @Test func thermalNodeExporter() {
        let reader = ThermalZoneReader(root: FixtureTree.root("node_exporter"))
        let zones = reader.zones()
        #expect(zones.count == 1)
        #expect(zones.first?.type == "cpu-thermal")
        #expect(zones.first?.temperature?.celsius == 12.376)
        #expect(zones.first?.policy == "step_wise")
        #expect(zones.first?.tripPoints.isEmpty == true)
        #expect(reader.coolingDevices().map(\.type) == ["Processor"])
        #expect(reader.coolingDevices().first?.maxState == 3)
    }

    @Test func thermalProcfs() {
        let reader = ThermalZoneReader(root: FixtureTree.root("procfs"))
        let zones = reader.zones()
        #expect(zones.map(\.type) == ["bcm2835_thermal", "acpitz"])
        #expect(zones.map { $0.temperature?.celsius } == [49.925, -44])
        #expect(zones[1].mode == "enabled")
        let devices = reader.coolingDevices()
        #expect(devices.map(\.type) == ["Processor", "TFN1", "intel_powerclamp"])
        #expect(devices[1].currentState == nil)
        #expect(devices[1].reason == .missing)
        #expect(devices[2].currentState == -1)
        #expect(devices[2].maxState == 27)
    }
}

@Suite("hwmon and GPUs on telegraf, LACT and barista", .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct GPUAndRyzenFixtureTests {
    @Test func telegrafWithName() throws {
        let chips = HwmonReader(root: FixtureTree.root("telegraf-ryzen-nvme")).read()
        #expect(chips.map(\.name) == ["nvme", "nvme", "k10temp"])
        #expect(chips.map { $0.device?.name } == ["nvme0", "nvme1", "0000:00:18.3"])
        #expect(chips.allSatisfy { $0.device?.path == nil && $0.device?.reason != nil })
        #expect(chips.reduce(0) { $0 + $1.channels.count } == 8)
        let composite = try #require(chips[0].channel(.temp, labelled: "Composite"))
        #expect(composite.value == 32.85)
        #expect(composite.thresholds == ["max": 81.85, "crit": 84.85])
        #expect(chips[1].channels.map(\.value) == [35.85, 35.85, 37.85])
        #expect(chips[2].channels.map(\.id) == ["temp1", "temp3"])
        #expect(chips[2].channels.map(\.value) == [31.875, 30.75])
        let packages = CPUPackageTemperature.channels(in: chips)
        #expect(packages[0]?.label == "Tctl")
        #expect(packages[0]?.value == 31.875)
        // k10temp states no limit: the policy default applies.
        let hot = HwmonChannel(kind: .temp, index: 1, label: "Tctl", value: 96)
        #expect(ThrottleVerdict.cpu(counterDeltas: (nil, nil), packageTemperature: hot, frequency: nil,
                                    utilisation: nil, policy: ThrottlePolicy()).reasons
                == [.temperatureAtLimit(sensor: "Tctl", temperature: Temperature(celsius: 96),
                                        limit: Temperature(celsius: 95), limitName: "default")])
    }

    @Test func telegrafGeneral() {
        let chips = HwmonReader(root: FixtureTree.root("telegraf-ryzen-nvme-general")).read()
        #expect(chips.map(\.name) == ["nvme", "k10temp"])
        #expect(chips.reduce(0) { $0 + $1.channels.count } == 5)
        #expect(chips[0].channels.map(\.value) == [35.85, 35.85, 38.85])
        #expect(chips[1].channels.map(\.value) == [33.25, 33.25])
        #expect(chips.allSatisfy { $0.device == nil })
    }

    @Test func barista() {
        let chips = HwmonReader(root: FixtureTree.root("issue-barista-247")).read()
        #expect(chips.reduce(0) { $0 + $1.channels.count } == 7)
        #expect(CPUPackageTemperature.channels(in: chips)[0]?.label == "Tdie")
        #expect(CPUPackageTemperature.channels(in: chips)[0]?.value == 43.875)
        let gpu = AmdgpuCard(root: FixtureTree.root("issue-barista-247")).gpus(from: chips, policy: ThrottlePolicy())
        #expect(gpu.first?.temperatures.map(\.label) == ["edge", "junction", "mem"])
        #expect(gpu.first?.temperatures.map(\.value) == [40, 40, 42])
    }

    func gpu(_ fixture: String) throws -> (HwmonChip, GPUSample) {
        let root = FixtureTree.root("lact-amdgpu/" + fixture)
        let chips = HwmonReader(root: root).read()
        #expect(chips.count == 1)
        let chip = try #require(chips.first)
        let gpu = try #require(AmdgpuCard(root: root).gpus(from: chips, policy: ThrottlePolicy()).first)
        return (chip, gpu)
    }

    @Test func rx580() throws {
        let (chip, gpu) = try gpu("rx580")
        #expect(chip.channels.count == 7)
        #expect(gpu.id == "0000:09:00.0")
        #expect(gpu.name == "card0")
        #expect(gpu.temperature("edge")?.celsius == 44)
        #expect(gpu.temperatures.first?.thresholds == ["crit": 94])
        #expect(gpu.power?.watts == 41.045)
        #expect(gpu.powerCap?.watts == 155)
        #expect(gpu.fanRPM == 595)
        #expect(chip.channel(.pwm, 1)?.value == 35)
        #expect(chip.channel(.pwm, 1)?.attributes["enable"] == 1)
        #expect(chip.channel(.in, 0)?.value == 0.975)
        #expect(gpu.coreClock?.megahertz == 798.08)
        #expect(gpu.memoryClock?.megahertz == 1750)
        #expect(gpu.busyPercent == 11)
        #expect(!gpu.verdict.isThrottling)
    }

    @Test func rx7900xtx() throws {
        let (chip, gpu) = try gpu("rx7900xtx")
        #expect(chip.name == "amdgpu")
        #expect(chip.channels.count == 9)
        #expect(gpu.temperatures.map(\.value) == [53, 61, 68])
        #expect(gpu.temperatures.map(\.thresholds) == [["crit": 100, "emergency": 105], ["crit": 110, "emergency": 115], ["crit": 108, "emergency": 113]])
        #expect(gpu.hottest?.label == "mem")
        #expect(gpu.power?.watts == 68)
        #expect(gpu.fanRPM == 0)
        #expect(chip.channel(.pwm, 1)?.attributes["enable"] == 2)
        #expect(chip.channel(.in, 0)?.value == 0.686)
        #expect(gpu.coreClock?.megahertz == 31)
        #expect(gpu.memoryClock?.megahertz == 1249)
    }

    @Test func phoenix() throws {
        let (chip, gpu) = try gpu("phoenix")
        #expect(chip.channels.count == 5)
        #expect(gpu.temperature("edge")?.celsius == 25)
        #expect(gpu.temperatures.first?.thresholds == [:])
        #expect(gpu.power?.watts == 3.103)
        #expect(chip.channel(.power, 1)?.attributes["input"] == 3.142)
        #expect(chip.channel(.in, labelled: "vddnb")?.value == 0.615)
        #expect(gpu.fanRPM == nil && gpu.memoryClock == nil)
        #expect(gpu.coreClock?.megahertz == 800)
    }

    @Test func intelB580() throws {
        let (chip, gpu) = try gpu("intel-b580")
        #expect(chip.name == "xe")
        #expect(chip.channels.count == 24)
        #expect(chip.channel(.temp, 1) == nil)
        #expect(gpu.temperature("pkg")?.celsius == 54)
        #expect(chip.channel(.temp, labelled: "pkg")?.thresholds == ["max": 60, "crit": 100, "emergency": 125])
        #expect(gpu.temperatures.filter { ($0.label ?? "").hasPrefix("vram_ch_") }.map(\.value)
                == [52, 54, 54, 54, 52, 52, 54, 54, 54, 56, 54, 54])
        #expect(chip.channel(.energy, labelled: "card")?.value == 11031.745544)
        #expect(gpu.power == nil && gpu.powerReason == .needsTwoSamples)
        #expect(chip.channels.filter { $0.kind == .fan }.map(\.value) == [1116, 1235, 0])
    }
}
