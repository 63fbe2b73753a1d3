import Foundation
import LabTesting
import XCTest

/// Sizes, counts and numbers from the command line: a value outside what a teaching lab can
/// use, NaN, or an empty list is a usage error (exit 64) whose message states the bound,
/// before any work or allocation.
final class CommandLineBoundsTests: XCTestCase {
    private func rnnlab(_ arguments: [String]) throws -> (code: Int32, err: String) {
        let binary = try RNNLabBinary.url()
        let result = try Subprocess.run(binary.path, arguments, environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stderrText)
    }

    func testOutOfBoundsValuesAreUsageErrorsThatStateTheBound() throws {
        let cases: [([String], String)] = [
            (["render", "--home", "--size", "100000x100000"], "--size must be at most 1000x500, got 100000x100000"),
            (["train", "--hidden", "100000"], "--hidden must be between 1 and 256, got 100000"),
            (["train", "--hidden", "0"], "--hidden must be between 1 and 256, got 0"),
            (["train", "--batch", "100000000"], "--batch must be between 1 and 256, got 100000000"),
            (["train", "--steps", "10000000"], "--steps must be between 0 and 100000, got 10000000"),
            (["train", "--task", "copy", "--delay", "100000"], "--delay must be between 0 and 100, got 100000"),
            (["train", "--task", "copy", "--delay=-1"], "--delay must be between 0 and 100, got -1"),
            (["train", "--task", "copy", "--symbols", "1"], "--symbols must be between 2 and 64, got 1"),
            (["train", "--noise", "nan"], "--noise must be a number between 0 and 100, got nan"),
            (["train", "--noise=-1"], "--noise must be a number between 0 and 100, got -1"),
            (["train", "--distractors", "nan"], "--distractors must be a number between 0 and 1, got nan"),
            (["train", "--lr", "inf"], "--lr must be a number greater than 0 and at most 10, got inf"),
            (["train", "--sigma-max", "nan"], "--sigma-max must be a number greater than 0 and at most 10, got nan"),
            (["train", "--temperature", "0"], "--temperature must be a number greater than 0 and at most 100, got 0"),
            (["train", "--clip", "nan"], "--clip must be a number between 0 and 1000000, got nan"),
            (["gradcheck", "--tolerance", "nan"], "--tolerance must be a number between 0 and 1, got nan"),
            (["gradcheck", "--tolerance=-1"], "--tolerance must be a number between 0 and 1, got -1"),
            (["bench", "--cells", ""], "--cells is empty: give one or more of rnn, lstm, gru, separated by commas"),
            (["bench", "--sizes", ""], "--sizes is empty: give one or more of S1, S2, S3, separated by commas"),
            (["bench", "--cells", "rnn,transformer"], "unknown 'transformer' in --cells: choose from rnn, lstm, gru"),
        ]
        for (arguments, message) in cases {
            let result = try rnnlab(arguments)
            XCTAssertEqual(result.code, 64, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.hasPrefix("Error: \(message)\n"), "\(arguments): \(result.err)")
        }
    }

    /// Each value type is parsed in one place: an unknown value lists the valid ones, for every command.
    func testUnknownValuesListTheChoices() throws {
        let cases: [([String], String)] = [
            (["train", "--cell", "transformer"], "'rnn', 'lstm' or 'gru'"),
            (["run", "--cell", "gpt", "--weights", "w", "--input", "x", "--out", "o"], "'rnn', 'lstm' or 'gru'"),
            (["run", "--cell", "rnn", "--layout", "tf", "--weights", "w", "--input", "x", "--out", "o"], "'keras' and 'pytorch'"),
            (["train", "--optimizer", "lbfgs"], "'sgd', 'momentum', 'adagrad' or 'adam'"),
            (["train", "--initializer", "xavier"], "'keras' and 'pytorch'"),
            (["render", "--home", "--color", "16"], "'none', '8' or '256'"),
            (["open", "--colour", "16"], "'none', '8' or '256'"),
        ]
        for (arguments, choices) in cases {
            let result = try rnnlab(arguments)
            XCTAssertEqual(result.code, 64, "\(arguments): \(result.err)")
            XCTAssertTrue(result.err.contains("is invalid for") && result.err.contains(choices), "\(arguments): \(result.err)")
        }
    }

    /// Values inside the bounds still run (the bounds are not a typo away from refusing everything).
    func testValuesInsideTheBoundsRun() throws {
        let result = try rnnlab(["train", "--task", "sine", "--cell", "rnn", "--hidden", "4", "--batch", "2", "--steps", "2",
                                 "--noise", "0", "--json"])
        XCTAssertEqual(result.code, 0, result.err)
    }
}
