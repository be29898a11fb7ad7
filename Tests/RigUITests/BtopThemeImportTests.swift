import Testing
@testable import RigUI

@Suite struct BtopThemeImportTests {
    /// Shaped like btop's own `themes/nord.theme`, comments and empty gradient stops included.
    static let btopNord = """
        #Bashtop theme with nord palette (https://www.nordtheme.com)

        # Colors should be in 6 or 2 character hexadecimal or single spaced rgb decimal: "#RRGGBB", "#BW" or "0-255 0-255 0-255"
        # example for white: "#FFFFFF", "#ff" or "255 255 255".

        # Main background, empty for terminal default, need to be empty if you want transparent background
        theme[main_bg]="#2E3440"
        theme[main_fg]="#D8DEE9"
        theme[title]="#8FBCBB"
        theme[hi_fg]="#5E81AC"
        theme[selected_bg]="#4C566A"
        theme[selected_fg]="#ECEFF4"
        theme[inactive_fg]="#4C566A"
        theme[graph_text]="#D8DEE9"
        theme[meter_bg]="#4C566A"
        theme[proc_misc]="#5E81AC"
        theme[cpu_box]="#4C566A"
        theme[mem_box]="#4C566A"
        theme[net_box]="#4C566A"
        theme[proc_box]="#4C566A"
        theme[div_line]="#4C566A"
        theme[temp_start]="#81A1C1"
        theme[temp_mid]="#88C0D0"
        theme[temp_end]="#ECEFF4"
        theme[cpu_start]="#81A1C1"
        theme[cpu_mid]=""
        theme[cpu_end]=""
        theme[free_start]="#81A1C1"
        theme[free_mid]="#88C0D0"
        theme[free_end]="#ECEFF4"
        theme[cached_start]="#81A1C1"
        theme[cached_mid]="#88C0D0"
        theme[cached_end]="#ECEFF4"
        theme[available_start]="#81A1C1"
        theme[available_mid]="#88C0D0"
        theme[available_end]="#ECEFF4"
        theme[used_start]="#81A1C1"
        theme[used_mid]="#88C0D0"
        theme[used_end]="#ECEFF4"
        theme[download_start]="#81A1C1"
        theme[download_mid]="#88C0D0"
        theme[download_end]="#ECEFF4"
        theme[upload_start]="#81A1C1"
        theme[upload_mid]="#88C0D0"
        theme[upload_end]="#ECEFF4"
        theme[process_start]="#81A1C1"
        theme[process_mid]="#88C0D0"
        theme[process_end]="#ECEFF4"
        """

    @Test func aBtopThemeMapsToRigtopRolesWithoutWarnings() throws {
        let parsed = try ThemeFile.parse(Self.btopNord, file: "nord.theme", name: "nord")
        let theme = parsed.theme
        #expect(parsed.warnings.isEmpty)
        #expect(theme[.background] == .hex(0x2e3440))
        #expect(theme[.foreground] == .hex(0xd8dee9))
        #expect(theme[.title] == .hex(0x8fbcbb))
        #expect(theme[.highlight] == .hex(0x5e81ac))
        #expect(theme[.selectedBackground] == .hex(0x4c566a))
        #expect(theme[.dimText] == .hex(0x4c566a))
        #expect(theme[.hashrateBox] == .hex(0x4c566a))
        #expect(theme[.threadSparkline] == .hex(0x5e81ac))
        #expect(theme[.tempNormal] == .hex(0x81a1c1))
        #expect(theme[.tempWarm] == .hex(0x88c0d0))
        #expect(theme[.tempCritical] == .hex(0xeceff4))
        #expect(theme[.hashrateGraph] == .hex(0x81a1c1))
    }

    @Test func emptyGradientStopsRepeatThePreviousStop() throws {
        let theme = try ThemeFile.parse(Self.btopNord, file: "nord.theme", name: "nord").theme
        #expect(theme[.meterLow] == .hex(0x81a1c1))
        #expect(theme[.meterMid] == .hex(0x81a1c1))
        #expect(theme[.meterHigh] == .hex(0x81a1c1))
    }

    @Test func btopGreyAndDecimalForms() throws {
        let theme = try ThemeFile.parse("theme[main_bg]=\"#1e\"\ntheme[main_fg]=\"255 255 255\"\n", file: "g", name: "g").theme
        #expect(theme[.background] == .hex(0x1e1e1e))
        #expect(theme[.foreground] == .hex(0xffffff))
    }

    @Test func everyMappedKeyIsABtopKeyAndEveryRoleIsReachableOrOwn() {
        for entry in BtopThemeImport.mapping {
            #expect(BtopThemeImport.isKnown(entry.btopKey), "\(entry.btopKey)")
        }
        #expect(BtopThemeImport.roles(for: "download_mid").isEmpty)
        #expect(!BtopThemeImport.isKnown("sparkle"))
    }
}
