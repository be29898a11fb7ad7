/// Sensor labels as a narrow column writes them, without losing the part that tells rows apart.
enum SensorLabel {
    /// The label as the panel writes it: coretemp's `Package id 0` and `Physical id 0` (older
    /// kernels) are `Package 0`; anything else as the driver wrote it.
    static func display(_ label: String) -> String {
        for prefix in ["Package id ", "Physical id "] where label.hasPrefix(prefix) {
            return "Package " + label.dropFirst(prefix.count)
        }
        return label
    }

    /// `label` in at most `width` columns. Whole when it fits; otherwise its last word, which is
    /// what tells `Sensor 1` from `Sensor 2` or `vram_ch_10` from `vram_ch_11`, stays whole and
    /// the beginning is cut: `Long nam… 3`.
    static func fit(_ label: String, width: Int, ellipsis: Character = "…") -> String {
        guard TextWidth.width(of: label) > width else { return label }
        if let split = label.lastIndex(where: { $0 == " " || $0 == "_" }) {
            let tail = String(label[split...])
            let room = width - TextWidth.width(of: tail)
            if room >= 2 {
                return TextWidth.truncate(String(label[..<split]), toWidth: room, ellipsis: ellipsis) + tail
            }
        }
        return TextWidth.truncate(label, toWidth: width, ellipsis: ellipsis)
    }
}
