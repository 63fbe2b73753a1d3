import Foundation
import RNNCore
import XCTest

/// `rnnlab run` now has its temporary output file open from the end of the forward pass (its
/// arrays go in while the backward pass is still to come): Ctrl-C in that window must remove
/// it, leave the old output whole, and end the process as the signal would.
final class RunInterruptTests: XCTestCase {
    func testInterruptDuringTheBackwardPassLeavesOnlyTheOldOutput() throws {
        let binary = try RNNLabBinary.url()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("run-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // An LSTM long enough that the backward pass takes a while even in a release build.
        let (D, H, T, B) = (16, 64, 500, 16)
        var rng = SeededRandom(seed: 11)
        let weights: [String: NDArray] = [
            "kernel": NDArray(shape: [D, 4 * H], data: (0..<(D * 4 * H)).map { _ in rng.uniform(-0.2, 0.2) }),
            "recurrent_kernel": NDArray(shape: [H, 4 * H], data: (0..<(H * 4 * H)).map { _ in rng.uniform(-0.2, 0.2) }),
            "bias": NDArray(shape: [4 * H], data: Array(repeating: 0.1, count: 4 * H)),
        ]
        try NPZ.write(weights, to: folder.appendingPathComponent("w.npz"))
        try NPY.write(NDArray(shape: [B, T, D], data: (0..<(B * T * D)).map { sin(Double($0)) }), to: folder.appendingPathComponent("x.npy"))
        try NPY.write(NDArray(shape: [B, T, H], data: (0..<(B * T * H)).map { cos(Double($0)) }), to: folder.appendingPathComponent("g.npy"))
        let out = folder.appendingPathComponent("out.npz")
        try Data("old output".utf8).write(to: out)
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()

        let process = Process()
        process.executableURL = binary
        process.currentDirectoryURL = folder
        process.arguments = ["run", "--cell", "lstm", "--layout", "keras", "--weights", "w.npz", "--input", "x.npy",
                             "--upstream", "g.npy", "--out", "out.npz"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file beside out.npz, then interrupt.
        var sawTemporary = false
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".out.npz.rnnlab-") }) {
                sawTemporary = true
                kill(process.processIdentifier, SIGINT)
                break
            }
            usleep(500)
        }
        process.waitUntilExit()
        guard sawTemporary else { throw XCTSkip("the run ended before its temporary file was seen (too fast to interrupt here)") }
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGINT)
        XCTAssertEqual(try String(contentsOf: out, encoding: .utf8), "old output")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), before, "nothing else remains")
    }
}
