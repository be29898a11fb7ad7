import Glibc

/// Reads NVIDIA GPUs through NVML, loaded at run time with `dlopen("libnvidia-ml.so.1")`.
///
/// No library (no NVIDIA driver) means no NVIDIA GPUs: `read()` returns `[]` and nothing is
/// reported as an error. Function signatures follow nvml.h (`nvmlReturn_t` is a C enum, 32-bit;
/// `nvmlDevice_t` an opaque pointer).
///
/// Not `Sendable`: it owns the library handle and NVML's init/shutdown pairing. Keep it with the
/// one sampler that uses it.
public final class NVMLReader {
    private typealias InitFn = @convention(c) () -> Int32
    private typealias CountFn = @convention(c) (UnsafeMutablePointer<UInt32>) -> Int32
    private typealias HandleFn = @convention(c) (UInt32, UnsafeMutablePointer<OpaquePointer?>) -> Int32
    private typealias NameFn = @convention(c) (OpaquePointer?, UnsafeMutablePointer<CChar>, UInt32) -> Int32
    private typealias UIntFn = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias SelectUIntFn = @convention(c) (OpaquePointer?, UInt32, UnsafeMutablePointer<UInt32>) -> Int32
    private typealias UInt64Fn = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt64>) -> Int32

    private struct Functions {
        var shutdown: InitFn
        var count: CountFn
        var handle: HandleFn
        var name: NameFn?
        var temperature: SelectUIntFn?
        var temperatureThreshold: SelectUIntFn?
        var powerUsage: UIntFn?
        var powerLimit: UIntFn?
        var fanSpeed: UIntFn?
        var clock: SelectUIntFn?
        var utilization: UIntFn?
        var clockEventReasons: UInt64Fn?
    }

    private let library: UnsafeMutableRawPointer?
    private let functions: Functions?

    /// Loads NVML and calls `nvmlInit_v2`; on any failure the reader is empty.
    public init(libraryName: String = "libnvidia-ml.so.1") {
        guard let library = dlopen(libraryName, RTLD_NOW | RTLD_LOCAL) else {
            self.library = nil
            self.functions = nil
            return
        }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(library, name).map { unsafeBitCast($0, to: type) }
        }
        guard let initialise = symbol("nvmlInit_v2", as: InitFn.self),
              let shutdown = symbol("nvmlShutdown", as: InitFn.self),
              let count = symbol("nvmlDeviceGetCount_v2", as: CountFn.self),
              let handle = symbol("nvmlDeviceGetHandleByIndex_v2", as: HandleFn.self),
              initialise() == 0
        else {
            dlclose(library)
            self.library = nil
            self.functions = nil
            return
        }
        self.library = library
        self.functions = Functions(
            shutdown: shutdown, count: count, handle: handle,
            name: symbol("nvmlDeviceGetName", as: NameFn.self),
            temperature: symbol("nvmlDeviceGetTemperature", as: SelectUIntFn.self),
            temperatureThreshold: symbol("nvmlDeviceGetTemperatureThreshold", as: SelectUIntFn.self),
            powerUsage: symbol("nvmlDeviceGetPowerUsage", as: UIntFn.self),
            powerLimit: symbol("nvmlDeviceGetEnforcedPowerLimit", as: UIntFn.self),
            fanSpeed: symbol("nvmlDeviceGetFanSpeed", as: UIntFn.self),
            clock: symbol("nvmlDeviceGetClockInfo", as: SelectUIntFn.self),
            utilization: symbol("nvmlDeviceGetUtilizationRates", as: UIntFn.self),
            clockEventReasons: symbol("nvmlDeviceGetCurrentClocksEventReasons", as: UInt64Fn.self)
                ?? symbol("nvmlDeviceGetCurrentClocksThrottleReasons", as: UInt64Fn.self))
    }

    deinit {
        if let functions { _ = functions.shutdown() }
        if let library { dlclose(library) }
    }

    /// Whether NVML loaded and initialised.
    public var isAvailable: Bool { functions != nil }

    /// One sample per NVIDIA GPU; `[]` without NVML.
    public func read(policy: ThrottlePolicy = ThrottlePolicy()) -> [GPUSample] {
        guard let f = functions else { return [] }
        var count: UInt32 = 0
        guard f.count(&count) == 0 else { return [] }
        return (0..<count).compactMap { index in
            var device: OpaquePointer?
            guard f.handle(index, &device) == 0 else { return nil }
            func uint(_ fn: UIntFn?) -> UInt32? {
                var value: UInt32 = 0
                return fn?(device, &value) == 0 ? value : nil
            }
            func uint(_ fn: SelectUIntFn?, _ selector: UInt32) -> UInt32? {
                var value: UInt32 = 0
                return fn?(device, selector, &value) == 0 ? value : nil
            }
            var name: String?
            if let nameFn = f.name {
                // NVML_DEVICE_NAME_V2_BUFFER_SIZE is 96.
                var buffer = [CChar](repeating: 0, count: 96)
                if nameFn(device, &buffer, 96) == 0 {
                    name = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
                }
            }
            var gpu = GPUSample(id: "nvml:\(index)", driver: "nvidia", name: name, temperatures: [],
                                verdict: ThrottleVerdict())
            // NVML_TEMPERATURE_GPU = 0; NVML_TEMPERATURE_THRESHOLD_SLOWDOWN = 1.
            if let celsius = uint(f.temperature, 0) {
                var thresholds: [String: Double] = [:]
                if let slowdown = uint(f.temperatureThreshold, 1) { thresholds["max"] = Double(slowdown) }
                gpu.temperatures = [HwmonChannel(kind: .temp, index: 1, label: "gpu", value: Double(celsius),
                                                 thresholds: thresholds)]
            }
            if let milliwatts = uint(f.powerUsage) {
                gpu.power = Power(watts: Double(milliwatts) / 1000)
            } else {
                gpu.powerReason = .missing
            }
            gpu.powerCap = uint(f.powerLimit).map { Power(watts: Double($0) / 1000) }
            gpu.fanPercent = uint(f.fanSpeed).map(Double.init)
            // NVML_CLOCK_GRAPHICS = 0, NVML_CLOCK_MEM = 2; values in MHz.
            gpu.coreClock = uint(f.clock, 0).map { Frequency(megahertz: Double($0)) }
            gpu.memoryClock = uint(f.clock, 2).map { Frequency(megahertz: Double($0)) }
            if let utilization = f.utilization {
                // nvmlUtilization_t is { unsigned int gpu; unsigned int memory; }.
                var rates: (UInt32, UInt32) = (0, 0)
                let ok = withUnsafeMutablePointer(to: &rates) { pointer in
                    pointer.withMemoryRebound(to: UInt32.self, capacity: 2) { utilization(device, $0) == 0 }
                }
                if ok { gpu.busyPercent = Double(rates.0) }
            }
            if let reasonsFn = f.clockEventReasons {
                var bits: UInt64 = 0
                if reasonsFn(device, &bits) == 0 { gpu.clockEventReasons = NVMLClockEventReasons(rawValue: bits) }
            }
            gpu.verdict = .gpu(temperatures: gpu.temperatures, nvmlReasons: gpu.clockEventReasons, policy: policy)
            return gpu
        }
    }
}
