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
    /// `rigtop exporter`: the miner's name or URL (token left out), and the API it speaks
    /// (`cgminer`, `xmrig`, `cpuminer`).
    public static let miner = "miner"
    public static let kind = "kind"
    /// A miner's hashing unit by index, with its ``name`` as the miner gives it ("chain 1", "GPU 0").
    public static let device = "device"
    public static let name = "name"
    /// A fan: its index among the miner's fans, or its device's index.
    public static let fan = "fan"

    /// A boolean as a label value: `true` or `false`.
    public static func boolean(_ value: Bool) -> String {
        value ? "true" : "false"
    }
}
