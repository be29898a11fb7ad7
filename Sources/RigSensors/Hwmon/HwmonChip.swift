/// One hwmon chip: its name, the device it belongs to, and its readable channels.
///
/// `hwmonN` numbering changes between boots; `id` (name + device path) does not.
public struct HwmonChip: Sendable, Hashable, Encodable {
    /// Stable key: `name@device path` (`coretemp@sys/devices/platform/coretemp.0`), or the name
    /// alone for a chip with no device. Made unique within a sample by appending `#N` if needed.
    public var id: String
    /// The `name` attribute with NULs and whitespace trimmed; `hwmonN` when there is none.
    public var name: String
    /// Why `name` fell back to `hwmonN`.
    public var nameReason: ReadingError?
    /// The N of `hwmonN` in this boot; for display only.
    public var hwmonIndex: Int
    /// The resolved `hwmonN` directory relative to the root.
    public var path: String
    /// True when the attributes live in `hwmonN/device/` (older drivers such as applesmc).
    public var attributesInDevice: Bool
    /// The device from the `device` link, if any.
    public var device: HwmonDevice?
    /// Channels ordered by kind (as `HwmonChannelKind.allCases`) then index.
    public var channels: [HwmonChannel]

    /// The channel of `kind` and `index`, if present.
    public func channel(_ kind: HwmonChannelKind, _ index: Int) -> HwmonChannel? {
        channels.first { $0.kind == kind && $0.index == index }
    }

    /// The first channel of `kind` whose label is `label`.
    public func channel(_ kind: HwmonChannelKind, labelled label: String) -> HwmonChannel? {
        channels.first { $0.kind == kind && $0.label == label }
    }

    enum CodingKeys: String, CodingKey {
        case id, name, nameReason = "name_reason", hwmon, path, device, sensors
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(nameReason, forKey: .nameReason)
        try container.encode("hwmon\(hwmonIndex)", forKey: .hwmon)
        try container.encode(path, forKey: .path)
        try container.encode(device, forKey: .device)
        try container.encode(channels, forKey: .sensors)
    }
}
