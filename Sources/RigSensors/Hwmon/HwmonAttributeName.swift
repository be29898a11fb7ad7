/// A hwmon attribute file name split into channel kind, channel index and attribute suffix:
/// `temp1_crit_alarm` is (`.temp`, 1, `"crit_alarm"`); a bare `pwm1` has the suffix `""`.
struct HwmonAttributeName: Hashable, Sendable {
    var kind: HwmonChannelKind
    var index: Int
    var suffix: String

    /// Nil for names that are not channel attributes (`name`, `uevent`, `bogus1_input`).
    init?(_ fileName: String) {
        let utf8 = fileName.utf8
        guard let digitStart = utf8.firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }),
              let kind = HwmonChannelKind(rawValue: String(fileName[..<digitStart]))
        else { return nil }
        let digitEnd = utf8[digitStart...].firstIndex(where: { $0 < 0x30 || $0 > 0x39 }) ?? utf8.endIndex
        guard let index = Int(fileName[digitStart..<digitEnd]) else { return nil }
        let rest = fileName[digitEnd...]
        if rest.isEmpty {
            suffix = ""
        } else {
            guard rest.first == "_", rest.count > 1 else { return nil }
            suffix = String(rest.dropFirst())
        }
        self.kind = kind
        self.index = index
    }
}
