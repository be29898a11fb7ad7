import RigTestSupport
import Testing
@testable import RigSensors

@Suite("ThermalGuard")
struct ThermalGuardTests {
    /// L = 85 °C, C = 95 °C: shed at ≥ 85, shed down to ≤ 80, resume/restore at ≤ 75.
    let limits = ThermalGuard.Limits(limit: Temperature(celsius: 85), critical: Temperature(celsius: 95))

    func step(_ thermal: inout ThermalGuard, _ celsius: Double?, threads: Int, configured: Int = 8) -> ThermalGuard.Action {
        thermal.evaluate(temperature: celsius.map { Temperature(celsius: $0) }, limits: limits,
                         threads: threads, configuredThreads: configured)
    }

    @Test("below the limit nothing happens")
    func normal() {
        var thermal = ThermalGuard()
        for celsius in [40.0, 70, 84.9] {
            #expect(step(&thermal, celsius, threads: 8) == .none)
        }
        #expect(thermal.state == .normal)
        #expect(thermal.status == nil)
    }

    @Test("at the limit one thread is shed per sample until 5 °C below")
    func shed() {
        var thermal = ThermalGuard()
        #expect(step(&thermal, 85, threads: 8) == .shedThread)
        #expect(thermal.state == .shedding)
        #expect(thermal.status == "hot: CPU 85.0 °C ≥ limit 85 °C, shedding threads (7 of 8)")
        #expect(step(&thermal, 86, threads: 7) == .shedThread)
        // Under the limit but not yet 5 °C under: keep shedding.
        #expect(step(&thermal, 82.5, threads: 6) == .shedThread)
        #expect(thermal.status == "hot: CPU 82.5 °C, cooling to 80 °C, shedding threads (5 of 8)")
        // 5 °C below: hold.
        #expect(step(&thermal, 80, threads: 5) == .none)
        #expect(thermal.state == .recovering(coolSamples: 0))
        #expect(thermal.status == "cooling: CPU 80.0 °C, 5 of 8 threads")
        // In the hold band, rising again short of the limit changes nothing.
        #expect(step(&thermal, 84, threads: 5) == .none)
        // Back at the limit: shed again.
        #expect(step(&thermal, 85.5, threads: 5) == .shedThread)
    }

    @Test("shedding never goes below one thread")
    func floor() {
        var thermal = ThermalGuard(state: .shedding)
        #expect(step(&thermal, 90, threads: 2) == .shedThread)
        #expect(step(&thermal, 91, threads: 1) == .none)
        #expect(thermal.state == .shedding)
        #expect(thermal.status == "hot: CPU 91.0 °C ≥ limit 85 °C, at one thread (stops at 95 °C)")
    }

    @Test("at critical hashing stops within one sample, from any state", arguments: [
        ThermalGuard.State.normal, .shedding, .recovering(coolSamples: 2),
    ])
    func stop(from state: ThermalGuard.State) {
        var thermal = ThermalGuard(state: state)
        let reason = "stopped: CPU 96.0 °C ≥ critical 95 °C"
        #expect(step(&thermal, 96, threads: 8) == .stop(reason: reason))
        #expect(thermal.state == .stopped)
        #expect(thermal.status == reason)
        // Still over critical: already stopped, nothing more to do.
        #expect(step(&thermal, 97, threads: 8) == .none)
    }

    @Test("after a stop, hashing resumes by itself 10 °C below the limit")
    func resume() {
        var thermal = ThermalGuard(state: .stopped)
        #expect(step(&thermal, 90, threads: 8) == .none)
        #expect(thermal.status == "stopped: CPU 90.0 °C, resumes at ≤ 75 °C")
        #expect(step(&thermal, 75.1, threads: 8) == .none)
        #expect(thermal.state == .stopped)
        #expect(step(&thermal, 75, threads: 8) == .resume)
        #expect(thermal.state == .normal)
        #expect(thermal.status == nil)
    }

    @Test("resuming with shed threads goes on to restore them")
    func resumeThenRestore() {
        var thermal = ThermalGuard(settleSamples: 1, state: .stopped)
        #expect(step(&thermal, 70, threads: 6) == .resume)
        #expect(thermal.state == .recovering(coolSamples: 0))
        #expect(step(&thermal, 70, threads: 6) == .restoreThread)
    }

    @Test("shed threads come back one at a time after settling 10 °C below the limit")
    func restore() {
        var thermal = ThermalGuard(settleSamples: 3, state: .recovering(coolSamples: 0))
        #expect(step(&thermal, 76, threads: 6) == .none)  // above L − 10: not yet
        #expect(thermal.state == .recovering(coolSamples: 0))
        #expect(step(&thermal, 75, threads: 6) == .none)
        #expect(step(&thermal, 74, threads: 6) == .none)
        #expect(step(&thermal, 74, threads: 6) == .restoreThread)
        #expect(thermal.state == .recovering(coolSamples: 0))
        #expect(thermal.status == "cooling: CPU 74.0 °C, 7 of 8 threads")
        // A warmer sample restarts the count.
        #expect(step(&thermal, 73, threads: 7) == .none)
        #expect(step(&thermal, 78, threads: 7) == .none)
        #expect(thermal.state == .recovering(coolSamples: 0))
        #expect(step(&thermal, 70, threads: 7) == .none)
        #expect(step(&thermal, 70, threads: 7) == .none)
        #expect(step(&thermal, 70, threads: 7) == .restoreThread)
        // That was the last shed thread.
        #expect(thermal.state == .normal)
        #expect(thermal.status == nil)
        #expect(step(&thermal, 70, threads: 8) == .none)
    }

    @Test("threads the user removed are not added back")
    func userRemovedThreads() {
        var thermal = ThermalGuard(settleSamples: 1)
        #expect(step(&thermal, 50, threads: 4, configured: 4) == .none)
        // The user asked for 4 of the 8 the guard once shed from: recovering ends there.
        var recovering = ThermalGuard(settleSamples: 1, state: .recovering(coolSamples: 0))
        #expect(step(&recovering, 50, threads: 4, configured: 4) == .none)
        #expect(recovering.state == .normal)
    }

    @Test("no reading changes nothing, and a stop stays a stop")
    func noReading() {
        var thermal = ThermalGuard()
        #expect(step(&thermal, nil, threads: 8) == .none)
        #expect(thermal.state == .normal && thermal.status == nil)
        var stopped = ThermalGuard(state: .stopped)
        #expect(step(&stopped, nil, threads: 8) == .none)
        #expect(stopped.state == .stopped)
        #expect(stopped.status == "stopped: CPU temperature unavailable, staying stopped")
        var shedding = ThermalGuard(state: .shedding)
        #expect(step(&shedding, nil, threads: 5) == .none)
        #expect(shedding.state == .shedding)
    }

    @Test("a limit at or over critical is capped at critical")
    func limitCapped() {
        var thermal = ThermalGuard()
        let odd = ThermalGuard.Limits(limit: Temperature(celsius: 100), critical: Temperature(celsius: 90))
        #expect(thermal.evaluate(temperature: Temperature(celsius: 95), limits: odd, threads: 8, configuredThreads: 8)
                == .stop(reason: "stopped: CPU 95.0 °C ≥ critical 90 °C"))
        // Resumes 10 °C under the capped limit (80 °C), not under 100 °C.
        #expect(thermal.evaluate(temperature: Temperature(celsius: 85), limits: odd, threads: 8, configuredThreads: 8) == .none)
        #expect(thermal.evaluate(temperature: Temperature(celsius: 80), limits: odd, threads: 8, configuredThreads: 8) == .resume)
    }

    @Test("limits: configured, then the sensor's max/crit, then 85/95 °C")
    func resolvedLimits() {
        let reading = CPUThermalReading(temperature: Temperature(celsius: 60), source: "coretemp Package id 0",
                                        maximum: Temperature(celsius: 84), critical: Temperature(celsius: 100))
        let fromSensor = ThermalGuard.Limits(configuredLimit: nil, configuredCritical: nil, reading: reading)
        #expect(fromSensor == ThermalGuard.Limits(limit: Temperature(celsius: 84), critical: Temperature(celsius: 100)))
        let configured = ThermalGuard.Limits(configuredLimit: Temperature(celsius: 75), configuredCritical: nil, reading: reading)
        #expect(configured.limit.celsius == 75 && configured.critical.celsius == 100)
        let bare = CPUThermalReading(temperature: Temperature(celsius: 60), source: "k10temp Tctl")
        let defaults = ThermalGuard.Limits(configuredLimit: nil, configuredCritical: nil, reading: bare)
        #expect(defaults.limit.celsius == 85 && defaults.critical.celsius == 95)

        // evaluate(_:) resolves them per reading: 84 °C is at coretemp's max.
        var thermal = ThermalGuard()
        var hot = reading
        hot.temperature = Temperature(celsius: 84)
        #expect(thermal.evaluate(hot, threads: 4, configuredThreads: 4) == .shedThread)
        var limited = ThermalGuard(limit: Temperature(celsius: 70))
        #expect(limited.evaluate(reading, threads: 4, configuredThreads: 4) == .none)
        hot.temperature = Temperature(celsius: 70)
        #expect(limited.evaluate(hot, threads: 4, configuredThreads: 4) == .shedThread)
    }

    @Test("temperatures are written as the header shows them")
    func format() {
        #expect(ThermalGuard.format(96, decimals: 1) == "96.0 °C")
        #expect(ThermalGuard.format(95) == "95 °C")
        #expect(ThermalGuard.format(81.85) == "81.9 °C")
        #expect(ThermalGuard.format(-4.25, decimals: 1) == "-4.3 °C")
    }
}

@Suite("CPUThermalReading")
struct CPUThermalReadingTests {
    func chip(_ name: String, _ channels: [HwmonChannel]) -> HwmonChip {
        HwmonChip(id: name, name: name, hwmonIndex: 0, path: "sys/class/hwmon/hwmon0",
                  attributesInDevice: false, device: nil, channels: channels)
    }

    @Test("the hottest CPU channel wins, with its own thresholds")
    func hottestChannel() throws {
        let chips = [
            chip("nvme", [HwmonChannel(kind: .temp, index: 1, label: "Composite", value: 70, thresholds: ["max": 81.85])]),
            chip("coretemp", [
                HwmonChannel(kind: .temp, index: 1, label: "Package id 0", value: 61, thresholds: ["max": 84, "crit": 100]),
                HwmonChannel(kind: .temp, index: 2, label: "Core 0", value: 63, thresholds: ["max": 84, "crit": 100]),
            ]),
        ]
        let reading = try #require(CPUThermalReading.hottest(chips: chips))
        #expect(reading.temperature.celsius == 63)
        #expect(reading.source == "coretemp Core 0")
        #expect(reading.maximum?.celsius == 84 && reading.critical?.celsius == 100)
    }

    @Test("Tctl is skipped when Tdie exists (Zen 1 offset); labels identify an unknown chip")
    func tctlOffset() throws {
        let chips = [chip("amd_cpu", [
            HwmonChannel(kind: .temp, index: 1, label: "Tctl", value: 80),
            HwmonChannel(kind: .temp, index: 2, label: "Tdie", value: 53),
            HwmonChannel(kind: .temp, index: 3, label: "Tccd1", value: 51),
        ])]
        let reading = try #require(CPUThermalReading.hottest(chips: chips))
        #expect(reading.temperature.celsius == 53)
        #expect(reading.source == "amd_cpu Tdie")
        #expect(reading.maximum == nil && reading.critical == nil)
    }

    @Test("a threshold missing on the hottest channel comes from its chip; placeholders are ignored")
    func chipThresholds() throws {
        let chips = [chip("coretemp", [
            HwmonChannel(kind: .temp, index: 1, label: "Package id 0", value: 60, thresholds: ["max": 0, "crit": 105]),
            HwmonChannel(kind: .temp, index: 2, label: "Core 0", value: 62),
            HwmonChannel(kind: .temp, index: 3, label: "Core 1", value: 58, thresholds: ["crit": 100]),
        ])]
        let reading = try #require(CPUThermalReading.hottest(chips: chips))
        #expect(reading.temperature.celsius == 62)
        #expect(reading.maximum == nil)
        #expect(reading.critical?.celsius == 100)
    }

    @Test("with no CPU chip, the hottest CPU thermal zone stands in")
    func zones() throws {
        let zones = [
            ThermalZone(zone: 0, type: "acpitz", temperature: Temperature(celsius: 90), tripPoints: []),
            ThermalZone(zone: 1, type: "x86_pkg_temp", temperature: Temperature(celsius: 66), tripPoints: [
                TripPoint(index: 0, type: "passive", temperature: Temperature(celsius: 80)),
                TripPoint(index: 1, type: "critical", temperature: Temperature(celsius: 98)),
            ]),
            ThermalZone(zone: 2, type: "cpu-thermal", temperature: Temperature(celsius: 64), tripPoints: []),
        ]
        let reading = try #require(CPUThermalReading.hottest(zones: zones))
        #expect(reading.temperature.celsius == 66)
        #expect(reading.source == "thermal_zone1 x86_pkg_temp")
        #expect(reading.maximum == nil && reading.critical?.celsius == 98)
        #expect(CPUThermalReading.hottest(zones: [zones[0]]) == nil)
        #expect(CPUThermalReading.hottest(chips: [chip("nvme", [HwmonChannel(kind: .temp, index: 1, value: 70)])]) == nil)
    }
}

@Suite("CPUThermalReading on fixtures", .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct CPUThermalReadingFixtureTests {
    func hottest(_ fixture: String) -> CPUThermalReading? {
        CPUThermalReading.hottest(in: SensorSampler(root: FixtureTree.root(fixture), loadNVML: false).sample())
    }

    @Test("node_exporter: coretemp, 55 °C, max 84, crit 100")
    func coretemp() throws {
        let reading = try #require(hottest("node_exporter"))
        #expect(reading.temperature.celsius == 55)
        #expect(reading.source == "coretemp Physical id 0")
        #expect(reading.maximum?.celsius == 84)
        #expect(reading.critical?.celsius == 100)
        var thermal = ThermalGuard()
        #expect(thermal.evaluate(reading, threads: 4, configuredThreads: 4) == .none)
    }

    @Test("telegraf-ryzen-nvme: k10temp Tctl 31.875 °C with no thresholds; the nvme is not a CPU")
    func k10temp() throws {
        let reading = try #require(hottest("telegraf-ryzen-nvme"))
        #expect(reading.temperature.celsius == 31.875)
        #expect(reading.source == "k10temp Tctl")
        #expect(reading.maximum == nil && reading.critical == nil)
        let limits = ThermalGuard.Limits(configuredLimit: nil, configuredCritical: nil, reading: reading)
        #expect(limits == ThermalGuard.Limits())
    }

    @Test("issue-barista-247: Tdie, not Tctl")
    func barista() throws {
        let reading = try #require(hottest("issue-barista-247"))
        #expect(reading.source == "k10temp Tdie")
        #expect(reading.temperature.celsius == 43.875)
    }
}
