import RigUI

/// libFuzzer entry: the text of a `.theme` file (btop's format plus rigtop's roles), then every
/// role's colour as each terminal depth would draw it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTheme(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parsed: ThemeFile.Parsed
    do { parsed = try ThemeFile.parse(text, file: "fuzz.theme", name: "fuzz") } catch {
        _ = error.description
        return 0
    }
    _ = parsed.warnings.map(\.description)
    let palettes: [ColorDepth: Int] = [.eight: 8, .sixteen: 16, .palette256: 256, .trueColor: 16]
    for role in ColorRole.allCases {
        for depth in ColorDepth.allCases {
            if case .indexed(let index) = parsed.theme[role].terminalColor(at: depth) {
                precondition((0..<(palettes[depth] ?? 0)).contains(index), "\(role) at \(depth) is palette entry \(index)")
            }
        }
    }
    return 0
}
