import Foundation
import Glibc
public import Testing
public import RigSensors

/// The real sysfs trees in `<package root>/../shared/fixtures` (see its README.md).
///
/// Tests that use them are `.enabled(if: FixtureTree.available)`, so a clone without `../shared`
/// skips them with a message instead of failing.
///
/// The trees are read through a private copy: some checkouts of `../shared` store each symlink as a
/// plain file holding the link text (git with `core.symlinks=false`). `SHA256SUMS` lists every
/// regular file, so a plain file it does not list is such a link and is turned back into one.
/// A checkout with real symlinks is copied link for link. The copy is made once per content
/// (keyed by `SHA256SUMS`) under the temporary directory and shared by later runs.
public enum FixtureTree {
    /// `<package root>/../shared/fixtures`, reached from this file's path (Sources/RigTestSupport/, two levels below the root).
    public static let directory: String = {
        var path = #filePath
        if let real = realpath(path, nil) { path = String(cString: real); free(real) }
        var url = URL(fileURLWithPath: path)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures").path
    }()

    /// Whether `../shared/fixtures` exists beside the package.
    public static let available: Bool = FileManager.default.fileExists(atPath: directory + "/SHA256SUMS")

    /// Message for skipped suites.
    public static let missingMessage: Comment = "../shared/fixtures not found beside the package: fixture tests skipped"

    /// The root of one fixture, e.g. `root("node_exporter")`, `root("lact-amdgpu/rx580")`.
    public static func root(_ name: String) -> SysfsRoot {
        SysfsRoot(materialized + "/" + name)
    }

    /// The prepared root of one fixture as a path, for `rigtop --root`.
    public static func path(_ name: String) -> String { materialized + "/" + name }

    /// Path of a file in the original fixture directory (expected outputs).
    public static func original(_ name: String) -> String { directory + "/" + name }

    private static let materialized: String = {
        let fm = FileManager.default
        let sums = (try? String(contentsOfFile: directory + "/SHA256SUMS", encoding: .utf8)) ?? ""
        let key = sums.utf8.reduce(UInt64(1469598103934665603)) { ($0 ^ UInt64($1)) &* 1099511628211 }
        let target = fm.temporaryDirectory.appendingPathComponent("rigtop-fixtures-\(String(key, radix: 16))").path
        if fm.fileExists(atPath: target + "/.complete") { return target }

        let regular = Set(sums.split(separator: "\n").compactMap { line -> String? in
            guard let range = line.range(of: "  ./") else { return nil }
            return String(line[range.upperBound...])
        })
        let staging = target + ".staging-\(getpid())"
        try? fm.removeItem(atPath: staging)
        try? fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        let walker = fm.enumerator(atPath: directory)
        while let relative = walker?.nextObject() as? String {
            let source = directory + "/" + relative
            let destination = staging + "/" + relative
            var info = stat()
            guard lstat(source, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try? fm.createDirectory(atPath: destination, withIntermediateDirectories: true)
            case S_IFLNK:
                if let text = try? fm.destinationOfSymbolicLink(atPath: source) {
                    try? fm.createSymbolicLink(atPath: destination, withDestinationPath: text)
                }
            case S_IFREG where relative != "SHA256SUMS" && !regular.contains(relative):
                if let text = try? String(contentsOfFile: source, encoding: .utf8) {
                    try? fm.createSymbolicLink(atPath: destination, withDestinationPath: text)
                }
            default:
                _ = fm.createFile(atPath: destination, contents: fm.contents(atPath: source))
            }
        }
        _ = fm.createFile(atPath: staging + "/.complete", contents: Data())
        if rename(staging, target) != 0 {
            // Another test process won the race; its copy is identical.
            try? fm.removeItem(atPath: staging)
        }
        return target
    }()
}
