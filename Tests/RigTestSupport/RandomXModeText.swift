/// RandomX's memory mode as rigtop reports it: the mode ("light", "full"), then, where the
/// system has huge pages (`vm.nr_hugepages`, as README tells miners to set), which pages hold
/// the memory ("light, large pages").
///
/// A test asserts the mode and accepts any page suffix rigtop can report, so that it holds on a
/// miner's machine with huge pages as on one without; an unknown suffix still fails it.
public enum RandomXModeText {
    /// The suffixes rigtop reports: none, 2 MiB huge pages, 1 GiB pages.
    public static let pageSuffixes = ["", ", large pages", ", 1 GiB pages"]

    /// Whether `text` is `mode` with one of the ``pageSuffixes``.
    public static func matches(_ text: String?, mode: String) -> Bool {
        guard let text else { return false }
        return pageSuffixes.contains { text == mode + $0 }
    }
}
