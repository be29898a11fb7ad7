/// Lists CPUs and reads their cpufreq attributes (values in kHz, Documentation/cpu-freq).
public struct CpufreqReader: Sendable {
    public var root: SysfsRoot

    public init(root: SysfsRoot = SysfsRoot()) {
        self.root = root
    }

    /// The N of every `sys/devices/system/cpu/cpuN` directory, ascending.
    public func cpuNumbers() -> [Int] {
        guard case .success(let entries) = root.list("sys/devices/system/cpu") else { return [] }
        return entries.compactMap { entry in
            entry.name.hasPrefix("cpu") ? Int(entry.name.dropFirst(3)) : nil
        }.sorted()
    }

    /// cpufreq for every CPU that has a `cpufreq` directory.
    public func read() -> [CPUFrequency] {
        cpuNumbers().compactMap(read(cpu:))
    }

    /// cpufreq for one CPU; nil when it has no `cpufreq` directory.
    public func read(cpu: Int) -> CPUFrequency? {
        let directory = "sys/devices/system/cpu/cpu\(cpu)/cpufreq"
        guard root.isDirectory(directory) else { return nil }
        func frequency(_ file: String) -> Result<Frequency, ReadingError> {
            root.readInteger(directory + "/" + file).map(Frequency.init(kilohertz:))
        }
        var result = CPUFrequency(cpu: cpu)
        switch frequency("scaling_cur_freq") {
        case .success(let value): result.current = value
        case .failure(let scalingError):
            switch frequency("cpuinfo_cur_freq") {
            case .success(let value): result.current = value
            case .failure(.missing): result.reason = scalingError
            case .failure(let error): result.reason = error
            }
        }
        result.scalingMin = try? frequency("scaling_min_freq").get()
        result.scalingMax = try? frequency("scaling_max_freq").get()
        result.hardwareMin = try? frequency("cpuinfo_min_freq").get()
        result.hardwareMax = try? frequency("cpuinfo_max_freq").get()
        result.base = try? frequency("base_frequency").get()
        result.governor = try? root.readText(directory + "/scaling_governor").get()
        result.driver = try? root.readText(directory + "/scaling_driver").get()
        return result
    }
}
