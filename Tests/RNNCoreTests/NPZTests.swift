import Foundation
import XCTest
@testable import RNNCore

final class NPZTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("npz-tests")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// numpy's savez (stored) and savez_compressed (deflated) of the same three arrays.
    func testReadsStoredAndDeflatedArchivesNumpyWrote() throws {
        for name in ["stored.npz", "deflated.npz"] {
            let arrays = try NPZ.read(FixturePaths.file("npz/" + name))
            XCTAssertEqual(Set(arrays.keys), ["a", "v", "t"], name)
            XCTAssertEqual(arrays["a"]?.shape, [2, 3], name)
            XCTAssertEqual(arrays["a"]?.data, [-0.5, -0.25, 0, 0.25, 0.5, 0.75], name)
            XCTAssertEqual(arrays["v"]?.data, [0, 0.25, 0.5, 0.75, 1], name)
            XCTAssertEqual(arrays["t"]?.shape, [2, 3, 4], name)
            XCTAssertEqual(arrays["t"]?.data, (0..<24).map(Double.init), name)
        }
    }

    func testRoundTripKeepsNamesWithPathsAndDtypes() throws {
        let url = scratch.appendingPathComponent("w.npz")
        let arrays: [String: NDArray] = [
            "lstm/lstm_cell/kernel": NDArray(shape: [3, 16], data: (0..<48).map { Double($0) / 7 }),
            "encoder.bias_ih_l0": NDArray(shape: [12], data: (0..<12).map { -Double($0) }, dtype: .float32),
            "scalar": NDArray(shape: [], data: [1.5]),
        ]
        try NPZ.write(arrays, to: url)
        XCTAssertEqual(try NPZ.read(url), arrays)
        // Writing again replaces the archive rather than appending to it.
        try NPZ.write(["only": NDArray(shape: [1], data: [2])], to: url)
        XCTAssertEqual(Array(try NPZ.read(url).keys), ["only"])
    }

    func testUnsupportedDtypeInsideArchiveNamesArchiveAndArray() {
        assertInteropError(try NPZ.read(FixturePaths.file("npz/with_int.npz")),
                           contains: ["with_int.npz: array 'counts'", "int32"])
    }

    func testCorruptAndTruncatedArchivesAreNamed() throws {
        let garbage = scratch.appendingPathComponent("garbage.npz")
        try Data(repeating: 0x41, count: 300).write(to: garbage)
        assertInteropError(try NPZ.read(garbage), contains: ["garbage.npz", "not a valid .npz"])

        let whole = try Data(contentsOf: FixturePaths.file("npz/stored.npz"))
        let cut = scratch.appendingPathComponent("cut.npz")
        try whole.prefix(whole.count / 2).write(to: cut)
        assertInteropError(try NPZ.read(cut), contains: ["cut.npz"])

        // Flip bytes inside the first member's data: the CRC check or the NPY parser must object.
        var bytes = [UInt8](whole)
        for k in 200..<260 { bytes[k] ^= 0xFF }
        let flipped = scratch.appendingPathComponent("flipped.npz")
        try Data(bytes).write(to: flipped)
        assertInteropError(try NPZ.read(flipped), contains: ["flipped.npz"])
    }

    func testMissingArchiveIsNamed() {
        assertInteropError(try NPZ.read(scratch.appendingPathComponent("W.npz")), contains: ["W.npz", "cannot read file (no such file or directory)"])
    }
}

extension NPZTests {
    /// A member that claims more than rnnlab reads (a zip bomb's trick) is refused before
    /// anything is inflated.
    func testMemberClaimingGigabytesIsRefused() throws {
        var bytes = [UInt8](try NPZ.encode(["x": NDArray.zeros([4])], file: "mem"))
        // The central directory entry (signature PK\1\2) holds the uncompressed size at +24.
        let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        let at = try XCTUnwrap((0...(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == signature })
        bytes.replaceSubrange((at + 24)..<(at + 28), with: [0x00, 0x00, 0x00, 0x80])  // 2 GB
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bomb-\(UUID().uuidString).npz")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(bytes).write(to: url)
        assertInteropError(try NPZ.read(url), contains: ["array 'x' is 2 GB uncompressed; rnnlab reads archives of at most 1 GB in all"])
    }
}
