import Foundation
import XCTest
import LabTesting
@testable import RNNCore

/// RNNCore against the independent numpy implementation in scripts/numpy_reference.py, on
/// the same weights and inputs. Skipped when python3 with numpy is not installed (the
/// gradient checks and hand-computed cases do not need it).
final class BPTTReferenceTests: XCTestCase {
    private func runReference(_ caseJSON: [String: Any]) throws -> [String: Any] {
        let script = PackagePaths.root.appendingPathComponent("scripts/numpy_reference.py")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-case-\(UUID().uuidString).json")
        try JSONSerialization.data(withJSONObject: caseJSON).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--case", file.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        do { try process.run() } catch { throw XCTSkip("python3 is not available: \(error)") }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw XCTSkip("numpy_reference.py failed (numpy missing?)") }
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    private func nested(_ m: Matrix) -> [[Double]] { (0..<m.rows).map { m.row($0) } }

    private func flatten(_ any: Any) -> [Double] {
        if let d = any as? Double { return [d] }
        if let n = any as? NSNumber { return [n.doubleValue] }
        if let a = any as? [Any] { return a.flatMap(flatten) }
        return []
    }

    func testGradientsMatchNumpyReference() throws {
        for (kind, resetAfter) in [(CellKind.rnn, true), (.lstm, true), (.gru, true), (.gru, false)] {
            var problem = GradientCheck.Problem.random(kind: kind, resetAfter: resetAfter, inputSize: 3, hiddenSize: 5,
                                                       steps: 4, batch: 2, seed: 17)
            problem.dcLast = nil
            let p = problem.parameters
            let grads = p.backward(p.forward(problem.x, h0: problem.h0, c0: problem.c0), dh: problem.dh)
            var caseJSON: [String: Any] = [
                "kind": kind.rawValue, "resetAfter": resetAfter,
                "weights": p.weights.mapValues(nested),
                "x": problem.x.map(nested), "h0": nested(problem.h0), "dh": problem.dh.map { nested($0!) },
            ]
            if let c0 = problem.c0 { caseJSON["c0"] = nested(c0) }
            let reference = try runReference(caseJSON)
            var ours: [String: [Double]] = grads.parameters.mapValues(\.data)
            ours["x"] = grads.x.flatMap(\.data)
            ours["h0"] = grads.h0.data
            if let c0 = grads.c0 { ours["c0"] = c0.data }
            for (name, values) in ours {
                let theirs = flatten(reference[name] as Any)
                XCTAssertEqual(theirs.count, values.count, "\(kind) \(name): element count")
                XCTAssertLessThan(maxRelativeError(values, theirs, absoluteFloor: 1e-12), 1e-10,
                                  "\(kind) resetAfter=\(resetAfter) \(name) differs from numpy")
            }
        }
    }
}
