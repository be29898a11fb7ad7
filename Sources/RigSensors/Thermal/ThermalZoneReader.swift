/// Reads `sys/class/thermal` zones and cooling devices.
public struct ThermalZoneReader: Sendable {
    public var root: SysfsRoot

    public init(root: SysfsRoot = SysfsRoot()) {
        self.root = root
    }

    private func numbered(_ prefix: String) -> [(Int, String)] {
        guard case .success(let entries) = root.list("sys/class/thermal") else { return [] }
        return entries.compactMap { entry in
            guard entry.name.hasPrefix(prefix), let n = Int(entry.name.dropFirst(prefix.count)) else { return nil }
            return (n, "sys/class/thermal/" + entry.name)
        }.sorted { $0.0 < $1.0 }
    }

    /// Every `thermal_zoneN` that is a directory, ascending.
    public func zones() -> [ThermalZone] {
        numbered("thermal_zone").compactMap { zone, directory in
            guard root.isDirectory(directory) else { return nil }
            var result = ThermalZone(zone: zone, tripPoints: [])
            result.type = try? root.readText(directory + "/type").get()
            switch root.readInteger(directory + "/temp") {
            case .success(let value): result.temperature = Temperature(millidegreesCelsius: value)
            case .failure(let error): result.reason = error
            }
            result.policy = try? root.readText(directory + "/policy").get()
            result.mode = try? root.readText(directory + "/mode").get()
            var trip = 0
            while root.exists(directory + "/trip_point_\(trip)_temp") {
                let prefix = directory + "/trip_point_\(trip)_"
                result.tripPoints.append(TripPoint(
                    index: trip,
                    type: try? root.readText(prefix + "type").get(),
                    temperature: (try? root.readInteger(prefix + "temp").get()).map(Temperature.init(millidegreesCelsius:)),
                    hysteresis: (try? root.readInteger(prefix + "hyst").get()).map(Temperature.init(millidegreesCelsius:))))
                trip += 1
            }
            return result
        }
    }

    /// Every `cooling_deviceN` that is a directory, ascending.
    public func coolingDevices() -> [CoolingDevice] {
        numbered("cooling_device").compactMap { index, directory in
            guard root.isDirectory(directory) else { return nil }
            var device = CoolingDevice(index: index)
            device.type = try? root.readText(directory + "/type").get()
            switch root.readInteger(directory + "/cur_state") {
            case .success(let value): device.currentState = value
            case .failure(let error): device.reason = error
            }
            device.maxState = try? root.readInteger(directory + "/max_state").get()
            return device
        }
    }
}
