import CRandomX

/// libFuzzer entry, differential: each input is a RandomX program execution (a v1 or v2 program
/// from the AES generator or raw instruction words, a configuration, the rounding mode at entry,
/// full or light mode, code-generation variants; layout in `jit_differential.c`), run by the x86-64
/// JIT and by the portable interpreter from the same state. Any difference in the register file,
/// ma/mx, the scratchpad or the rounding mode left behind stops the run as a crash. The same input
/// also seeds eight new SuperscalarHash programs, run for eight dataset items by the AVX-512 form
/// and by the interpreter (`superscalar_differential.c`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRandomXJIT(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if rx_jit_differential(data, size) != 0 {
        fatalError("RandomX JIT and interpreter disagree: \(String(cString: rx_jit_differential_last_error()))")
    }
    if rx_superscalar_differential(data, size) != 0 {
        fatalError("SuperscalarHash, eight items at once, and the interpreter disagree: \(String(cString: rx_superscalar_differential_last_error()))")
    }
    return 0
}

/// A light-mode cache for the executions that ask for it, built once (Argon2d, ≈ 1 s).
@_cdecl("LLVMFuzzerInitialize")
public func initializeRandomXJIT(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    guard let cache = rtx_alloc_cache(rtx_get_flags() & Int32(RTX_FLAG_JIT | RTX_FLAG_ARGON2)) else { return 0 }
    let key = Array("rigtop fuzz key".utf8)
    key.withUnsafeBytes { rtx_init_cache(cache, $0.baseAddress, $0.count) }
    rx_jit_differential_set_cache(cache)
    rx_superscalar_differential_set_cache(cache)
    return 0
}
