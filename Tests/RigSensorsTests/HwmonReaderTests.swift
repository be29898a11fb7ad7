import RigTestSupport
import Testing
@testable import RigSensors

@Suite("HwmonReader on node_exporter", .enabled(if: FixtureTree.available, FixtureTree.missingMessage))
struct HwmonReaderNodeExporterTests {
    let chips = HwmonReader(root: FixtureTree.root("node_exporter")).read()

    func chip(_ hwmon: Int) throws -> HwmonChip {
        try #require(chips.first { $0.hwmonIndex == hwmon }, "hwmon\(hwmon) missing")
    }

    @Test func chipsAndChannelCounts() {
        // 11 class entries; bogus (hwmon5) and the two asus pwm-only chips have no readable channel.
        #expect(chips.map(\.hwmonIndex) == [0, 1, 2, 3, 4, 8, 9, 10])
        #expect(chips.reduce(0) { $0 + $1.channels.count } == 24)
        #expect(HwmonReader(root: FixtureTree.root("node_exporter")).read(includeEmpty: true).count == 11)
        #expect(Set(chips.map(\.id)).count == chips.count)
    }

    @Test func coretemp() throws {
        for (hwmon, device) in [(0, "coretemp.0"), (1, "coretemp.1")] {
            let chip = try chip(hwmon)
            #expect(chip.name == "coretemp")
            #expect(chip.device?.name == device)
            #expect(chip.device?.path == "sys/devices/platform/\(device)")
            #expect(chip.id == "coretemp@sys/devices/platform/\(device)")
            #expect(chip.channels.map(\.label) == ["Physical id 0", "Core 0", "Core 1", "Core 2", "Core 3"])
            #expect(chip.channels.map(\.value) == [55, 54, 52, 53, 50])
            for channel in chip.channels {
                #expect(channel.unit == .celsius)
                #expect(channel.thresholds == ["max": 84, "crit": 100])
                #expect(channel.alarms == ["crit_alarm": false])
            }
        }
    }

    @Test func applesmcAttributesInDevice() throws {
        let chip = try chip(2)
        #expect(chip.name == "applesmc")
        #expect(chip.attributesInDevice)
        let fan1 = try #require(chip.channel(.fan, 1))
        #expect(fan1.label == "Left side")
        #expect(fan1.value == 0)
        #expect(fan1.thresholds == ["min": 2160, "max": 6156])
        #expect(fan1.attributes["output"] == 2160)
        #expect(fan1.attributes["manual"] == 0)
        let fan2 = try #require(chip.channel(.fan, 2))
        #expect(fan2.label == "Right side")
        #expect(fan2.value == 1998)
        #expect(fan2.thresholds == ["min": 2000, "max": 5700])
        #expect(fan2.attributes["output"] == 2000)
    }

    @Test func nct6779() throws {
        let chip = try chip(3)
        #expect(chip.name == "nct6779")
        #expect(chip.device == nil)
        #expect(chip.id == "nct6779")
        #expect(chip.channels.map(\.id) == ["fan2", "in0", "in1", "intrusion0", "intrusion1"])
        let fan2 = try #require(chip.channel(.fan, 2))
        #expect(fan2.value == 1098)
        #expect(fan2.thresholds == ["min": 0, "target": 27000])
        #expect(fan2.attributes["pulses"] == 2)
        #expect(fan2.alarms["alarm"] == false)
        let in0 = try #require(chip.channel(.in, 0))
        #expect(in0.value == 0.792)
        #expect(in0.unit == .volts)
        #expect(in0.thresholds["max"] == 1.744)
        #expect(try #require(chip.channel(.in, 1)).alarms["alarm"] == true)
        #expect(try #require(chip.channel(.intrusion, 0)).value == 1)
        #expect(try #require(chip.channel(.intrusion, 1)).alarms["alarm"] == true)
        // pwm1 has pwm1_enable and auto points but no pwm1 value file: not a channel.
        #expect(chip.channel(.pwm, 1) == nil)
    }

    @Test func plainDirectoryChipWithoutName() throws {
        let chip = try chip(4)
        #expect(chip.name == "hwmon4")
        #expect(chip.nameReason == .missing)
        #expect(chip.device == nil)
        #expect(chip.channels.map(\.displayName) == ["foosensor", "foosensor", "sclk", "mclk"])
        #expect(chip.channels.map(\.value) == [55, 54, 214, 300])
        #expect(chip.channel(.freq, 1)?.unit == .megahertz)
        #expect(chip.channel(.temp, 2)?.thresholds == ["max": 100, "crit": 100])
    }

    @Test func wifiChipsShareAParent() throws {
        let wifi = chips.filter { $0.name.hasPrefix("mt7996") }
        #expect(wifi.map(\.name) == ["mt7996_phy0_0", "mt7996_phy0_1", "mt7996_phy0_2"])
        #expect(wifi.map { $0.channels.first?.value } == [55, 56, 57])
        #expect(wifi.allSatisfy { $0.device?.path == "sys/devices/platform/soc/18000000.wifi/ieee80211/phy0" })
    }

    @Test func unlinkedPCIChips() throws {
        let reader = HwmonReader(root: FixtureTree.root("node_exporter"))
        let nvme = try #require(reader.readChip("sys/devices/pci0000:00/0000:00:02.1/0000:01:00.0/nvme/nvme0/hwmon3", hwmonIndex: 3))
        #expect(nvme.name == "nvme")
        let composite = try #require(nvme.channel(.temp, labelled: "Composite"))
        #expect(composite.value == 43.85)
        #expect(composite.thresholds == ["min": -0.15, "max": 84.85, "crit": 94.85])
        // Sensor 1 has min -273.15 and max 65261.85: both mean "unset" and are dropped.
        #expect(nvme.channel(.temp, labelled: "Sensor 1")?.thresholds == [:])
        #expect(nvme.channel(.temp, 9)?.label == "Sensor 8")
        let nic = try #require(reader.readChip("sys/devices/pci0000:40/0000:40:01.3/0000:45:00.0/hwmon/hwmon0", hwmonIndex: 0))
        #expect(nic.name == "i350bb")
        #expect(nic.device?.pciSlot == "0000:45:00.0")
        #expect(nic.channel(.temp, 1)?.thresholds == ["max": 120, "crit": 110])
    }
}
