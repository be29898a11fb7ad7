import Foundation
import RigInput
import Testing

/// Files a person names are read with a reason a person can act on, never hang, and never fill memory.
@Suite struct OutsideFileTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rigtop-file-\(UUID())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func readsARegularFile() throws {
        let path = try Self.folder() + "/a.toml"
        try "threads = 2\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try OutsideFile.text(atPath: path) == "threads = 2\n")
    }

    @Test("what is not a regular file says what it is", arguments: [
        ("/dev/null", "a character device, not a regular file"),
        ("/dev/zero", "a character device, not a regular file"),
        ("/", "a directory, not a file"),
        ("/nonexistent-rigtop-path", "no such file"),
    ])
    func notAFile(_ path: String, _ reason: String) {
        #expect(throws: OutsideFile.Failure.self) { try OutsideFile.text(atPath: path) }
        do {
            _ = try OutsideFile.text(atPath: path)
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test("a FIFO with no writer is refused at once, not waited on")
    func fifo() throws {
        let path = try Self.folder() + "/fifo"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: OutsideFile.Failure.notRegular("a FIFO (named pipe)")) { try OutsideFile.text(atPath: path) }
    }

    @Test func tooLargeAndNotUTF8() throws {
        let folder = try Self.folder()
        try Data(repeating: 0x41, count: 5000).write(to: URL(fileURLWithPath: folder + "/big"))
        #expect(throws: OutsideFile.Failure.tooLarge(limit: 4096)) { try OutsideFile.text(atPath: folder + "/big", limit: 4096) }
        try Data([0x61, 0xFF, 0xFE]).write(to: URL(fileURLWithPath: folder + "/latin"))
        #expect(throws: OutsideFile.Failure.notUTF8) { try OutsideFile.text(atPath: folder + "/latin") }
    }
}
