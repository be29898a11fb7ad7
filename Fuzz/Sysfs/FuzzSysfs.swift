import Foundation
@testable import RigSensors

/// libFuzzer entry: the bytes of one sysfs or procfs file, read the way the readers read them
/// (`readText`, `readInteger` on a real file), turned into each hwmon unit and the
/// text `rigtop sensors` prints, and parsed as `/proc/cpuinfo`, `/proc/stat` and an attribute
/// file name.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSysfs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    // Through a real file, as the readers see one (their 4 KiB and 128 B limits included).
    FileManager.default.createFile(atPath: tree.absolute("value"), contents: Data(bytes))
    _ = tree.readText("value")
    if case .success(let raw) = tree.readInteger("value") {
        precondition(SysfsRoot.parseInteger(bytes.count <= 128 ? bytes : Array(bytes.prefix(128))) == .success(raw))
        _ = (Temperature(millidegreesCelsius: raw), Frequency(kilohertz: raw), Frequency(hertz: raw),
             Power(microwatts: raw), Energy(microjoules: raw), Voltage(millivolts: raw), Current(milliamperes: raw))
        for kind in HwmonChannelKind.allCases {
            let value = Double(raw) / kind.divisor
            _ = SensorReport.format(value, kind)
            if kind == .temp { _ = ThermalGuard.format(value, decimals: 1) }
        }
    }
    _ = SysfsRoot.parseInteger(bytes)
    let info = CPUInfo.parse(text)
    _ = info.megahertz.values.map { Frequency(megahertz: $0) }
    let stat = ProcStat.parse(text)
    let idle = CPUTimes(user: 0, nice: 0, system: 0, idle: 0)
    for times in [stat.total].compactMap({ $0 }) + Array(stat.perCPU.values) {
        _ = CPUTimes.utilisation(from: idle, to: times)
        _ = CPUTimes.utilisation(from: times, to: times)
    }
    _ = HwmonAttributeName(text)
    return 0
}

/// A root of its own with the one file each input is written to.
let tree: SysfsRoot = {
    let path = NSTemporaryDirectory() + "rigtop-fuzz-sysfs-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return SysfsRoot(path)
}()
