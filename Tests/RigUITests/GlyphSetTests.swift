import Testing
@testable import RigUI

@Suite struct GlyphSetTests {
    @Test(arguments: [
        (["LANG": "en_US.UTF-8"], true), (["LANG": "C.utf8"], true), (["LC_ALL": "C", "LANG": "en_US.UTF-8"], false),
        (["LC_CTYPE": "de_DE.UTF-8", "LANG": "C"], true), ([:], false), (["LANG": "POSIX"], false),
        (["LC_ALL": "", "LANG": "en_GB.UTF-8"], true),
    ] as [([String: String], Bool)])
    func chosenFromTheLocale(environment: [String: String], unicode: Bool) {
        #expect(GlyphSet.forLocale(environment: environment) == (unicode ? .unicode : .ascii))
    }
}
