import Testing
@testable import RigSensors

@Suite("SensorSampler rates")
struct SensorSamplerTests {
    /// A tree whose counters the test advances between samples.
    func tree(energyMicrojoules: Int64, raplMicrojoules: Int64, stat: String, coreThrottles: Int) -> TemporaryTree {
        let tree = TemporaryTree()
        update(tree, energyMicrojoules: energyMicrojoules, raplMicrojoules: raplMicrojoules, stat: stat, coreThrottles: coreThrottles)
        tree.write("sys/class/hwmon/hwmon0/name", "xe\n")
        tree.write("sys/class/hwmon/hwmon0/energy1_label", "card\n")
        tree.write("sys/class/powercap/intel-rapl:0/name", "package-0\n")
        tree.write("sys/class/powercap/intel-rapl:0/max_energy_range_uj", "262143328850\n")
        tree.write("sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq", "800000\n")
        tree.write("sys/devices/system/cpu/cpu0/cpufreq/base_frequency", "3000000\n")
        tree.write("sys/devices/system/cpu/cpu0/thermal_throttle/package_throttle_count", "7\n")
        return tree
    }

    func update(_ tree: TemporaryTree, energyMicrojoules: Int64, raplMicrojoules: Int64, stat: String, coreThrottles: Int) {
        tree.write("sys/class/hwmon/hwmon0/energy1_input", "\(energyMicrojoules)\n")
        tree.write("sys/class/powercap/intel-rapl:0/energy_uj", "\(raplMicrojoules)\n")
        tree.write("proc/stat", stat)
        tree.write("sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count", "\(coreThrottles)\n")
    }

    @Test func firstSamplePendingThenRates() throws {
        let tree = tree(energyMicrojoules: 1_000_000, raplMicrojoules: 262143000000,
                        stat: "cpu  100 0 100 800 0 0 0 0 0 0\ncpu0 100 0 100 800 0 0 0 0 0 0\n", coreThrottles: 3)
        let sampler = SensorSampler(root: tree.root, loadNVML: false)
        let first = sampler.sample(monotonicSeconds: 10)
        #expect(first.power.allSatisfy { $0.watts == nil && $0.reason == .needsTwoSamples })
        #expect(first.cpus.first?.utilisationReason == .needsTwoSamples)
        #expect(first.cpus.first?.verdict.isThrottling == false)

        // 2 s later: card +50 J, RAPL wrapped (range 262143.32885 J) by 0.32885 + 99.67115 = 100 J,
        // cpu0 busy 950 of 1000 ticks at 800 MHz against 3000 MHz base, core throttles +2.
        update(tree, energyMicrojoules: 51_000_000, raplMicrojoules: 99_671_150,
               stat: "cpu  575 0 575 850 0 0 0 0 0 0\ncpu0 575 0 575 850 0 0 0 0 0 0\n", coreThrottles: 5)
        let second = sampler.sample(monotonicSeconds: 12)
        let rapl = try #require(second.power.first { $0.source == .rapl })
        #expect(abs(try #require(rapl.watts) - 50) < 1e-6)
        #expect(second.power.first { $0.source == .hwmonEnergy }?.watts == 25)
        #expect(second.gpus.first?.power?.watts == 25)
        let cpu = try #require(second.cpus.first)
        #expect(cpu.utilisation == 0.95)
        #expect(cpu.coreThrottleDelta == 2)
        #expect(cpu.packageThrottleDelta == 0)
        #expect(cpu.verdict.reasons == [
            .counterRose(counter: "core", by: 2),
            .lowFrequencyUnderLoad(current: Frequency(megahertz: 800), reference: Frequency(megahertz: 3000), utilisation: 0.95),
        ])
        #expect(second.cpuUtilisation == 0.95)
    }

    @Test func energyCounter() {
        #expect(EnergyCounter.power(from: Energy(joules: 10), to: Energy(joules: 30), seconds: 2) == .success(Power(watts: 10)))
        #expect(EnergyCounter.power(from: Energy(joules: 90), to: Energy(joules: 10), seconds: 2, range: Energy(joules: 100)) == .success(Power(watts: 10)))
        #expect(EnergyCounter.power(from: Energy(joules: 90), to: Energy(joules: 10), seconds: 2) == .failure(.counterReset))
    }

    @Test func estimateWhenNothingMeasures() throws {
        let tree = TemporaryTree()
        tree.write("proc/stat", "cpu  0 0 0 100 0 0 0 0 0 0\n")
        let sampler = SensorSampler(root: tree.root,
                                    configuration: SensorConfiguration(powerModel: PowerEstimate(cpuTDP: Power(watts: 100))),
                                    loadNVML: false)
        #expect(sampler.sample(monotonicSeconds: 0).power.first?.reason == .needsTwoSamples)
        tree.write("proc/stat", "cpu  50 0 0 150 0 0 0 0 0 0\n")
        let reading = try #require(sampler.sample(monotonicSeconds: 1).power.first)
        #expect(reading.source == .estimate && !reading.measured)
        #expect(reading.watts == 55) // 10 W idle + 0.5 · 90 W
    }

    /// Each power figure says what it covers, so the dashboard adds only CPU packages into the
    /// mining power: RAPL package vs its parts and psys, zenpower's rails, amd_energy's socket vs
    /// cores, an amdgpu board, a PSU.
    @Test func powerDomains() throws {
        let tree = TemporaryTree()
        for (zone, name) in [("intel-rapl:0", "package-0"), ("intel-rapl:0:0", "core"), ("intel-rapl:0:1", "dram"),
                             ("intel-rapl:1", "psys")] {
            tree.write("sys/class/powercap/\(zone)/name", name)
            tree.write("sys/class/powercap/\(zone)/energy_uj", "1000000")
        }
        let chips: [(String, [String: String])] = [
            ("zenpower", ["power1_input": "40000000", "power1_label": "SVI2_P_Core", "power2_input": "9000000", "power2_label": "SVI2_P_SoC"]),
            ("amd_energy", ["energy1_input": "5000000", "energy1_label": "Ecore000", "energy2_input": "9000000", "energy2_label": "Esocket0"]),
            ("amdgpu", ["power1_average": "120000000"]),
            ("corsairpsu", ["power1_input": "310000000", "power1_label": "power total"]),
        ]
        for (index, (name, files)) in chips.enumerated() {
            tree.write("sys/class/hwmon/hwmon\(index)/name", name)
            for (file, value) in files { tree.write("sys/class/hwmon/hwmon\(index)/\(file)", value) }
        }
        tree.write("proc/stat", "cpu  0 0 0 100 0 0 0 0 0 0\n")
        let sampler = SensorSampler(root: tree.root,
                                    configuration: SensorConfiguration(powerModel: PowerEstimate(cpuTDP: Power(watts: 100))),
                                    loadNVML: false)
        let power = sampler.sample(monotonicSeconds: 0).power
        func domain(_ label: String) -> PowerDomain? { power.first { $0.label == label }?.domain }
        #expect(domain("package-0") == .cpu)
        #expect(domain("core") == .cpuPart && domain("dram") == .cpuPart)
        #expect(domain("psys") == .platform)
        #expect(domain("zenpower SVI2_P_Core") == .cpu && domain("zenpower SVI2_P_SoC") == .cpu)
        #expect(domain("amd_energy Esocket0") == .cpu && domain("amd_energy Ecore000") == .cpuPart)
        #expect(domain("amdgpu power1") == .gpu, "\(power.map(\.label))")
        #expect(domain("corsairpsu power total") == .other)
        // Measured CPU packages: no estimate, even on the first sample (no watts yet).
        #expect(!power.contains { $0.source == .estimate })
    }

    /// A GPU's measured power is no CPU measurement: with a TDP configured, the CPU is estimated.
    @Test func aMeasuredGPUDoesNotStopTheCPUEstimate() throws {
        let tree = TemporaryTree()
        tree.write("sys/class/hwmon/hwmon0/name", "amdgpu")
        tree.write("sys/class/hwmon/hwmon0/power1_average", "120000000")
        // RAPL present but root-only: not a measurement.
        tree.write("sys/class/powercap/intel-rapl:0/name", "package-0")
        tree.write("proc/stat", "cpu  0 0 0 100 0 0 0 0 0 0\n")
        let sampler = SensorSampler(root: tree.root,
                                    configuration: SensorConfiguration(powerModel: PowerEstimate(cpuTDP: Power(watts: 100))),
                                    loadNVML: false)
        _ = sampler.sample(monotonicSeconds: 0)
        tree.write("proc/stat", "cpu  50 0 0 150 0 0 0 0 0 0\n")
        let power = sampler.sample(monotonicSeconds: 1).power
        let estimate = try #require(power.first { $0.source == .estimate })
        #expect(estimate.domain == .cpu && estimate.watts == 55)
    }

    @Test func nvmlAbsentIsEmpty() {
        let reader = NVMLReader(libraryName: "libdoes-not-exist-nvml.so.1")
        #expect(!reader.isAvailable)
        #expect(reader.read().isEmpty)
    }
}
