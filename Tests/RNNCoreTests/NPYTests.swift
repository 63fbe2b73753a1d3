import Foundation
import XCTest
@testable import RNNCore

final class NPYTests: XCTestCase {
    private let values2x3: [Double] = [-0.5, -0.25, 0, 0.25, 0.5, 0.75]

    func testRoundTripFloat64OfAnyRank() throws {
        let arrays = [
            NDArray(shape: [], data: [3.25]),
            NDArray(shape: [4], data: [1, -2, 3.5, .pi]),
            NDArray(shape: [2, 3], data: values2x3),
            NDArray(shape: [2, 3, 4], data: (0..<24).map { Double($0) * 0.1 - 1 }),
            NDArray(shape: [0, 3], data: []),
        ]
        for a in arrays {
            let back = try NPY.decode(NPY.encode(a), context: "mem")
            XCTAssertEqual(back, a, "shape \(a.shapeDescription)")
        }
    }

    func testRoundTripFloat32KeepsRepresentableValues() throws {
        let a = NDArray(shape: [2, 3], data: values2x3, dtype: .float32)
        let data = NPY.encode(a)
        XCTAssertEqual(data.count, 128 + 6 * 4, "header padded to 64 bytes, then 4-byte elements")
        XCTAssertEqual(try NPY.decode(data, context: "mem"), a)
    }

    func testHeaderIsPaddedToSixtyFourBytes() {
        for shape in [[], [1], [123456, 7], [2, 3, 4, 5, 6, 7, 8]] {
            let data = NPY.encode(NDArray.zeros(shape))
            let headerLength = Int(data[8]) | Int(data[9]) << 8
            XCTAssertEqual((10 + headerLength) % 64, 0, "shape \(shape)")
            XCTAssertEqual(data[10 + headerLength - 1], UInt8(ascii: "\n"))
        }
    }

    func testEncodingMatchesNumpyByteForByte() throws {
        let numpyBytes = try Data(contentsOf: FixturePaths.file("npy/float64_2x3.npy"))
        XCTAssertEqual(NPY.encode(NDArray(shape: [2, 3], data: values2x3)), numpyBytes)
    }

    func testReadsFilesNumpyWrote() throws {
        let f64 = try NPY.read(FixturePaths.file("npy/float64_2x3.npy"))
        XCTAssertEqual(f64.shape, [2, 3])
        XCTAssertEqual(f64.dtype, .float64)
        XCTAssertEqual(f64.data, values2x3)

        let f32 = try NPY.read(FixturePaths.file("npy/float32_2x3.npy"))
        XCTAssertEqual(f32.dtype, .float32)
        XCTAssertEqual(f32.data, values2x3)

        XCTAssertEqual(try NPY.read(FixturePaths.file("npy/bigendian_float64_2x3.npy")).data, values2x3)
        XCTAssertEqual(try NPY.read(FixturePaths.file("npy/bigendian_float32_2x3.npy")).data, values2x3)

        let scalar = try NPY.read(FixturePaths.file("npy/scalar.npy"))
        XCTAssertEqual(scalar.shape, [])
        XCTAssertEqual(scalar.data, [2.5])

        let cube = try NPY.read(FixturePaths.file("npy/float64_2x3x4.npy"))
        XCTAssertEqual(cube.shape, [2, 3, 4])
        XCTAssertEqual(cube[[1, 2, 3]], 23)
        XCTAssertEqual(cube[[1, 0, 2]], 14)

        let vector = try NPY.read(FixturePaths.file("npy/vector_5.npy"))
        XCTAssertEqual(vector.shape, [5])
        XCTAssertEqual(vector.data, [0, 0.25, 0.5, 0.75, 1])
    }

    func testRejectsOtherDtypesNamingFileAndDtype() {
        let url = FixturePaths.file("npy/int64_2x3.npy")
        assertInteropError(try NPY.read(url), contains: ["int64_2x3.npy", "int64", "'<i8'", "shape (2, 3)", "float16, float32 or float64"])
    }

    func testTruncatedDataNamesContextAndSizes() throws {
        let full = NPY.encode(NDArray(shape: [2, 3], data: values2x3))
        assertInteropError(try NPY.decode(full.prefix(full.count - 3), context: "W.npz: array 'kernel'"),
                           contains: ["W.npz: array 'kernel'", "truncated", "48 bytes", "45"])
        assertInteropError(try NPY.decode(full.prefix(40), context: "x.npy"), contains: ["x.npy", "truncated"])
    }

    func testBadMagicAndBadHeader() {
        assertInteropError(try NPY.decode(Data("hello, this is text".utf8), context: "notes.npy"),
                           contains: ["notes.npy", "not a NumPy .npy file"])
        var bytes = [UInt8](NPY.encode(NDArray(shape: [2], data: [1, 2])))
        bytes[10] = UInt8(ascii: "[")  // the dict's opening brace
        assertInteropError(try NPY.decode(Data(bytes), context: "h0.npy"), contains: ["h0.npy", "cannot parse NPY header"])
    }

    func testHeaderParserAcceptsNumpyVariants() throws {
        let a = try NPYHeader.parse("{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (3,)}", context: "t")
        XCTAssertEqual(a, NPYHeader(descr: "<f4", shape: [3]))
        let b = try NPYHeader.parse("{'shape': (), 'fortran_order': True, 'descr': '>f8', }   \n", context: "t")
        XCTAssertEqual(b, NPYHeader(descr: ">f8", fortranOrder: true, shape: []))
        let c = try NPYHeader.parse("{'descr': '<f8', 'fortran_order': False, 'shape': (2L, 3L), }", context: "t")
        XCTAssertEqual(c.shape, [2, 3])
        assertInteropError(try NPYHeader.parse("{'descr': '<f8', 'shape': (2,)}", context: "y.npy"),
                           contains: ["y.npy", "fortran_order"])
    }

    func testMissingFileIsNamed() {
        assertInteropError(try NPY.read(URL(fileURLWithPath: "/nonexistent/X.npy")), contains: ["/nonexistent/X.npy", "cannot read"])
    }
}

extension NPYTests {
    func testAbsurdShapeInHeaderIsRejected() {
        let text = NPYHeader(descr: "<f8", shape: [Int.max / 2, 4]).dictText
        var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        let header = text + String(repeating: " ", count: 117 - text.utf8.count) + "\n"
        bytes += [UInt8(header.utf8.count), 0] + Array(header.utf8)
        assertInteropError(try NPY.decode(Data(bytes), context: "big.npy"), contains: ["big.npy", "impossible shape"])
    }
}
