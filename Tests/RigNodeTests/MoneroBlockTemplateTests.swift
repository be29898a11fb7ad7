import RigEngine
import RigInput
@testable import RigNode
import Testing

@Suite struct MoneroBlockTemplateTests {
    /// A real regtest reply from monerod 0.18 (height 1, difficulty 20).
    static let reply: JSONValue = [
        "blockhashing_blob": "1010b2d8bed806418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e300000000e832a8fc065117c8a9b799f060bf6a7a351dc4c6da781f97a3156ab87ba0496901",
        "blocktemplate_blob": "1010b2d8bed806418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e300000000023d01ff0101808080f0ffff0703d70b0f1266d370440fe4b153ca62ade5eae7fb5a8ecac8f983adcf8c364ce6312e2b01e812637c8cb1edef7cc55cf0f8769bc693c2243706a3a27a9e60c4b297967080020801020304050607080000",
        "difficulty": 20, "difficulty_top64": 0, "expected_reward": 35_184_338_534_400, "height": 1,
        "prev_hash": "418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3",
        "seed_hash": "418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3", "status": "OK",
    ]

    @Test func decodesAndPlacesTheNonceAtByte39() throws {
        let template = try MoneroBlockTemplate(json: Self.reply)
        #expect(template.height == 1)
        #expect(template.difficulty == 20)
        let blob = MoneroBlockTemplate.with(nonce: 0x0403_0201, in: template.hashingBlob)
        #expect(Array(blob[39..<43]) == [1, 2, 3, 4])
        #expect(blob.count == template.hashingBlob.count)
        // Difficulty 20: a hash meets the target when hash × 20 < 2^256.
        #expect(abs(template.target.expectedHashesPerShare - 20) < 1e-6)
    }

    /// Hostile replies are errors, never traps.
    @Test(arguments: [
        ("height", JSONValue.number(1e300)), ("height", .number(-1)), ("difficulty", .number(.nan)),
        ("difficulty", .number(0)), ("difficulty", .string("20")), ("difficulty_top64", .number(1)),
        ("blockhashing_blob", "10"), ("blocktemplate_blob", .null), ("seed_hash", "abcd"),
        ("prev_hash", .object(["code": 1])), ("expected_reward", .number(.infinity)),
        ("blockhashing_blob", .string("ff" + String(repeating: "ff", count: 60))),
    ])
    func hostileReplies(field: String, value: JSONValue) {
        guard case .object(var members) = Self.reply else { return }
        members[field] = value
        #expect(throws: NodeRPCError.self) { try MoneroBlockTemplate(json: .object(members)) }
    }
}
