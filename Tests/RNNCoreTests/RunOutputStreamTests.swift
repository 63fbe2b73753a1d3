import Foundation
import XCTest
@testable import RNNCore

/// `rnnlab run` writes its `.npz` piece by piece from the passes' own buffers
/// (`StreamedOutput`, `NPZStream`): the file must be exactly the archive `NPZ.encode` builds
/// from the same arrays in memory, and an error found half-way must leave nothing behind.
final class RunOutputStreamTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("run-stream")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func fixture(_ name: String, _ file: String) -> String {
        FixturePaths.root.appendingPathComponent(name).appendingPathComponent(file).path
    }

    private func request(_ name: String, kind: CellKind, upstream: Bool) -> RunRequest {
        RunRequest(cell: kind, weightsPath: fixture(name, "weights.npz"), inputPath: fixture(name, "x.npy"),
                   h0Path: fixture(name, "h0.npy"), c0Path: kind == .lstm ? fixture(name, "c0.npy") : nil,
                   upstreamPath: upstream ? fixture(name, "upstream.npy") : nil,
                   outputPath: scratch.appendingPathComponent("\(name)-\(upstream).npz").path)
    }

    /// The archive's bytes with every MS-DOS time and date zeroed (the two writes happen at
    /// different moments), walking the local headers and the central directory.
    private func withoutTimes(_ data: Data) -> [UInt8] {
        var bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var at = 0
        while at + 30 <= bytes.count, u32(at) == 0x0403_4B50 {
            for k in 10..<14 { bytes[at + k] = 0 }
            at += 30 + u16(at + 26) + u16(at + 28) + u32(at + 18)
        }
        while at + 46 <= bytes.count, u32(at) == 0x0201_4B50 {
            for k in 12..<16 { bytes[at + k] = 0 }
            at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32)
        }
        XCTAssertEqual(u32(at), 0x0605_4B50, "the walk ends at the end record")
        return bytes
    }

    /// Every cell and layout, with and without gradients: the streamed file is byte for byte
    /// the in-memory archive of `compute()`'s arrays (times aside).
    func testStreamedFileIsTheArchiveOfTheComputedArrays() throws {
        for c in FixturePaths.cases {
            for upstream in [false, true] {
                let req = request(c.name, kind: c.kind, upstream: upstream)
                try req.execute()
                let written = try Data(contentsOf: URL(fileURLWithPath: req.outputPath))
                let expected = try NPZ.encode(req.compute(), file: req.outputPath)
                XCTAssertEqual(written.count, expected.count, "\(c.name) upstream \(upstream)")
                let (a, b) = (withoutTimes(written), withoutTimes(expected))
                let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                XCTAssertNil(first, "\(c.name) upstream \(upstream): the bytes differ from offset \(first ?? -1)")
            }
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path)
        XCTAssertFalse(names.contains { $0.contains(".rnnlab-") }, "no temporary file is left: \(names)")
    }

    /// A gradient that overflows is found after the forward arrays are already in the
    /// temporary file: the error is reported, and neither the output nor the temporary file
    /// remains; an existing output is untouched.
    func testOverflowAfterTheForwardArraysLeavesNothingBehind() throws {
        var req = request("torch_lstm", kind: .lstm, upstream: true)
        let g = try NPY.read(path: req.upstreamPath!)
        let huge = scratch.appendingPathComponent("huge.npy")
        try NPY.write(NDArray(shape: g.shape, data: g.data.map { $0 < 0 ? -1e308 : 1e308 }), to: huge)
        req.upstreamPath = huge.path
        try Data("old".utf8).write(to: URL(fileURLWithPath: req.outputPath))
        assertInteropError(try req.execute(), contains: ["huge.npy: backpropagating this upstream gradient overflows float64"])
        XCTAssertEqual(try String(contentsOfFile: req.outputPath, encoding: .utf8), "old")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted(),
                       ["huge.npy", URL(fileURLWithPath: req.outputPath).lastPathComponent].sorted())
    }

    /// A weights array named like an output (`x` gives `grad_x`) yields one member, the input
    /// gradient, as when the output was one dictionary.
    func testAWeightsArrayNamedLikeAnOutputGivesOneMember() throws {
        var weights = try NPZ.read(path: fixture("torch_rnn", "weights.npz"))
        weights["x"] = NDArray(shape: [3], data: [1, 2, 3])
        let w = scratch.appendingPathComponent("w.npz")
        try NPZ.write(weights, to: w)
        var req = request("torch_rnn", kind: .rnn, upstream: true)
        req.weightsPath = w.path
        req.allowExtraArrays = true
        try req.execute()
        let out = try NPZ.read(path: req.outputPath)
        XCTAssertEqual(out["grad_x"]?.shape, try NPY.read(path: req.inputPath).shape)
        XCTAssertEqual(out, try req.compute())
    }

    /// The vectorised finiteness check finds the first NaN or infinity wherever it is (in a
    /// block of sixteen or in the tail), and nothing in finite values, ±0 and subnormals.
    func testFirstNonFiniteFindsTheFirstOne() {
        for count in [1, 15, 16, 17, 100] {
            var values = (0..<count).map { Double($0) - 7.5 }
            values[0] = -0.0
            if count > 2 { values[2] = .leastNonzeroMagnitude }
            XCTAssertNil(values.withUnsafeBufferPointer { OutputArray.firstNonFinite($0.baseAddress!, count: count) })
            for position in [0, count / 2, count - 1] {
                for bad in [Double.nan, .infinity, -.infinity] {
                    var v = values
                    v[position] = bad
                    if position + 1 < count { v[count - 1] = .nan }
                    XCTAssertEqual(v.withUnsafeBufferPointer { OutputArray.firstNonFinite($0.baseAddress!, count: count) }, position,
                                   "count \(count), \(bad) at \(position)")
                }
            }
        }
    }

    /// An LSTM trace without its pre-activations (the gates computed in place) holds the same
    /// states and gates as the public forward pass, bit for bit.
    func testLSTMTraceWithoutPreactivationsHasTheSameValues() {
        var rng = SeededRandom(seed: 3)
        let p = CellParameters.random(kind: .lstm, inputSize: 5, hiddenSize: 7, rng: &rng)
        let (B, T) = (3, 4)
        let x = (0..<(B * T * 5)).map { sin(Double($0)) }
        let a = p.forward(sequences: x, batch: B, steps: T)
        let steps = NDArray(shape: [B, T, 5], data: x).timeSteps()
        let b = p.forward(steps)
        XCTAssertEqual(a.h, b.h)
        XCTAssertEqual(a.c, b.c)
        XCTAssertEqual(a.gates, b.gates)
        XCTAssertFalse(a.storage.keepsPreactivations)
        XCTAssertTrue(b.storage.keepsPreactivations)
    }
}
