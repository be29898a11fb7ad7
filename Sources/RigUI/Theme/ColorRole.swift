/// A semantic colour slot that panels draw with; a `Theme` gives each role a colour.
///
/// The raw value is the role's key in a `.theme` file (`theme[temp_hot]="#ff8700"`), so
/// renaming a case is a file-format change.
public enum ColorRole: String, CaseIterable, Hashable, Sendable {
    // Screen
    case background = "background"
    case foreground = "foreground"
    case title = "title"
    case border = "border"
    case divider = "divider"
    case highlight = "highlight"
    case dimText = "dim_text"
    case selectedBackground = "selected_bg"
    case selectedForeground = "selected_fg"
    // Panel borders (btop's per-box colours)
    case hashrateBox = "hashrate_box"
    case threadsBox = "threads_box"
    case thermalsBox = "thermals_box"
    case powerBox = "power_box"
    case earningsBox = "earnings_box"
    // Graphs
    case graphText = "graph_text"
    case hashrateGraph = "hashrate_graph"
    case threadSparkline = "thread_sparkline"
    // Temperatures, against the chip's thresholds
    case tempNormal = "temp_normal"
    case tempWarm = "temp_warm"
    case tempHot = "temp_hot"
    case tempCritical = "temp_critical"
    // Meters (load, frequency, fan): low / mid / high share of their maximum
    case meterBackground = "meter_bg"
    case meterLow = "meter_low"
    case meterMid = "meter_mid"
    case meterHigh = "meter_high"
    case fan = "fan"
    case frequency = "frequency"
    case power = "power"
    case earnings = "earnings"
    // Status
    case good = "good"
    case warn = "warn"
    case bad = "bad"
}
