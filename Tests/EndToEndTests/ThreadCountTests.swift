import Foundation
import LabTesting
import RNNCore
import XCTest

/// The promise of `GEMM` and the cells' thread splits: `rnnlab run` writes the same bits with one
/// thread (`RNNLAB_THREADS=1`) as with two. Each case is sized to take one of the split paths:
/// LSTM, GRU and vanilla RNN batches split in two halves for the whole sequence (S3-like), an
/// LSTM step product split by column panels, and
/// the input projection and the weight gradients computed on the second thread alongside the
/// forward and backward walks on the first (batch 1, S2-like; and a vanilla RNN batch).
final class ThreadCountTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Writes a random Keras-layout case, runs it with 1 and 2 threads, and compares every array.
    private func checkSameBits(cell: String, blocks: Int, batch B: Int, hidden H: Int, steps T: Int = 5, input D: Int = 8,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        var rng = SeededRandom(seed: UInt64(B * 1000 + H))
        func array(_ shape: [Int], scale: Double) -> NDArray {
            NDArray(shape: shape, data: (0..<shape.reduce(1, *)).map { _ in rng.uniform(-scale, scale) })
        }
        let folder = scratch.appendingPathComponent("\(cell)-\(B)-\(H)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let weights = folder.appendingPathComponent("weights.npz")
        try NPZ.write(["kernel": array([D, blocks * H], scale: 0.3), "recurrent_kernel": array([H, blocks * H], scale: 0.1),
                       // a GRU with reset_after (Keras' default) has an input and a recurrent bias
                       "bias": array(cell == "gru" ? [2, blocks * H] : [blocks * H], scale: 0.1)], to: weights)
        var inputs = ["x": array([B, T, D], scale: 1), "h0": array([B, H], scale: 0.5), "upstream": array([B, T, H], scale: 1)]
        if cell == "lstm" { inputs["c0"] = array([B, H], scale: 0.5) }
        for (name, value) in inputs { try NPY.write(value, to: folder.appendingPathComponent("\(name).npy")) }

        var outputs: [[String: NDArray]] = []
        for threads in ["1", "2"] {
            let out = folder.appendingPathComponent("out-\(threads).npz")
            var arguments = ["run", "--cell", cell, "--weights", weights.path, "--out", out.path]
            for name in inputs.keys.sorted() {
                let flag = name == "x" ? "--input" : "--\(name)"
                arguments += [flag, folder.appendingPathComponent("\(name).npy").path]
            }
            var environment = ProcessInfo.processInfo.environment
            environment["RNNLAB_THREADS"] = threads
            let result = try Subprocess.run(binary.path, arguments, environment: environment)
            XCTAssertEqual(result.status, 0, "RNNLAB_THREADS=\(threads): \(result.stderrText)", file: file, line: line)
            outputs.append(try NPZ.read(out))
        }
        XCTAssertFalse(outputs[0].isEmpty, file: file, line: line)
        XCTAssertEqual(Set(outputs[0].keys), Set(outputs[1].keys), file: file, line: line)
        for name in outputs[0].keys.sorted() {
            let one = outputs[0][name]!.data, two = outputs[1][name]!.data
            let differing = zip(one, two).filter { $0.bitPattern != $1.bitPattern }.count
            XCTAssertEqual(differing, 0, "\(cell) batch \(B) hidden \(H): \(differing) values of \(name) differ between 1 and 2 threads",
                           file: file, line: line)
        }
    }

    func testGRUBatchRowsSplit() throws {
        try checkSameBits(cell: "gru", blocks: 3, batch: 14, hidden: 256)
    }

    func testLSTMStepProductSplitByColumns() throws {
        // too few rows to split the batch (under 12), a product large enough for two threads
        try checkSameBits(cell: "lstm", blocks: 4, batch: 8, hidden: 256)
    }

    func testLSTMBatchRowsSplit() throws {
        try checkSameBits(cell: "lstm", blocks: 4, batch: 14, hidden: 256)
    }

    func testLSTMBatchOneProjectionAndWeightGradientsAlongsideTheWalks() throws {
        // the S2 size: the input projection runs ahead of the forward walk, the weight
        // gradients behind the backward walk, both on the helper thread
        try checkSameBits(cell: "lstm", blocks: 4, batch: 1, hidden: 64, steps: 100, input: 32)
    }

    func testVanillaRNNBatchRowsSplit() throws {
        try checkSameBits(cell: "rnn", blocks: 1, batch: 32, hidden: 256)
    }

    func testVanillaRNNWeightGradientsAlongsideTheWalk() throws {
        try checkSameBits(cell: "rnn", blocks: 1, batch: 16, hidden: 256)
    }
}
