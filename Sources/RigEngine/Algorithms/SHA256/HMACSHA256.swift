/// HMAC-SHA-256 (RFC 2104) and PBKDF2-HMAC-SHA-256 (RFC 8018 §5.2), the key-derivation halves of
/// scrypt. Portable and unhurried: the reference, not the mining kernel.
public enum HMACSHA256 {
    /// HMAC-SHA-256 of `message` under `key`.
    public static func authenticate(_ message: [UInt8], key: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? SHA256.hash(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        var inner = SHA256()
        inner.update(block.map { $0 ^ 0x36 })
        inner.update(message)
        var outer = SHA256()
        outer.update(block.map { $0 ^ 0x5c })
        outer.update(inner.finalize())
        return outer.finalize()
    }

    /// PBKDF2 with HMAC-SHA-256 as the pseudo-random function.
    public static func pbkdf2(password: [UInt8], salt: [UInt8], iterations: Int, keyLength: Int) -> [UInt8] {
        precondition(iterations >= 1 && keyLength >= 0)
        var derived = [UInt8]()
        derived.reserveCapacity(keyLength + 32)
        var blockIndex: UInt32 = 1
        while derived.count < keyLength {
            let indexBytes: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: blockIndex >> $0) }
            var u = authenticate(salt + indexBytes, key: password)
            var t = u
            for _ in 1..<iterations {
                u = authenticate(u, key: password)
                for i in 0..<t.count { t[i] ^= u[i] }
            }
            derived += t
            blockIndex += 1
        }
        return Array(derived.prefix(keyLength))
    }
}
