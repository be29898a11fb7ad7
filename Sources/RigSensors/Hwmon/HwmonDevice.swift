/// The device a hwmon chip belongs to, from its `device` symlink.
public struct HwmonDevice: Sendable, Hashable, Encodable {
    /// Basename of the link target (`coretemp.0`, `0000:09:00.0`, `nvme0`), known even when the
    /// link dangles; telegraf tags chips with it.
    public var name: String
    /// The resolved target relative to the root (`sys/devices/platform/coretemp.0`); nil when dangling.
    public var path: String?
    /// The PCI slot when the device is a PCI function (`0000:09:00.0`).
    public var pciSlot: String?
    /// The bound driver (basename of `device/driver`), when the tree has it.
    public var driver: String?
    /// Set when the link dangles.
    public var reason: ReadingError?

    enum CodingKeys: String, CodingKey {
        case name, path, pciSlot = "pci_slot", driver, reason
    }

    /// Whether `name` looks like a PCI address, `DDDD:BB:DD.F`.
    static func isPCISlot(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 12, bytes[4] == 0x3A, bytes[7] == 0x3A, bytes[10] == 0x2E else { return false }
        return bytes.enumerated().allSatisfy { index, byte in
            [4, 7, 10].contains(index) || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x66)
        }
    }
}
