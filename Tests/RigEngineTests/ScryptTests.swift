import Testing
import RigTestSupport
@testable import RigEngine

@Suite("scrypt (RFC 7914)")
struct ScryptTests {
    @Test("RFC 7914 §12 vector 1: N=16, r=1, p=1")
    func rfcVector1() {
        let key = Scrypt.derive(password: [], salt: [], n: 16, r: 1, p: 1, keyLength: 64)
        #expect(Hex.string(key) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test("RFC 7914 §12 vector 2: \"password\"/\"NaCl\", N=1024, r=8, p=16")
    func rfcVector2() {
        let key = Scrypt.derive(password: Array("password".utf8), salt: Array("NaCl".utf8), n: 1024, r: 8, p: 16, keyLength: 64)
        #expect(Hex.string(key) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test("RFC 7914 §11 PBKDF2-HMAC-SHA256 vector")
    func pbkdf2() {
        let key = HMACSHA256.pbkdf2(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, keyLength: 64)
        #expect(Hex.string(key) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    @Test("Litecoin genesis header: its proof of work meets nbits 0x1e0ffff0")
    func litecoinGenesis() {
        let digest = Scrypt.litecoinProofOfWork(Genesis.litecoinHeader)
        #expect(Hex.string(digest) == Genesis.litecoinPoW)
        // nbits 0x1e0ffff0: target 0x0ffff0 << 8·(0x1e − 3) = 0x00000ffff0000…
        let target = ShareTarget(words: [0, 0, 0, 0, 0, 0, 0xf000_0000, 0x0000_0fff])
        #expect(target.isMet(by: digest))
    }
}
