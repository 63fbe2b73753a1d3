import Foundation
import XCTest
@testable import RNNCore

/// Where the committed framework fixtures live (written by scripts/make_fixtures.py).
enum FixturePaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func file(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A fresh temporary folder for files a test writes (the caller removes it).
    static func makeScratch(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The seven framework cases: folder name, cell kind, layout.
    static let cases: [(name: String, kind: CellKind, layout: FrameworkLayout)] = [
        ("keras_simple_rnn", .rnn, .keras),
        ("keras_lstm", .lstm, .keras),
        ("keras_gru_reset_after", .gru, .keras),
        ("keras_gru_reset_before", .gru, .keras),
        ("torch_rnn", .rnn, .pytorch),
        ("torch_lstm", .lstm, .pytorch),
        ("torch_gru", .gru, .pytorch),
    ]
}

/// Asserts that the message of the error thrown by `body` contains every fragment.
func assertInteropError<T>(_ body: @autoclosure () throws -> T, contains fragments: [String],
                           file: StaticString = #filePath, line: UInt = #line) {
    do {
        _ = try body()
        XCTFail("expected an InteropError containing \(fragments)", file: file, line: line)
    } catch let error as InteropError {
        for fragment in fragments where !error.message.contains(fragment) {
            XCTFail("error message \"\(error.message)\" does not contain \"\(fragment)\"", file: file, line: line)
        }
    } catch {
        XCTFail("expected an InteropError, got \(error)", file: file, line: line)
    }
}
