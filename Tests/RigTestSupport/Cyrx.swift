/// cyrx (PyPI: RandomX 2.0 with v2 and commitments), the oracle the RandomX v2 tests compare with;
/// `scripts/dev.sh test` installs it with pip.
public enum Cyrx {
    /// Whether python3 can import cyrx; suites that need it are skipped with a message otherwise.
    public static let installed: Bool = PythonModule.importable("import cyrx")
}
