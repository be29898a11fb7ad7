/// The label names of rigtop's metrics (``MetricName``), and the spelling of their boolean values.
public enum MetricLabel {
    /// On ``MetricName/info`` and the coins-per-day estimate.
    public static let coin = "coin"
    public static let algorithm = "algorithm"
    public static let kernel = "kernel"
    public static let version = "version"
    public static let worker = "worker"
    /// A ``RateWindow``'s raw value.
    public static let window = "window"
    public static let thread = "thread"
    /// A ``ShareResult``'s raw value, or `accepted`/`rejected` for blocks.
    public static let result = "result"
    /// The pool's URL.
    public static let pool = "pool"
    /// A temperature's hwmon chip and channel label.
    public static let chip = "chip"
    public static let sensor = "sensor"
    public static let cpu = "cpu"
    /// A throttle counter's scope: `core` or `package`.
    public static let scope = "scope"
    /// A power figure's source (rapl, hwmon, nvml, estimate) and domain (cpu, cpu-part, gpu, platform, other).
    public static let source = "source"
    public static let domain = "domain"
    /// Whether a power figure was measured: ``boolean(_:)``.
    public static let measured = "measured"
    public static let currency = "currency"

    /// A boolean as a label value: `true` or `false`.
    public static func boolean(_ value: Bool) -> String {
        value ? "true" : "false"
    }
}
