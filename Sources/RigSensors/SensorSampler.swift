import Glibc

/// Takes `SensorSample`s from one root, keeping the previous sample so that rates are real:
/// watts from energy counters (RAPL, hwmon `energy*`), `/proc/stat` utilisation and throttle
/// counter deltas. The first sample marks those `.needsTwoSamples`; `sampleWithRates` takes two.
///
/// Not `Sendable`: it holds the previous sample and the NVML handle. Own it from one task or
/// thread (the dashboard's collector); the samples it returns are `Sendable`.
///
/// ```swift
/// let sampler = SensorSampler(root: SysfsRoot(rootPath))
/// let sample = sampler.sampleWithRates()
/// print(SensorReport(sample).text)
/// ```
public final class SensorSampler {
    public let root: SysfsRoot
    public var configuration: SensorConfiguration
    public private(set) var previous: SensorSample?
    private let nvml: NVMLReader?
    /// `/proc/cpuinfo` does not change while running; parsing it costs more than the rest of a sample.
    private lazy var cpuInfo: CPUInfo? = try? CPUInfo.read(root: root).get()

    /// - Parameter loadNVML: whether to load NVML; default only for the live root `/` (NVML sees
    ///   the real machine, not a fixture tree).
    public init(root: SysfsRoot = SysfsRoot(), configuration: SensorConfiguration = SensorConfiguration(),
                loadNVML: Bool? = nil) {
        self.root = root
        self.configuration = configuration
        self.nvml = (loadNVML ?? root.path.isEmpty) ? NVMLReader() : nil
    }

    /// One sample; rates come from the previous sample, if any.
    public func sample() -> SensorSample {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return sample(monotonicSeconds: Double(now.tv_sec) + Double(now.tv_nsec) / 1e9)
    }

    /// A sample whose rates are real: when there is no previous sample, takes one, waits
    /// `interval`, and takes another (what `rigtop sensors` does for one-shot output).
    public func sampleWithRates(interval: Duration = .milliseconds(250)) -> SensorSample {
        if previous == nil {
            _ = sample()
            let (seconds, attoseconds) = interval.components
            var wait = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
            var remaining = timespec()
            while nanosleep(&wait, &remaining) != 0 && errno == EINTR { wait = remaining }
        }
        return sample()
    }

    /// A sample taken at `monotonicSeconds` (tests pass their own times).
    public func sample(monotonicSeconds now: Double) -> SensorSample {
        let policy = configuration.throttle
        let previous = self.previous
        let seconds = previous.map { now - $0.monotonicSeconds }

        let chips = HwmonReader(root: root).read()
        let zones = RaplReader(root: root).read()
        let stat = try? ProcStat.read(root: root).get()
        let packageTemperatures = CPUPackageTemperature.channels(in: chips)

        // CPUs: every cpuN directory, else every /proc/stat cpuN line.
        let cpufreq = CpufreqReader(root: root)
        var numbers = cpufreq.cpuNumbers()
        if numbers.isEmpty, let stat { numbers = stat.perCPU.keys.sorted() }
        let previousCPUs = Dictionary(uniqueKeysWithValues: (previous?.cpus ?? []).map { ($0.cpu, $0) })
        let cpus = numbers.map { cpu -> CPUSample in
            let frequency = cpufreq.read(cpu: cpu)
            let counters = ThrottleCounters.read(root: root, cpu: cpu)
            let before = previousCPUs[cpu]?.throttle
            func delta(_ new: Int64?, _ old: Int64?) -> Int64? { new.flatMap { n in old.map { n - $0 } } }
            var utilisation: Double?
            var reason: ReadingError?
            if let times = stat?.perCPU[cpu] {
                if let old = previous?.cpuTimes?.perCPU[cpu] {
                    utilisation = CPUTimes.utilisation(from: old, to: times)
                    // No tick since the last sample reads as pending; a counter going back as a reset.
                    if utilisation == nil { reason = times.total < old.total ? .counterReset : .needsTwoSamples }
                } else {
                    reason = .needsTwoSamples
                }
            } else {
                reason = .missing
            }
            let coreDelta = delta(counters.coreCount, before?.coreCount)
            let packageDelta = delta(counters.packageCount, before?.packageCount)
            let verdict = ThrottleVerdict.cpu(
                counterDeltas: (coreDelta, packageDelta),
                packageTemperature: packageTemperatures[counters.package ?? 0],
                frequency: frequency, utilisation: utilisation, policy: policy)
            return CPUSample(cpu: cpu, frequency: frequency, throttle: counters,
                             coreThrottleDelta: coreDelta, packageThrottleDelta: packageDelta,
                             utilisation: utilisation, utilisationReason: reason, verdict: verdict)
        }
        var cpuUtilisation: Double?
        if let total = stat?.total, let old = previous?.cpuTimes?.total {
            cpuUtilisation = CPUTimes.utilisation(from: old, to: total)
        }

        // Power: RAPL, hwmon power and energy channels.
        var power: [PowerReading] = []
        let previousZones = Dictionary((previous?.raplZones ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for zone in zones {
            let label = zone.name ?? zone.id
            let domain: PowerDomain = label.hasPrefix("package") ? .cpu : label.hasPrefix("psys") ? .platform : .cpuPart
            guard let energy = zone.energy else {
                power.append(PowerReading(source: .rapl, label: label, device: zone.id, domain: domain, watts: nil,
                                          reason: zone.reason))
                continue
            }
            let rate = Self.rate(energy, previousZones[zone.id]?.energy, seconds, range: zone.maxEnergyRange)
            power.append(PowerReading(source: .rapl, label: label, device: zone.id, domain: domain,
                                      watts: try? rate.get().watts, joules: energy.joules, reason: rate.failureReason))
        }
        let previousChips = Dictionary((previous?.chips ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var energyPower: [String: Power] = [:]
        for chip in chips {
            for channel in chip.channels where channel.kind == .power || channel.kind == .energy {
                let label = "\(chip.name) \(channel.displayName)"
                let domain = Self.powerDomain(chip: chip.name, label: channel.label)
                if channel.kind == .power {
                    power.append(PowerReading(source: .hwmon, label: label, device: chip.id, domain: domain,
                                              watts: channel.value, reason: channel.reason))
                    continue
                }
                guard let joules = channel.value else {
                    power.append(PowerReading(source: .hwmonEnergy, label: label, device: chip.id, domain: domain,
                                              watts: nil, reason: channel.reason))
                    continue
                }
                let old = previousChips[chip.id]?.channel(.energy, channel.index)?.value
                let rate = Self.rate(Energy(joules: joules), old.map { Energy(joules: $0) }, seconds, range: nil)
                if energyPower[chip.id] == nil || channel.label == "card", let watts = try? rate.get() {
                    energyPower[chip.id] = watts
                }
                power.append(PowerReading(source: .hwmonEnergy, label: label, device: chip.id, domain: domain,
                                          watts: try? rate.get().watts, joules: joules, reason: rate.failureReason))
            }
        }

        // GPUs: hwmon (power from energy deltas when that is all there is), then NVML.
        var gpus = AmdgpuCard(root: root).gpus(from: chips, policy: policy).map { gpu -> GPUSample in
            var gpu = gpu
            if gpu.power == nil, let chip = gpu.chip, let watts = energyPower[chip] {
                gpu.power = watts
                gpu.powerReason = nil
            }
            return gpu
        }
        for gpu in nvml?.read(policy: policy) ?? [] {
            gpus.append(gpu)
            power.append(PowerReading(source: .nvml, label: gpu.name ?? gpu.id, device: gpu.id, domain: .gpu,
                                      watts: gpu.power?.watts, reason: gpu.powerReason))
        }

        // Estimates where nothing measured.
        let model = configuration.powerModel
        // A readable package counter on its first sample has joules but no watts yet: measured.
        let cpuMeasured = power.contains { $0.domain == .cpu && ($0.watts != nil || $0.joules != nil) }
        if !cpuMeasured, let tdp = model.cpuTDP {
            let watts = cpuUtilisation.map { model.estimate(utilisation: $0, maximum: tdp).watts }
            power.append(PowerReading(source: .estimate, label: "CPU", domain: .cpu, watts: watts,
                                      reason: watts == nil ? .needsTwoSamples : nil))
        }
        for index in gpus.indices where gpus[index].power == nil && gpus[index].powerReason != .needsTwoSamples {
            guard let board = model.boardPower(forGPU: gpus[index].id), let busy = gpus[index].busyPercent else { continue }
            let watts = model.estimate(utilisation: busy / 100, maximum: board)
            power.append(PowerReading(source: .estimate, label: "GPU \(gpus[index].id)", device: gpus[index].id,
                                      domain: .gpu, watts: watts.watts))
        }

        let thermal = ThermalZoneReader(root: root)
        let sample = SensorSample(
            monotonicSeconds: now, intervalSeconds: seconds, chips: chips, raplZones: zones, power: power,
            cpuModel: cpuInfo?.modelName, cpus: cpus, cpuUtilisation: cpuUtilisation,
            cpuPackageTemperatures: packageTemperatures, gpus: gpus, thermalZones: thermal.zones(),
            coolingDevices: thermal.coolingDevices(), cpuTimes: stat)
        self.previous = sample
        return sample
    }

    /// The domain of an hwmon power or energy channel, from its chip's driver and the label.
    static func powerDomain(chip: String, label: String?) -> PowerDomain {
        if AmdgpuCard.gpuDrivers.contains(chip) { return .gpu }
        // amd_energy: one `Esocket<N>` counter per package, `Ecore<NNN>` per core.
        if chip == "amd_energy" { return (label ?? "").hasPrefix("Esocket") ? .cpu : .cpuPart }
        // zenpower's SVI2 core and SoC rails together make the package.
        if CPUPackageTemperature.drivers.contains(chip) { return .cpu }
        return .other
    }

    private static func rate(_ energy: Energy, _ old: Energy?, _ seconds: Double?, range: Energy?) -> Result<Power, ReadingError> {
        guard let old, let seconds else { return .failure(.needsTwoSamples) }
        return EnergyCounter.power(from: old, to: energy, seconds: seconds, range: range)
    }
}

extension Result where Failure == ReadingError {
    var failureReason: ReadingError? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
