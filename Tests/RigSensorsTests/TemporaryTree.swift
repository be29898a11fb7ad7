import Foundation
import Glibc
@testable import RigSensors

/// A scratch sysfs tree under the temporary directory, removed on `deinit`.
final class TemporaryTree {
    let path: String
    var root: SysfsRoot { SysfsRoot(path) }

    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rigsensors-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        chmodTree(path)
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `contents` to `relative`, creating directories.
    /// (Plain `open`/`write`: FileManager takes seconds for the thousands of files of a huge chip.)
    func write(_ relative: String, _ contents: String) {
        let full = path + "/" + relative
        let directory = (full as NSString).deletingLastPathComponent
        if access(directory, F_OK) != 0 {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        _ = contents.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    func symlink(_ relative: String, to target: String) {
        let full = path + "/" + relative
        try? FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                 withIntermediateDirectories: true)
        try? FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: target)
    }

    private func chmodTree(_ path: String) {
        let walker = FileManager.default.enumerator(atPath: path)
        while let relative = walker?.nextObject() as? String { chmod(path + "/" + relative, 0o755) }
    }
}

/// The error-case trees in `Tests/RigSensorsTests/Fixtures/<case>`.
enum ErrorFixture {
    static func root(_ name: String) -> SysfsRoot {
        var path = #filePath
        if let real = realpath(path, nil) { path = String(cString: real); free(real) }
        return SysfsRoot((path as NSString).deletingLastPathComponent + "/Fixtures/" + name)
    }
}
