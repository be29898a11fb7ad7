import Foundation
import Glibc
import Testing
@testable import RigSensors

/// Each failure the issue lists: the reader keeps what it could read and names what it could not.
@Suite("Robustness")
struct RobustnessTests {
    @Test func garbageValue() throws {
        let chip = try #require(HwmonReader(root: ErrorFixture.root("garbage-value")).read().first)
        #expect(chip.name == "k10temp")
        let tctl = try #require(chip.channel(.temp, labelled: "Tctl"))
        #expect(tctl.value == 45.125)
        #expect(tctl.errors["crit"] == .notANumber("hot"))
        let tccd = try #require(chip.channel(.temp, labelled: "Tccd1"))
        #expect(tccd.value == nil)
        #expect(tccd.reason == .notANumber("N/A"))
        #expect(SensorReport.formatValue(tccd) == "N/A (not a number: \"N/A\")")
    }

    @Test func emptyFile() throws {
        let chip = try #require(HwmonReader(root: ErrorFixture.root("empty-file")).read().first)
        #expect(chip.channel(.temp, 1)?.reason == .empty)
        #expect(chip.channel(.temp, 1)?.label == "Composite")
        #expect(chip.channel(.temp, 2)?.value == 38.85)
        #expect(chip.channel(.temp, 2)?.errors["label"] == .empty)
    }

    @Test func nulPaddedName() throws {
        let chip = try #require(HwmonReader(root: ErrorFixture.root("nul-padded-name")).read().first)
        #expect(chip.name == "amdgpu")
        #expect(chip.hwmonIndex == 8)
    }

    @Test func danglingDeviceLink() throws {
        let chips = HwmonReader(root: ErrorFixture.root("dangling-device-link")).read()
        // hwmon5 is a class link to nothing: skipped, not a crash.
        #expect(chips.map(\.hwmonIndex) == [2])
        let device = try #require(chips.first?.device)
        #expect(device.name == "0000:00:18.3")
        #expect(device.pciSlot == "0000:00:18.3")
        #expect(device.path == nil)
        #expect(device.reason == .danglingLink("../../../0000:00:18.3/"))
        #expect(chips.first?.channel(.temp, 1)?.value == 31.875)
    }

    @Test func hugeChip() throws {
        let tree = TemporaryTree()
        let chip = "sys/class/hwmon/hwmon0"
        tree.write(chip + "/name", "bigchip\n")
        for n in 1...2000 {
            tree.write(chip + "/temp\(n)_input", "\(n * 10)\n")
            tree.write(chip + "/temp\(n)_label", "sensor \(n)\n")
        }
        for n in 1...1000 { tree.write(chip + "/junk\(n)", "x") }
        let chips = HwmonReader(root: tree.root).read()
        let read = try #require(chips.first)
        #expect(read.channels.count == 2000)
        #expect(read.channels.map(\.index) == Array(1...2000))
        #expect(read.channel(.temp, 1500)?.value == 15)
        #expect(read.channel(.temp, 1500)?.label == "sensor 1500")
    }

    @Test func permissionDenied() throws {
        let tree = TemporaryTree()
        tree.write("sys/class/hwmon/hwmon0/name", "nct6798\n")
        tree.write("sys/class/hwmon/hwmon0/temp1_input", "40000\n")
        tree.write("sys/class/hwmon/hwmon0/temp2_input", "41000\n")
        tree.write("sys/class/powercap/intel-rapl:0/name", "package-0\n")
        tree.write("sys/class/powercap/intel-rapl:0/energy_uj", "123\n")
        chmod(tree.path + "/sys/class/hwmon/hwmon0/temp2_input", 0)
        chmod(tree.path + "/sys/class/powercap/intel-rapl:0/energy_uj", 0)
        // Root (CI containers) reads mode-000 files anyway (CAP_DAC_OVERRIDE): nothing to check there.
        guard access(tree.path + "/sys/class/hwmon/hwmon0/temp2_input", R_OK) != 0 else { return }
        let chip = try #require(HwmonReader(root: tree.root).read().first)
        #expect(chip.channel(.temp, 1)?.value == 40)
        #expect(chip.channel(.temp, 2)?.reason == .permissionDenied)
        #expect(RaplReader(root: tree.root).read().first?.reason == .needsRoot)
    }

    @Test func permissionMappings() {
        #expect(ReadingError(errno: EACCES) == .permissionDenied)
        #expect(ReadingError(errno: EPERM) == .permissionDenied)
        #expect(ReadingError(errno: ENOENT) == .missing)
        #expect(ReadingError(errno: ENODATA) == .io(errno: ENODATA))
        #expect(ReadingError.io(errno: ENODATA).description == "I/O error ENODATA")
        #expect(ReadingError.needsRoot.description == "needs root")
    }

    @Test func vanishedBetweenListingAndReading() throws {
        let tree = TemporaryTree()
        let chip = "sys/class/hwmon/hwmon0"
        tree.write(chip + "/name", "drivetemp\n")
        tree.write(chip + "/temp1_input", "30000\n")
        tree.write(chip + "/temp1_max", "60000\n")
        tree.write(chip + "/temp2_input", "31000\n")
        let listing = try tree.root.list(chip).get().map(\.name)
        unlink(tree.path + "/" + chip + "/temp1_input")
        unlink(tree.path + "/" + chip + "/temp1_max")
        let channels = HwmonReader(root: tree.root).readChannels(chip, files: listing)
        #expect(channels.map(\.id) == ["temp1", "temp2"])
        #expect(channels[0].reason == .vanished)
        #expect(channels[0].errors["max"] == .vanished)
        #expect(channels[1].value == 31)
    }

    @Test func eioOnRead() throws {
        // Reading /proc/self/mem at offset 0 fails with EIO (page 0 is never mapped): a real EIO.
        let tree = TemporaryTree()
        tree.write("sys/class/hwmon/hwmon0/name", "it8688\n")
        tree.symlink("sys/class/hwmon/hwmon0/temp1_input", to: "/proc/self/mem")
        tree.write("sys/class/hwmon/hwmon0/temp2_input", "42000\n")
        let chip = try #require(HwmonReader(root: tree.root).read().first)
        #expect(chip.channel(.temp, 1)?.reason == .io(errno: EIO))
        #expect(chip.channel(.temp, 2)?.value == 42)
    }

    @Test func eagainOnRead() throws {
        // A FIFO with a writer that never writes: the non-blocking read fails with EAGAIN instead
        // of hanging the sample.
        let tree = TemporaryTree()
        tree.write("sys/class/hwmon/hwmon0/name", "it8688\n")
        let fifo = tree.path + "/sys/class/hwmon/hwmon0/fan1_input"
        #expect(mkfifo(fifo, 0o644) == 0)
        let writer = open(fifo, O_RDWR | O_NONBLOCK)
        defer { close(writer) }
        let chip = try #require(HwmonReader(root: tree.root).read().first)
        #expect(chip.channel(.fan, 1)?.reason == .io(errno: EAGAIN))
    }

    @Test func missingRootNeverCrashes() {
        let sampler = SensorSampler(root: SysfsRoot("/nonexistent/rigtop"), loadNVML: false)
        let sample = sampler.sample()
        #expect(sample.chips.isEmpty && sample.cpus.isEmpty && sample.power.isEmpty)
        #expect(SensorReport(sample).text.contains("(no power sources)"))
    }
}
