/// Reads every chip under `sys/class/hwmon`.
///
/// Follows Documentation/hwmon/sysfs-interface.rst: a channel exists when its value file does
/// (`_input`; `_average` for power; the bare `pwmN`; `intrusionN_alarm`). Attributes live in
/// `hwmonN/`, or in `hwmonN/device/` when `hwmonN/name` is missing (pre-2013 drivers such as
/// applesmc). Nothing here throws: an unreadable file becomes a `ReadingError` on its channel.
public struct HwmonReader: Sendable {
    /// The tree to read.
    public var root: SysfsRoot

    public init(root: SysfsRoot = SysfsRoot()) {
        self.root = root
    }

    /// Every chip with at least one channel, ordered by `hwmonN`. Chips with no readable channel
    /// (node_exporter's `bogus`, asus `pwm1_enable`-only chips) are left out unless `includeEmpty`.
    public func read(includeEmpty: Bool = false) -> [HwmonChip] {
        let classDirectory = "sys/class/hwmon"
        guard case .success(let entries) = root.list(classDirectory) else { return [] }
        var numbered: [(Int, String)] = []
        for entry in entries where entry.name.hasPrefix("hwmon") {
            guard let index = Int(entry.name.dropFirst(5)) else { continue }
            numbered.append((index, classDirectory + "/" + entry.name))
        }
        numbered.sort { $0.0 < $1.0 }
        var chips: [HwmonChip] = []
        for (index, directory) in numbered {
            guard let chip = readChip(directory, hwmonIndex: index) else { continue }
            if includeEmpty || !chip.channels.isEmpty { chips.append(chip) }
        }
        return Self.uniquingIDs(chips)
    }

    /// One chip directory (`sys/class/hwmon/hwmon3` or a path under `sys/devices`); nil when it
    /// is not a directory (a dangling class link, a plain file).
    public func readChip(_ directory: String, hwmonIndex: Int) -> HwmonChip? {
        guard root.isDirectory(directory) else { return nil }
        let path = root.resolve(directory) ?? directory
        guard case .success(let entries) = root.list(path) else { return nil }
        let hasName = entries.contains { $0.name == "name" }

        var attributesInDevice = false
        var name = "hwmon\(hwmonIndex)"
        var nameReason: ReadingError?
        switch root.readText(path + "/name") {
        case .success(let text): name = text
        case .failure(let error):
            if case .success(let text) = root.readText(path + "/device/name") {
                name = text
                attributesInDevice = true
            } else {
                nameReason = hasName && error == .missing ? .vanished : error
            }
        }

        let device = readDevice(path + "/device")
        let attributeDirectory = attributesInDevice ? path + "/device" : path
        let files = attributesInDevice ? (try? root.list(attributeDirectory).get()) ?? [] : entries
        let channels = readChannels(attributeDirectory, files: files.map(\.name))
        let id = device.map { "\(name)@\($0.path ?? $0.name)" } ?? name
        return HwmonChip(id: id, name: name, nameReason: nameReason, hwmonIndex: hwmonIndex,
                         path: path, attributesInDevice: attributesInDevice, device: device,
                         channels: channels)
    }

    /// The device behind a `device` link; nil when there is no link.
    func readDevice(_ link: String) -> HwmonDevice? {
        let resolved = root.resolve(link)
        guard let text = root.linkText(link) else {
            // Not a symlink: a real directory stands for the device itself.
            guard let resolved, root.isDirectory(link) else { return nil }
            let name = String(resolved.split(separator: "/").last ?? "")
            return HwmonDevice(name: name, path: resolved,
                               pciSlot: HwmonDevice.isPCISlot(name) ? name : nil,
                               driver: driverName(resolved))
        }
        let target = resolved.map { String($0.split(separator: "/").last ?? "") }
        let name = target ?? String(text.split(separator: "/").last ?? Substring(text))
        return HwmonDevice(name: name, path: resolved,
                           pciSlot: HwmonDevice.isPCISlot(name) ? name : nil,
                           driver: resolved.flatMap(driverName),
                           reason: resolved == nil ? .danglingLink(text) : nil)
    }

    private func driverName(_ devicePath: String) -> String? {
        root.linkText(devicePath + "/driver").map { String($0.split(separator: "/").last ?? "") }
    }

    /// Attribute suffixes converted with the channel's divisor and kept as thresholds.
    static let thresholdSuffixes: Set<String> = [
        "min", "max", "crit", "lcrit", "emergency",
        "min_hyst", "max_hyst", "crit_hyst", "lcrit_hyst", "emergency_hyst",
        "cap", "cap_max", "cap_min", "cap_default", "cap_hyst", "target",
    ]

    /// Attribute suffixes that are values in the channel's unit but not thresholds.
    static let valueLikeSuffixes: Set<String> = [
        "input", "average", "lowest", "highest", "input_lowest", "input_highest",
        "average_lowest", "average_highest", "average_max", "average_min", "rated_min", "rated_max",
    ]

    func readChannels(_ directory: String, files: [String]) -> [HwmonChannel] {
        struct Key: Hashable { var kind: HwmonChannelKind; var index: Int }
        var groups: [Key: [String: String]] = [:]
        for file in files {
            guard let parsed = HwmonAttributeName(file) else { continue }
            groups[Key(kind: parsed.kind, index: parsed.index), default: [:]][parsed.suffix] = file
        }
        let kindOrder = Dictionary(uniqueKeysWithValues: HwmonChannelKind.allCases.enumerated().map { ($1, $0) })
        let keys = groups.keys.sorted {
            ($0.kind == $1.kind) ? $0.index < $1.index : kindOrder[$0.kind]! < kindOrder[$1.kind]!
        }
        var channels: [HwmonChannel] = []
        channels.reserveCapacity(keys.count)
        for key in keys {
            let attributes = groups[key]!
            let valueSuffix: String
            switch key.kind {
            case .power: valueSuffix = attributes["average"] != nil ? "average" : "input"
            case .pwm: valueSuffix = ""
            case .intrusion: valueSuffix = "alarm"
            default: valueSuffix = "input"
            }
            guard let valueFile = attributes[valueSuffix] else { continue }
            channels.append(readChannel(key.kind, key.index, directory: directory,
                                        valueSuffix: valueSuffix, valueFile: valueFile,
                                        attributes: attributes))
        }
        return channels
    }

    private func readChannel(_ kind: HwmonChannelKind, _ index: Int, directory: String,
                             valueSuffix: String, valueFile: String,
                             attributes: [String: String]) -> HwmonChannel {
        var channel = HwmonChannel(kind: kind, index: index, value: nil)
        switch root.readInteger(directory + "/" + valueFile) {
        case .success(let raw): channel.value = Double(raw) / kind.divisor
        case .failure(let error): channel.reason = Self.listed(error)
        }
        for (suffix, file) in attributes where suffix != valueSuffix {
            let path = directory + "/" + file
            if suffix == "label" {
                switch root.readText(path) {
                case .success(let text): channel.label = text
                case .failure(let error): channel.errors[suffix] = Self.listed(error)
                }
                continue
            }
            let raw: Int64
            switch root.readInteger(path) {
            case .success(let value): raw = value
            case .failure(let error):
                channel.errors[suffix] = Self.listed(error)
                continue
            }
            if suffix == "alarm" || suffix == "beep" || suffix == "fault"
                || suffix.hasSuffix("_alarm") || suffix.hasSuffix("_beep") {
                channel.alarms[suffix] = raw != 0
            } else if Self.thresholdSuffixes.contains(suffix) {
                let value = Double(raw) / kind.divisor
                if kind == .temp && (value <= -273 || value >= 65261) { continue }
                channel.thresholds[suffix] = value
            } else if Self.valueLikeSuffixes.contains(suffix) {
                channel.attributes[suffix] = Double(raw) / kind.divisor
            } else {
                channel.attributes[suffix] = Double(raw)
            }
        }
        if kind == .intrusion { channel.alarms["alarm"] = channel.value.map { $0 != 0 } }
        return channel
    }

    /// A file that was in the directory listing but is missing at open has vanished.
    static func listed(_ error: ReadingError) -> ReadingError {
        error == .missing ? .vanished : error
    }

    /// Two chips can share name and device (node_exporter's asus chips share a parent but differ in
    /// name; identical pairs are possible): the later ones get `#hwmonN` appended.
    static func uniquingIDs(_ chips: [HwmonChip]) -> [HwmonChip] {
        var seen: Set<String> = []
        return chips.map { chip in
            var chip = chip
            if !seen.insert(chip.id).inserted { chip.id += "#hwmon\(chip.hwmonIndex)" }
            return chip
        }
    }
}
