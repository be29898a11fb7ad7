import ArgumentParser
import RigInput
import RigSensors

#if canImport(Glibc)
import Glibc
#endif

/// `rigtop sensors`: every temperature, fan, voltage, power and frequency reading, once or on a
/// timer; a thin shell over `SensorSampler` and `SensorReport`.
struct SensorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensors",
        abstract: "Print temperatures, fans, power, CPU frequency and throttling, like lm-sensors.",
        discussion: """
            Reads hwmon chips, RAPL and hwmon power/energy counters, cpufreq, thermal_throttle \
            counters, thermal zones, amdgpu cards and (on the live system) NVIDIA GPUs through \
            NVML, grouped by chip with each sensor's thresholds. Use it before mining to check \
            that rigtop sees the sensors its thermal guard relies on: the hottest CPU \
            temperature and the chip's max/crit limits. A CPU marked THROTTLING is losing \
            hashrate to heat or power limits; fix cooling before adding threads.

            Power is measured where the hardware says (RAPL, hwmon, NVML) and marked \
            "estimated" where it is modelled from load. Rates (watts from energy counters, \
            load) need two samples, so one-shot output waits a quarter second. RAPL energy is \
            root-only on most kernels: run with sudo to see CPU watts.

            Examples:
              rigtop sensors                         one report of this machine
              rigtop sensors --watch 2               refresh every 2 seconds until Ctrl-C
              rigtop sensors --json | jq '.cpus'     machine-readable, for scripts
              rigtop sensors --root ./fixture        read a captured sysfs/procfs tree
              rigtop sensors --measure 5             what one full sample costs (the dashboard takes one a second)
            """)

    @Option(name: .long, help: ArgumentHelp(
        "Read sys/ and proc/ under this directory instead of / (a captured tree).",
        valueName: "dir"))
    var root: String = "/"

    @Option(name: .customLong("cpu-tdp"), help: ArgumentHelp(
        "The CPU's TDP, 1 to 2000: estimate CPU power from load where nothing measures it.", valueName: "watts"),
            transform: NumericOption.number(in: MiningOptions.tdpRange))
    var cpuTDP: Double?

    @Flag(name: .long, help: "Print one JSON object (°C, RPM, V, A, W, J, MHz) instead of text.")
    var json = false

    /// Seconds between reports: a tenth of a second (faster only redraws the same rates) to a day.
    static let watchRange: ClosedRange<Double> = 0.1...86_400
    /// Seconds of back-to-back sampling: long enough for one sample, at most an hour.
    static let measureRange: ClosedRange<Double> = 0.1...3_600

    @Option(name: .long, help: ArgumentHelp(
        "Print a fresh report every N seconds (0.1 to 86400) until interrupted (Ctrl-C).", valueName: "seconds"),
            transform: NumericOption.number(in: watchRange))
    var watch: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Take samples back to back for N seconds (0.1 to 3600) and print what one costs (wall and CPU time), instead of a report.",
        valueName: "seconds"),
            transform: NumericOption.number(in: measureRange))
    var measure: Double?

    func run() throws {
        if let problem = Self.rootProblem(root) {
            OutputChannel.standardError.write("rigtop sensors: --root \(root): \(problem)" + "\n")
            throw ExitCode.failure
        }
        // NVML describes the live machine, so it is loaded only when reading `/` (the sampler's default).
        let sampler = SensorSampler(root: SysfsRoot(root), configuration: SensorConfiguration(
            powerModel: PowerEstimate(cpuTDP: cpuTDP.map { Power(watts: $0) })))
        if let measure {
            print(Self.measureCost(of: sampler, seconds: measure, json: json))
            return
        }
        guard let watch else {
            emit(sampler.sampleWithRates(interval: .milliseconds(250)))
            return
        }

        // Ctrl-C is how a watch ends, so it ends with status 0; `_exit` is async-signal-safe,
        // and every frame has been flushed before the next sleep.
        signal(SIGINT) { _ in _exit(0) }
        let clearScreen = isatty(STDOUT_FILENO) == 1
        var sample = sampler.sampleWithRates(interval: .milliseconds(250))
        while true {
            if clearScreen { print("\u{1b}[H\u{1b}[2J", terminator: "") }
            emit(sample)
            Self.sleep(seconds: watch)
            // Rates now come from the previous frame's sample, over the whole watch interval.
            sample = sampler.sample()
        }
    }

    /// Samples back to back for `seconds`: samples taken, and the mean wall and CPU milliseconds
    /// of one (CPU: this thread's, so the figure holds on a loaded machine too).
    static func measureCost(of sampler: SensorSampler, seconds: Double, json: Bool) -> String {
        func clock(_ id: clockid_t) -> Double {
            var time = timespec()
            clock_gettime(id, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        _ = sampler.sample()  // first sample: opens and caches directory listings
        let (wallStart, cpuStart) = (clock(CLOCK_MONOTONIC), clock(CLOCK_THREAD_CPUTIME_ID))
        var count = 0
        var channels = 0
        // At least one sample, however short `seconds` is: the figures are per sample.
        while count == 0 || clock(CLOCK_MONOTONIC) - wallStart < seconds {
            let sample = sampler.sample()
            channels = sample.chips.reduce(0) { $0 + $1.channels.count }
            count += 1
        }
        let wall = (clock(CLOCK_MONOTONIC) - wallStart) / Double(count) * 1000
        let cpu = (clock(CLOCK_THREAD_CPUTIME_ID) - cpuStart) / Double(count) * 1000
        func ms(_ value: Double) -> String {
            String(Double(UntrustedNumber.clamped(value * 1000, to: 0...Int64(1e15))) / 1000)
        }
        if json {
            return #"{"samples":\#(count),"hwmon_channels":\#(channels),"wall_ms_per_sample":\#(ms(wall)),"cpu_ms_per_sample":\#(ms(cpu))}"#
        }
        return "\(count) samples of \(channels) hwmon channels: \(ms(wall)) ms wall, \(ms(cpu)) ms CPU per sample "
            + "(at one sample a second: \(ms(cpu / 10)) % of a core)"
    }

    private func emit(_ sample: SensorSample) {
        let report = SensorReport(sample)
        print(json ? report.json : report.text)
        fflush(nil)  // every output stream; naming `stdout` is a data race in Swift 6
    }

    /// Why `path` cannot stand for `/`, or nil when it can: it must be a directory holding `sys/`
    /// or `proc/` (catches `--root ../shared/fixtures` for `--root ../shared/fixtures/node_exporter`).
    static func rootProblem(_ path: String) -> String? {
        func isDirectory(_ path: String) -> Bool {
            var info = stat()
            return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return "cannot open: \(String(cString: strerror(errno)))"
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { return "not a directory" }
        let base = path.hasSuffix("/") ? path : path + "/"
        guard isDirectory(base + "sys") || isDirectory(base + "proc") else {
            return "no sys/ or proc/ inside; expected a directory standing for / (a captured sysfs tree)"
        }
        return nil
    }

    /// Sleeps `seconds` (in ``watchRange``; anything else is pinned into it, never converted raw).
    private static func sleep(seconds: Double) {
        let nanoseconds = UntrustedNumber.clamped(seconds * 1e9, to: Int64(watchRange.lowerBound * 1e9)...Int64(watchRange.upperBound * 1e9))
        var wait = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&wait, &remaining) != 0 && errno == EINTR { wait = remaining }
    }
}
