import Foundation
import LabTesting
import XCTest
@testable import RNNCore

/// Our cells, through the Keras and PyTorch layouts, against outputs and autograd gradients
/// computed by the real frameworks (scripts/make_fixtures.py; float64 on both sides).
final class FixtureTests: XCTestCase {
    static let tolerance = 1e-5

    /// One fixture folder, loaded.
    struct Case {
        let name: String
        let kind: CellKind
        let weights: [String: NDArray]
        let bound: FrameworkWeights
        let x: NDArray, h0: NDArray, c0: NDArray?, upstream: NDArray
        let expected: [String: NDArray]

        init(name: String, kind: CellKind, layout: FrameworkLayout) throws {
            self.name = name
            self.kind = kind
            let dir = FixturePaths.root.appendingPathComponent(name)
            weights = try NPZ.read(dir.appendingPathComponent("weights.npz"))
            bound = try FrameworkWeights.load(weights, kind: kind, layout: layout, file: name + "/weights.npz")
            x = try NPY.read(dir.appendingPathComponent("x.npy"))
            h0 = try NPY.read(dir.appendingPathComponent("h0.npy"))
            c0 = kind == .lstm ? try NPY.read(dir.appendingPathComponent("c0.npy")) : nil
            upstream = try NPY.read(dir.appendingPathComponent("upstream.npy"))
            expected = try NPZ.read(dir.appendingPathComponent("expected.npz"))
        }

        func forward(_ p: CellParameters) -> SequenceTrace {
            p.forward(x.timeSteps(), h0: h0.matrix, c0: c0?.matrix)
        }
    }

    static func allCases() throws -> [Case] {
        try FixturePaths.cases.map { try Case(name: $0.name, kind: $0.kind, layout: $0.layout) }
    }

    private func assertClose(_ actual: NDArray, _ expected: NDArray?, _ what: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        guard let expected else { return XCTFail("\(what): no such array in the fixture", file: file, line: line) }
        XCTAssertEqual(actual.shape, expected.shape, "\(what): shape", file: file, line: line)
        let err = maxRelativeError(actual.data, expected.data)
        XCTAssertLessThanOrEqual(err, Self.tolerance, "\(what): max relative error \(err)", file: file, line: line)
    }

    func testForwardMatchesFrameworks() throws {
        for c in try Self.allCases() {
            let trace = c.forward(c.bound.parameters)
            assertClose(NDArray.stackingTimeSteps(trace.h), c.expected["h"], "\(c.name) h")
            assertClose(NDArray(trace.hLast), c.expected["h_last"], "\(c.name) h_last")
            if c.kind == .lstm {
                assertClose(NDArray(trace.cLast!), c.expected["c_last"], "\(c.name) c_last")
            }
        }
    }

    func testGradientsMatchFrameworkAutograd() throws {
        for c in try Self.allCases() {
            let p = c.bound.parameters
            let trace = c.forward(p)
            let grads = p.backward(trace, dh: c.upstream.timeSteps())
            let framework = c.bound.frameworkGradients(grads.parameters)
            XCTAssertEqual(Set(framework.keys), Set(c.weights.keys), "\(c.name): a gradient for every weight array")
            for (name, g) in framework {
                assertClose(g, c.expected["grad_" + name], "\(c.name) grad_\(name)")
            }
            assertClose(NDArray.stackingTimeSteps(grads.x), c.expected["grad_x"], "\(c.name) grad_x")
            assertClose(NDArray(grads.h0), c.expected["grad_h0"], "\(c.name) grad_h0")
            if c.kind == .lstm {
                assertClose(NDArray(grads.c0!), c.expected["grad_c0"], "\(c.name) grad_c0")
            }
        }
    }

    /// The comparison is sharp enough to catch a layout mistake: swapping two gate blocks of
    /// the canonical weights (or, for the RNN, transposing W_hh) moves h far past the tolerance.
    func testSwappedGateBlocksWouldFail() throws {
        for c in try Self.allCases() {
            var p = c.bound.parameters
            let H = p.hiddenSize
            if c.kind == .rnn {
                p["W_hh"] = p["W_hh"]!.transposed
            } else {
                // Swap blocks 0 and 1 (i↔f for the LSTM, r↔z for the GRU) in every array.
                for name in p.orderedNames {
                    let m = p[name]!
                    let order = [1, 0] + Array(2..<c.kind.blocks)
                    if m.rows == 1 {
                        p[name] = Matrix(row: permuteBlocks(m.data, blocks: c.kind.blocks, order: order))
                    } else {
                        p[name] = Matrix(rows: m.rows, cols: m.cols, data: permuteBlocks(m.data, blocks: c.kind.blocks, order: order))
                    }
                }
            }
            let h = NDArray.stackingTimeSteps(c.forward(p).h)
            let err = maxRelativeError(h.data, c.expected["h"]!.data)
            XCTAssertGreaterThan(err, 1e-2, "\(c.name): swapped blocks (H=\(H)) should not match the framework")
        }
    }
}
