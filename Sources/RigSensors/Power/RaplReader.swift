/// Reads RAPL energy counters through powercap (`sys/class/powercap`).
public struct RaplReader: Sendable {
    public var root: SysfsRoot

    public init(root: SysfsRoot = SysfsRoot()) {
        self.root = root
    }

    /// Every zone that has an `energy_uj` or a `name` (the bare `intel-rapl` control-type
    /// directory has neither), ordered by id.
    public func read() -> [RaplZone] {
        let base = "sys/class/powercap"
        guard case .success(let entries) = root.list(base) else { return [] }
        return entries.map(\.name).sorted().compactMap { readZone(base + "/" + $0, id: $0) }
    }

    func readZone(_ directory: String, id: String) -> RaplZone? {
        let name = try? root.readText(directory + "/name").get()
        var zone = RaplZone(id: id, name: name, index: Self.index(name: name, id: id), constraints: [])
        switch root.readInteger(directory + "/energy_uj") {
        case .success(let microjoules): zone.energy = Energy(microjoules: microjoules)
        case .failure(.missing) where name == nil: return nil
        // energy_uj is mode 0400 since the 2020 PLATYPUS fix (CVE-2020-8694).
        case .failure(.permissionDenied): zone.reason = .needsRoot
        case .failure(let error): zone.reason = error
        }
        zone.maxEnergyRange = (try? root.readInteger(directory + "/max_energy_range_uj").get()).map(Energy.init(microjoules:))
        zone.enabled = (try? root.readInteger(directory + "/enabled").get()).map { $0 != 0 }
        for n in 0..<8 {
            let prefix = directory + "/constraint_\(n)_"
            guard root.exists(prefix + "power_limit_uw") || root.exists(prefix + "name") else { break }
            zone.constraints.append(RaplConstraint(
                name: try? root.readText(prefix + "name").get(),
                powerLimit: (try? root.readInteger(prefix + "power_limit_uw").get()).map(Power.init(microwatts:)),
                maxPower: (try? root.readInteger(prefix + "max_power_uw").get()).map(Power.init(microwatts:)),
                timeWindowSeconds: (try? root.readInteger(prefix + "time_window_us").get()).map { Double($0) / 1_000_000 }))
        }
        return zone
    }

    static func index(name: String?, id: String) -> Int? {
        if let name, let dash = name.lastIndex(of: "-"), let number = Int(name[name.index(after: dash)...]) {
            return number
        }
        return id.split(separator: ":").last.flatMap { Int($0) }
    }
}
