import Foundation
import XCTest
import ZIPFoundation
@testable import RNNCore

/// NumPy files as people really write them (Fixtures/npy_formats, written by numpy through
/// scripts/make_npy_format_fixtures.py): Fortran order, big-endian, float16, inside `.npz`
/// archives too, and the dtypes rnnlab still refuses.
final class NPYFormatTests: XCTestCase {
    private func file(_ name: String) -> URL { FixturePaths.file("npy_formats/" + name) }

    /// (3i + j) / 4 − 1 for a 4 × 3 array, C order.
    private let a4x3: [Double] = (0..<12).map { Double($0) / 4 - 1 }

    func testFortranOrderIsPutInCOrder() throws {
        let cube = try NPY.read(file("fortran_f8_3x4x5.npy"))
        XCTAssertEqual(cube.shape, [3, 4, 5])
        XCTAssertEqual(cube.data, (0..<60).map { Double($0) / 8 }, "C order: element (i, j, k) = (20i + 5j + k) / 8")
        XCTAssertEqual(cube[[2, 1, 3]], Double(20 * 2 + 5 + 3) / 8)

        let transposed = try NPY.read(file("fortran_f8_4x3.npy"))
        XCTAssertEqual(transposed.shape, [4, 3])
        XCTAssertEqual(transposed.data, a4x3)
        XCTAssertEqual(transposed.dtype, .float64)

        // With at most one axis longer than 1 (or none at all) the orders agree.
        XCTAssertEqual(try NPY.read(file("fortran_f8_1x5.npy")).data, [0, 1, 2, 3, 4])
        XCTAssertEqual(try NPY.read(file("fortran_f8_2x1x3.npy")).data, [0, 1, 2, 3, 4, 5])
        let empty = try NPY.read(file("fortran_f8_0x3.npy"))
        XCTAssertEqual(empty.shape, [0, 3])
        XCTAssertEqual(empty.data, [])

        // The file that used to be refused (scripts/make_fixtures.py).
        XCTAssertEqual(try NPY.read(FixturePaths.file("npy/fortran_2x3.npy")).data, [-0.5, -0.25, 0, 0.25, 0.5, 0.75])
    }

    func testFortranOrderWithOtherByteOrdersAndWidths() throws {
        let big = try NPY.read(file("fortran_bigendian_f4_4x3.npy"))
        XCTAssertEqual(big.dtype, .float32)
        XCTAssertEqual(big.data, a4x3)
        let half = try NPY.read(file("fortran_f2_4x3.npy"))
        XCTAssertEqual(half.dtype, .float16)
        XCTAssertEqual(half.data, a4x3)
        XCTAssertEqual(try NPY.read(file("bigendian_f8_3x4x5.npy")).data, (0..<60).map { Double($0) / 8 })
    }

    /// The reordering on every rank up to 4 against a direct formula.
    func testFortranReorderMatchesTheDefinition() {
        for shape in [[2, 3], [3, 1, 4], [2, 3, 4], [2, 2, 3, 5], [1, 1], [5, 2]] {
            let count = shape.reduce(1, *)
            let fortran = (0..<count).map(Double.init)  // value = the Fortran offset
            let c = NPY.cOrder(fromFortranOrder: fortran, shape: shape)
            for flat in 0..<count {
                // The C-order multi-index of `flat`, then its Fortran offset.
                var rest = flat
                var index = [Int](repeating: 0, count: shape.count)
                for axis in shape.indices.reversed() { index[axis] = rest % shape[axis]; rest /= shape[axis] }
                var offset = 0
                for axis in shape.indices.reversed() { offset = offset * shape[axis] + index[axis] }
                XCTAssertEqual(c[flat], Double(offset), "shape \(shape) index \(index)")
            }
        }
    }

    func testFloat16IsWidenedExactly() throws {
        let expected = try NPY.read(file("float16_specials_as_f8.npy")).data
        for name in ["float16_specials.npy", "float16_specials_bigendian.npy"] {
            let half = try NPY.read(file(name))
            XCTAssertEqual(half.dtype, .float16, name)
            XCTAssertEqual(half.data, expected, name)
            XCTAssertEqual(half.data[1].sign, .minus, "\(name): -0 keeps its sign")
        }
        XCTAssertEqual(expected[6], 0x1p-24, "the smallest subnormal")
        XCTAssertEqual(expected[4], 65504, "the largest finite half")
    }

    /// Writing float16 rounds as numpy's astype(float16) does: ties to even, overflow to infinity.
    func testFloat16RoundingMatchesNumpy() throws {
        let input = try NPY.read(file("float16_rounding_input_f8.npy"))
        let numpyHalf = try Data(contentsOf: file("float16_rounding_expected_f2.npy"))
        let ours = NPY.encode(NDArray(shape: input.shape, data: input.data, dtype: .float16))
        XCTAssertEqual(ours, numpyHalf, "our .npy of the rounded values is numpy's, byte for byte")
    }

    /// Every one of the 65536 half-precision patterns: widened and rounded back, the same bits
    /// (NaNs stay NaN), and the same value Swift's own Float16 gives where it exists.
    func testEveryFloat16PatternRoundTrips() {
        for bits in 0...UInt16.max {
            let value = Half.double(fromBits: bits)
            if value.isNaN {
                XCTAssertTrue(Half.double(fromBits: Half.bits(rounding: value)).isNaN)
                continue
            }
            XCTAssertEqual(Half.bits(rounding: value), bits, "pattern \(String(bits, radix: 16))")
            #if !(os(macOS) && arch(x86_64))
            XCTAssertEqual(value, Double(Float16(bitPattern: bits)), "pattern \(String(bits, radix: 16))")
            #endif
        }
    }

    func testArchivesWithEveryLayout() throws {
        for name in ["mixed_stored.npz", "mixed_deflated.npz"] {
            let arrays = try NPZ.read(file(name))
            XCTAssertEqual(arrays["fortran"]?.data, (0..<60).map { Double($0) / 8 }, name)
            XCTAssertEqual(arrays["transposed"]?.data, a4x3, name)
            XCTAssertEqual(arrays["bigendian"]?.data, a4x3, name)
            XCTAssertEqual(arrays["half"]?.data, a4x3, name)
            XCTAssertEqual(arrays["half"]?.dtype, .float16, name)
            XCTAssertEqual(arrays["half_bigendian"]?.data, a4x3, name)
        }
    }

    func testUnsupportedDtypesNameArrayDtypeAndShape() {
        assertInteropError(try NPY.read(file("int8_2x2.npy")), contains: ["int8_2x2.npy", "dtype int8", "'|i1'", "shape (2, 2)", "float16, float32 or float64"])
        assertInteropError(try NPY.read(file("bool_3.npy")), contains: ["bool_3.npy", "dtype bool", "shape (3,)"])
        assertInteropError(try NPY.read(file("fortran_complex128_2x2.npy")), contains: ["fortran_complex128_2x2.npy", "complex128", "'<c16'", "shape (2, 2)"])
        assertInteropError(try NPY.read(file("unicode_2.npy")), contains: ["unicode_2.npy", "unicode string", "'<U2'", "shape (2,)"])
        assertInteropError(try NPY.read(file("structured_2.npy")), contains: ["structured_2.npy", "structured", "('a', '<f8')", "shape (2,)"])
    }

    /// The archives rnnlab writes are valid for ZIPFoundation (an independent reader), carry
    /// correct CRC-32s and keep dtypes, Fortran-read values and non-ASCII names.
    func testWrittenArchiveIsValidZip() throws {
        let arrays: [String: NDArray] = [
            "h": NDArray(shape: [2, 3, 4], data: (0..<24).map { Double($0) * 0.37 - 3 }),
            "half": NDArray(shape: [3], data: [0.5, -2, 65504], dtype: .float16),
            "single": NDArray(shape: [2], data: [0.25, -0.125], dtype: .float32),
            "grad_kernel": try NPY.read(file("fortran_f8_4x3.npy")),
            "größe": NDArray(shape: [], data: [7]),
            "empty": NDArray(shape: [0, 5], data: []),
        ]
        let bytes = try NPZ.encode(arrays, file: "out.npz")
        let archive = try Archive(data: bytes, accessMode: .read)
        var seen: Set<String> = []
        for entry in archive {
            XCTAssertEqual(entry.type, .file)
            var member = Data()
            _ = try archive.extract(entry, skipCRC32: true) { member.append($0) }
            // The CRC by ZIPFoundation's own byte-at-a-time table, not ours.
            XCTAssertEqual(member.crc32(checksum: 0), entry.checksum, entry.path)
            let name = String(entry.path.dropLast(4))
            XCTAssertEqual(member, NPY.encode(arrays[name]!), entry.path)
            seen.insert(name)
        }
        XCTAssertEqual(seen, Set(arrays.keys))
        XCTAssertEqual(try NPZ.decode(bytes, file: "out.npz"), arrays)
    }

    /// An archive past `StoredZIP.parallelThreshold` is written by two threads, members split
    /// into two groups of about equal bytes; the bytes are the same as written by one.
    func testLargeArchiveWrittenByTwoThreadsIsValid() throws {
        let arrays: [String: NDArray] = [
            "a": NDArray(shape: [600, 500], data: (0..<300_000).map { sin(Double($0)) }),
            "b": NDArray(shape: [300_000], data: (0..<300_000).map { Double($0) * 1e-3 }),
            "c": NDArray(shape: [40, 1000], data: (0..<40_000).map { Double(Float(cos(Double($0)))) }, dtype: .float32),
            "d": NDArray(shape: [2], data: [1, 2]),
        ]
        XCTAssertEqual(StoredZIP.groups([10, 1, 7, 3, 2], count: 2), [[0, 4], [1, 2, 3]], "12 and 11 bytes")
        let sizes = ["a", "b", "c", "d"].map { NPY.encode(arrays[$0]!).count }
        XCTAssertEqual(StoredZIP.groups(sizes, count: 2).count, 2)
        XCTAssertGreaterThan(sizes.reduce(0, +), StoredZIP.parallelThreshold)
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        let members = ["a", "b", "c", "d"].map { StoredZIP.Member(name: $0 + ".npy", array: arrays[$0]!) }
        let bytes = try XCTUnwrap(StoredZIP.archive(members, now: date))
        let archive = try Archive(data: bytes, accessMode: .read)
        for entry in archive {
            var member = Data()
            _ = try archive.extract(entry, skipCRC32: true) { member.append($0) }
            XCTAssertEqual(member.withUnsafeBytes { ZipCRC32.slicingBy8($0) }, entry.checksum, entry.path)
        }
        XCTAssertEqual(try NPZ.decode(bytes, file: "big.npz"), arrays)
    }

    /// Past the classic ZIP limits the archive is built by ZIPFoundation (ZIP64); forced here
    /// with a tiny limit, the result reads back the same.
    func testArchivePastTheClassicLimitFallsBack() throws {
        let arrays = ["a": NDArray(shape: [40], data: (0..<40).map(Double.init))]
        let members = [StoredZIP.Member(name: "a.npy", array: arrays["a"]!)]
        XCTAssertNil(StoredZIP.archive(members, limit: 100))
        XCTAssertNotNil(StoredZIP.archive(members))
        let zip64 = try NPZ.encodeZIP64([("a", arrays["a"]!)], file: "big.npz")
        XCTAssertEqual(try NPZ.decode(zip64, file: "big.npz"), arrays)
    }

    func testCRC32AgreesWithTheStandardAndTheFallback() {
        let check = Array("123456789".utf8)
        XCTAssertEqual(ZipCRC32.checksum(of: check), 0xCBF4_3926, "the CRC-32 check value")
        XCTAssertEqual(check.withUnsafeBytes { ZipCRC32.slicingBy8($0) }, 0xCBF4_3926)
        XCTAssertEqual(ZipCRC32.checksum(of: [UInt8]()), 0)
        var generator = SystemRandomNumberGenerator()
        for length in [1, 7, 8, 9, 63, 64, 1000, 100_003] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = ZipCRC32.checksum(of: bytes)
            XCTAssertEqual(bytes.withUnsafeBytes { ZipCRC32.slicingBy8($0) }, whole, "length \(length)")
            XCTAssertEqual(Data(bytes).crc32(checksum: 0), whole, "ZIPFoundation, length \(length)")
            let cut = length / 3
            XCTAssertEqual(ZipCRC32.checksum(of: bytes[cut...], continuing: ZipCRC32.checksum(of: bytes[..<cut])), whole)
        }
        #if os(Linux)
        XCTAssertTrue(ZipCRC32.usesZlib, "zlib is reachable through ZIPFoundation's CZlib on Linux")
        #endif
    }
}
