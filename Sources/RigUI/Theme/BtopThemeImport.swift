/// The mapping from btop's theme keys to rigtop's roles, so a user's btop theme works as is.
///
/// btop's boxes become rigtop's panels by what they show: cpu → hashrate (the busy graph),
/// proc → threads (a row per worker), mem → thermals, net → power. btop's three-stop
/// gradients (`*_start/mid/end`) become rigtop's level roles. Keys btop knows that rigtop has
/// no use for (download/upload/cached gradients…) are accepted silently; anything else is an
/// unknown key and draws a warning from `ThemeFile`.
public enum BtopThemeImport {
    /// rigtop roles each mapped btop key sets, in the order btop's theme files list them.
    public static let mapping: [(btopKey: String, roles: [ColorRole])] = [
        ("main_bg", [.background]),
        ("main_fg", [.foreground]),
        ("title", [.title]),
        ("hi_fg", [.highlight]),
        ("selected_bg", [.selectedBackground]),
        ("selected_fg", [.selectedForeground]),
        ("inactive_fg", [.dimText]),
        ("graph_text", [.graphText]),
        ("meter_bg", [.meterBackground]),
        ("proc_misc", [.threadSparkline]),
        ("cpu_box", [.hashrateBox, .border]),
        ("mem_box", [.thermalsBox]),
        ("net_box", [.powerBox]),
        ("proc_box", [.threadsBox, .earningsBox]),
        ("div_line", [.divider]),
        ("temp_start", [.tempNormal]),
        ("temp_mid", [.tempWarm]),
        ("temp_end", [.tempHot, .tempCritical]),
        ("cpu_start", [.hashrateGraph, .meterLow]),
        ("cpu_mid", [.meterMid]),
        ("cpu_end", [.meterHigh]),
        ("free_mid", [.good, .earnings]),
        ("available_mid", [.warn, .power]),
        ("used_mid", [.bad]),
        ("cached_mid", [.fan]),
        ("process_mid", [.frequency]),
    ]

    /// Every key btop's theme files may hold (btop 1.x `themes/*.theme` and its built-in default).
    public static let btopKeys: Set<String> = {
        var keys: Set<String> = [
            "main_bg", "main_fg", "title", "hi_fg", "selected_bg", "selected_fg", "inactive_fg",
            "graph_text", "meter_bg", "proc_misc", "cpu_box", "mem_box", "net_box", "proc_box", "div_line",
        ]
        for gradient in ["temp", "cpu", "free", "cached", "available", "used", "download", "upload", "process", "gpu"] {
            for stop in ["start", "mid", "end"] { keys.insert("\(gradient)_\(stop)") }
        }
        return keys
    }()

    private static let rolesByKey: [String: [ColorRole]] = Dictionary(
        uniqueKeysWithValues: mapping.map { ($0.btopKey, $0.roles) })

    /// Sets the roles `entries` (btop keys and their colours, in file order) map to.
    ///
    /// btop leaves a gradient's `_mid` or `_end` empty to mean "one colour" (its theme files say
    /// "For single color graphs leave mid and end variable empty"), so an empty stop takes the
    /// previous stop's colour here instead of the terminal default.
    public static func apply(_ entries: [(key: String, color: Color)], to theme: inout Theme) {
        var values: [String: Color] = [:]
        for entry in entries { values[entry.key] = entry.color }
        for (key, color) in values where key.hasSuffix("_mid") || key.hasSuffix("_end") {
            guard color == .terminalDefault else { continue }
            let gradient = String(key.dropLast(4))  // "_mid" and "_end" are both 4 characters
            let previous = key.hasSuffix("_mid") ? [gradient + "_start"] : [gradient + "_mid", gradient + "_start"]
            if let fill = previous.lazy.compactMap({ values[$0] }).first(where: { $0 != .terminalDefault }) {
                values[key] = fill
            }
        }
        for (btopKey, roles) in mapping {
            guard let color = values[btopKey] else { continue }
            for role in roles { theme[role] = color }
        }
    }

    /// True for any key btop itself understands.
    public static func isKnown(_ key: String) -> Bool { btopKeys.contains(key) }

    /// The rigtop roles a btop key sets; empty for keys rigtop ignores.
    public static func roles(for btopKey: String) -> [ColorRole] { rolesByKey[btopKey] ?? [] }
}
