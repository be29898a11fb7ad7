import Foundation
import Testing
@testable import RigSensors

/// One rule picks the CPU's chips and channels for the package temperatures, the thermal guard's
/// reading and a thread's core; one rule gives a channel's limits.
@Suite struct CPUTemperatureRuleTests {
    func chip(_ name: String, _ channels: [HwmonChannel]) -> HwmonChip {
        HwmonChip(id: name, name: name, hwmonIndex: 0, path: "sys/class/hwmon/hwmon0",
                  attributesInDevice: false, device: nil, channels: channels)
    }

    @Test("a chip named by no CPU driver but with a die channel counts for the package and the guard alike")
    func packageAndGuardAgreeOnChips() throws {
        let chips = [chip("amd_cpu", [
            HwmonChannel(kind: .temp, index: 1, label: "Tctl", value: 80),
            HwmonChannel(kind: .temp, index: 2, label: "Tdie", value: 53),
        ])]
        #expect(CPUPackageTemperature.channels(in: chips)[0]?.label == "Tdie")
        #expect(try #require(CPUThermalReading.hottest(chips: chips)).source == "amd_cpu Tdie")
        #expect(CPUPackageTemperature.channels(in: [chip("nvme", [HwmonChannel(kind: .temp, index: 1, value: 70)])]).isEmpty)
    }

    @Test("Tctl is dropped beside a readable Tdie and kept without one")
    func tctlBesideTdie() {
        let zen1 = chip("k10temp", [HwmonChannel(kind: .temp, index: 1, label: "Tctl", value: 80),
                                    HwmonChannel(kind: .temp, index: 2, label: "Tdie", value: 53)])
        #expect(CPUPackageTemperature.readings(of: zen1).map(\.channel.label) == ["Tdie"])
        let zen3 = chip("k10temp", [HwmonChannel(kind: .temp, index: 1, label: "Tctl", value: 61),
                                    HwmonChannel(kind: .temp, index: 2, label: "Tdie", value: nil)])
        #expect(CPUPackageTemperature.readings(of: zen3).map(\.channel.label) == ["Tctl"])
        #expect(CPUPackageTemperature.hottest(of: zen3)?.celsius == 61)
    }

    @Test("a thread's temperature is its coretemp core's, else the CPU temperature")
    func coreTemperature() {
        var sample = SensorSampler(root: SysfsRoot("/nonexistent-rigtop-\(UUID().uuidString)")).sample(monotonicSeconds: 1)
        #expect(sample.temperature(ofCore: 0) == nil)
        sample.chips = [chip("coretemp", [
            HwmonChannel(kind: .temp, index: 1, label: "Package id 0", value: 70),
            HwmonChannel(kind: .temp, index: 2, label: "Core 0", value: 58),
            HwmonChannel(kind: .temp, index: 3, label: "Core 1", value: nil),
        ])]
        #expect(sample.temperature(ofCore: 0)?.celsius == 58)
        #expect(sample.temperature(ofCore: 1)?.celsius == 70)
        #expect(sample.temperature(ofCore: 7)?.celsius == 70)
        #expect(sample.temperature(ofCore: nil)?.celsius == 70)
    }

    @Test("a channel's limits are its own max and crit (else emergency), else the guard's 85/95 °C")
    func channelLimits() {
        let own = HwmonChannel(kind: .temp, index: 1, value: 50, thresholds: ["max": 80, "crit": 100])
        #expect(own.temperatureLimits == ThermalGuard.Limits(limit: Temperature(celsius: 80), critical: Temperature(celsius: 100)))
        let emergency = HwmonChannel(kind: .temp, index: 1, value: 50, thresholds: ["emergency": 105])
        #expect(emergency.temperatureLimits.critical.celsius == 105)
        #expect(emergency.temperatureLimits.limit == ThermalGuard.Limits.defaultLimit)
        let none = HwmonChannel(kind: .temp, index: 1, value: 50)
        #expect(none.temperatureLimits == ThermalGuard.Limits())
        #expect(none.temperatureLimits.limit.celsius == 85 && none.temperatureLimits.critical.celsius == 95)
    }
}
