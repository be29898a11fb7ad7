/// Builds `GPUSample`s from GPU hwmon chips (amdgpu, and Intel xe/i915 which use the same ABI),
/// one per card, named after its DRM `cardN`.
public struct AmdgpuCard: Sendable {
    /// hwmon `name`s that belong to GPUs.
    public static let gpuDrivers: Set<String> = ["amdgpu", "radeon", "xe", "i915", "nouveau"]

    public var root: SysfsRoot

    public init(root: SysfsRoot = SysfsRoot()) {
        self.root = root
    }

    /// One sample per GPU chip in `chips`. Power is left nil with `.needsTwoSamples` when only
    /// energy counters exist; `SensorSampler` fills it from deltas.
    public func gpus(from chips: [HwmonChip], policy: ThrottlePolicy) -> [GPUSample] {
        let cards = drmCards()
        return chips.filter { Self.gpuDrivers.contains($0.name) }.map { chip in
            let devicePath = chip.device?.path
            var gpu = GPUSample(
                id: chip.device?.pciSlot ?? chip.id, driver: chip.name,
                name: devicePath.flatMap { cards[$0] }, chip: chip.id,
                temperatures: chip.channels.filter { $0.kind == .temp },
                verdict: ThrottleVerdict())
            let power = chip.channel(.power, 1)
            if let watts = power?.value {
                gpu.power = Power(watts: watts)
            } else if chip.channels.contains(where: { $0.kind == .energy }) {
                gpu.powerReason = .needsTwoSamples
            } else {
                gpu.powerReason = power?.reason ?? .missing
            }
            gpu.powerCap = power?.thresholds["cap"].map { Power(watts: $0) }
            gpu.fanRPM = chip.channel(.fan, 1)?.value
            gpu.fanPercent = chip.channel(.pwm, 1)?.value.map { $0 / 255 * 100 }
            gpu.coreClock = (chip.channel(.freq, labelled: "sclk") ?? chip.channel(.freq, 1))?.value.map { Frequency(megahertz: $0) }
            gpu.memoryClock = chip.channel(.freq, labelled: "mclk")?.value.map { Frequency(megahertz: $0) }
            if let devicePath {
                gpu.busyPercent = (try? root.readInteger(devicePath + "/gpu_busy_percent").get()).flatMap { (0...100).contains($0) ? Double($0) : nil }
            }
            gpu.verdict = .gpu(temperatures: gpu.temperatures, nvmlReasons: nil, policy: policy)
            return gpu
        }
    }

    /// Resolved `sys/class/drm/cardN/device` path → `cardN`.
    func drmCards() -> [String: String] {
        guard case .success(let entries) = root.list("sys/class/drm") else { return [:] }
        var cards: [String: String] = [:]
        for entry in entries where entry.name.hasPrefix("card") && Int(entry.name.dropFirst(4)) != nil {
            if let path = root.resolve("sys/class/drm/\(entry.name)/device") { cards[path] = entry.name }
        }
        return cards
    }
}
