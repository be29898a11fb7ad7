import RigTestSupport
import Testing

/// The RandomX mode checks hold on a machine with huge pages as on one without, and still fail
/// on another mode or an unknown suffix.
@Suite struct RandomXModeTextTests {
    @Test(arguments: ["light", "light, large pages", "light, 1 GiB pages"])
    func lightWithOrWithoutHugePages(_ reported: String) {
        #expect(RandomXModeText.matches(reported, mode: "light"))
    }

    @Test(arguments: ["full", "full, large pages", "lightning", "light, small pages", "light,", ""])
    func otherModesAndSuffixesDoNotMatch(_ reported: String) {
        #expect(!RandomXModeText.matches(reported, mode: "light"))
        #expect(!RandomXModeText.matches(nil, mode: "light"))
    }
}
