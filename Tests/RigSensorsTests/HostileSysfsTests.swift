import Foundation
import Testing
@testable import RigSensors

/// Sysfs values no sensor can give (Int64.max, 1e300) and labels with terminal escapes: refused
/// or escaped at the read, so no report, panel or log can trap on them or be hijacked by them.
@Suite struct HostileSysfsTests {
    @Test func integersPastTwoToTheFiftyThreeAreOutOfRange() {
        #expect(SysfsRoot.parseInteger(Array("9223372036854775807\n".utf8)) == .failure(.outOfRange("9223372036854775807")))
        #expect(SysfsRoot.parseInteger(Array("-9223372036854775808".utf8)) == .failure(.outOfRange("-9223372036854775808")))
        #expect(SysfsRoot.parseInteger(Array("99999999999999999999".utf8)) == .failure(.notANumber("99999999999999999999")))
        #expect(SysfsRoot.parseInteger(Array("4500\n".utf8)) == .success(4500))
    }

    @Test func anAmdgpuCardWithInt64MaxFanAndBusyIsReportedNotTrapped() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-hostile-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let device = root.appendingPathComponent("sys/devices/pci0000:00/0000:03:00.0")
        let hwmon = device.appendingPathComponent("hwmon/hwmon3")
        try FileManager.default.createDirectory(at: hwmon, withIntermediateDirectories: true)
        let classHwmon = root.appendingPathComponent("sys/class/hwmon")
        let classDRM = root.appendingPathComponent("sys/class/drm/card0")
        try FileManager.default.createDirectory(at: classHwmon, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: classDRM, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: classHwmon.appendingPathComponent("hwmon3"), withDestinationURL: hwmon)
        try FileManager.default.createSymbolicLink(at: classDRM.appendingPathComponent("device"), withDestinationURL: device)
        try FileManager.default.createSymbolicLink(at: hwmon.appendingPathComponent("device"), withDestinationURL: device)
        let files: [(URL, String)] = [
            (hwmon.appendingPathComponent("name"), "amdgpu\n"),
            (hwmon.appendingPathComponent("fan1_input"), "9223372036854775807\n"),
            (hwmon.appendingPathComponent("temp1_input"), "1e300\n"),
            (hwmon.appendingPathComponent("temp1_label"), "edge\u{1B}]0;pwned\u{07}\n"),
            (device.appendingPathComponent("gpu_busy_percent"), "9223372036854775807\n"),
            (device.appendingPathComponent("vendor"), "0x1002\n"),
        ]
        for (url, text) in files { try text.write(to: url, atomically: true, encoding: .utf8) }

        let sample = SensorSampler(root: SysfsRoot(root.path), loadNVML: false).sample()
        let chip = try #require(sample.chips.first { $0.name == "amdgpu" })
        #expect(chip.channels.first { $0.kind == .fan }?.reason == .outOfRange("9223372036854775807"))
        let temp = try #require(chip.channels.first { $0.kind == .temp })
        #expect(temp.reason == .notANumber("1e300"))  // hwmon values are integers
        #expect(temp.label == #"edge\u{1B}]0;pwned\u{7}"#)
        #expect(sample.gpus.allSatisfy { $0.busyPercent == nil })
        let text = SensorReport(sample).text
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("out of range"))
    }
}

/// Found by `scripts/fuzz.sh Sysfs`: /proc/stat counters whose sum passes UInt64.max trapped.
@Suite struct ProcStatOverflowTests {
    @Test func countersNearTheMaximumDoNotTrap() {
        let huge = CPUTimes(user: .max - 1, nice: .max - 1, system: 5, idle: .max, iowait: 3)
        #expect(huge.busy == .max && huge.total == .max)
        #expect(CPUTimes.utilisation(from: huge, to: huge) == nil)
    }
}
