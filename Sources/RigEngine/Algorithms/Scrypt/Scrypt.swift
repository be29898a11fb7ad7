/// The portable scrypt of RFC 7914 with any N, r and p: the reference the SIMD kernels are checked
/// against and the hash that re-verifies every found scrypt share.
///
/// Litecoin and Dogecoin use N = 1024, r = 1, p = 1, dkLen = 32 with the 80-byte header as both
/// password and salt (``litecoinProofOfWork(_:)``).
public enum Scrypt {
    /// scrypt(password, salt, N, r, p, dkLen) per RFC 7914 §6.
    public static func derive(
        password: [UInt8], salt: [UInt8], n: Int, r: Int, p: Int, keyLength: Int
    ) -> [UInt8] {
        precondition(n > 1 && n & (n - 1) == 0, "N must be a power of two greater than 1")
        precondition(r >= 1 && p >= 1)
        let blockBytes = 128 * r
        var b = HMACSHA256.pbkdf2(password: password, salt: salt, iterations: 1, keyLength: p * blockBytes)
        for i in 0..<p {
            let mixed = roMix(Array(b[(i * blockBytes)..<((i + 1) * blockBytes)]), n: n, r: r)
            b.replaceSubrange((i * blockBytes)..<((i + 1) * blockBytes), with: mixed)
        }
        return HMACSHA256.pbkdf2(password: password, salt: b, iterations: 1, keyLength: keyLength)
    }

    /// The Litecoin/Dogecoin proof-of-work hash of a header: scrypt(h, h, 1024, 1, 1, 32).
    public static func litecoinProofOfWork(_ header: [UInt8]) -> [UInt8] {
        derive(password: header, salt: header, n: 1024, r: 1, p: 1, keyLength: 32)
    }

    /// scryptROMix (RFC 7914 §5) over one 128·r-byte block.
    static func roMix(_ block: [UInt8], n: Int, r: Int) -> [UInt8] {
        let words = 32 * r
        var x = [UInt32](repeating: 0, count: words)
        for i in 0..<words {
            let low = UInt32(block[4 * i]) | UInt32(block[4 * i + 1]) << 8
            let high = UInt32(block[4 * i + 2]) << 16 | UInt32(block[4 * i + 3]) << 24
            x[i] = low | high
        }
        var v = [UInt32](repeating: 0, count: n * words)
        var y = [UInt32](repeating: 0, count: words)
        x.withUnsafeMutableBufferPointer { x in
            v.withUnsafeMutableBufferPointer { v in
                y.withUnsafeMutableBufferPointer { y in
                    for i in 0..<n {
                        for k in 0..<words { v[i * words + k] = x[k] }
                        blockMix(x, scratch: y, r: r)
                    }
                    for _ in 0..<n {
                        let j = Int(x[(2 * r - 1) * 16]) & (n - 1)
                        for k in 0..<words { x[k] ^= v[j * words + k] }
                        blockMix(x, scratch: y, r: r)
                    }
                }
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(4 * words)
        for word in x {
            out += [UInt8(truncatingIfNeeded: word), UInt8(truncatingIfNeeded: word >> 8),
                    UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 24)]
        }
        return out
    }

    /// scryptBlockMix (RFC 7914 §4) with Salsa20/8 as H, in place on `b` (2·r 64-byte blocks).
    static func blockMix(_ b: UnsafeMutableBufferPointer<UInt32>, scratch y: UnsafeMutableBufferPointer<UInt32>, r: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { x in
            for k in 0..<16 { x[k] = b[(2 * r - 1) * 16 + k] }
            for i in 0..<(2 * r) {
                for k in 0..<16 { x[k] ^= b[i * 16 + k] }
                salsa20_8(x)
                // Even blocks go to the first half, odd blocks to the second (the B' shuffle).
                let destination = (i % 2 == 0 ? i / 2 : r + i / 2) * 16
                for k in 0..<16 { y[destination + k] = x[k] }
            }
        }
        for k in 0..<b.count { b[k] = y[k] }
    }

    /// The Salsa20/8 core (RFC 7914 §3) in place: four double rounds plus the feed-forward.
    static func salsa20_8(_ b: UnsafeMutableBufferPointer<UInt32>) {
        var x = (b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15])
        func r(_ v: UInt32, _ n: UInt32) -> UInt32 { (v << n) | (v >> (32 - n)) }
        for _ in 0..<4 {
            x.4 ^= r(x.0 &+ x.12, 7); x.8 ^= r(x.4 &+ x.0, 9)
            x.12 ^= r(x.8 &+ x.4, 13); x.0 ^= r(x.12 &+ x.8, 18)
            x.9 ^= r(x.5 &+ x.1, 7); x.13 ^= r(x.9 &+ x.5, 9)
            x.1 ^= r(x.13 &+ x.9, 13); x.5 ^= r(x.1 &+ x.13, 18)
            x.14 ^= r(x.10 &+ x.6, 7); x.2 ^= r(x.14 &+ x.10, 9)
            x.6 ^= r(x.2 &+ x.14, 13); x.10 ^= r(x.6 &+ x.2, 18)
            x.3 ^= r(x.15 &+ x.11, 7); x.7 ^= r(x.3 &+ x.15, 9)
            x.11 ^= r(x.7 &+ x.3, 13); x.15 ^= r(x.11 &+ x.7, 18)
            x.1 ^= r(x.0 &+ x.3, 7); x.2 ^= r(x.1 &+ x.0, 9)
            x.3 ^= r(x.2 &+ x.1, 13); x.0 ^= r(x.3 &+ x.2, 18)
            x.6 ^= r(x.5 &+ x.4, 7); x.7 ^= r(x.6 &+ x.5, 9)
            x.4 ^= r(x.7 &+ x.6, 13); x.5 ^= r(x.4 &+ x.7, 18)
            x.11 ^= r(x.10 &+ x.9, 7); x.8 ^= r(x.11 &+ x.10, 9)
            x.9 ^= r(x.8 &+ x.11, 13); x.10 ^= r(x.9 &+ x.8, 18)
            x.12 ^= r(x.15 &+ x.14, 7); x.13 ^= r(x.12 &+ x.15, 9)
            x.14 ^= r(x.13 &+ x.12, 13); x.15 ^= r(x.14 &+ x.13, 18)
        }
        b[0] &+= x.0; b[1] &+= x.1; b[2] &+= x.2; b[3] &+= x.3
        b[4] &+= x.4; b[5] &+= x.5; b[6] &+= x.6; b[7] &+= x.7
        b[8] &+= x.8; b[9] &+= x.9; b[10] &+= x.10; b[11] &+= x.11
        b[12] &+= x.12; b[13] &+= x.13; b[14] &+= x.14; b[15] &+= x.15
    }
}
