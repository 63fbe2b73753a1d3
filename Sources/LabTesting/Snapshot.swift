import Foundation
import Testing
import XCTest

/// Golden text files for tests.
///
/// A snapshot lives in `Snapshots/<TestFileName>/<name>.txt` beside the test file. When the
/// file is missing, or `RECORD_SNAPSHOTS` is set, the actual text is written and the test
/// fails with a note to look at it; otherwise a mismatch fails with a line diff.
public enum Snapshot {
    /// True when `RECORD_SNAPSHOTS` is set to a non-empty value other than `0`.
    public static var recording: Bool {
        let value = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] ?? ""
        return !value.isEmpty && value != "0"
    }

    /// The path of a snapshot for a test file.
    public static func path(named name: String, testFile: StaticString) -> URL {
        let file = URL(fileURLWithPath: "\(testFile)")
        let dir = file.deletingLastPathComponent()
            .appendingPathComponent("Snapshots")
            .appendingPathComponent(file.deletingPathExtension().lastPathComponent)
        return dir.appendingPathComponent(name + ".txt")
    }

    /// Compares `actual` with the stored snapshot; returns a failure message, or nil when equal.
    public static func check(_ actual: String, named name: String, testFile: StaticString) -> String? {
        let url = path(named: name, testFile: testFile)
        let fm = FileManager.default
        let text = actual.hasSuffix("\n") ? actual : actual + "\n"
        if recording || !fm.fileExists(atPath: url.path) {
            try? fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? text.write(to: url, atomically: true, encoding: .utf8)
            return recording ? nil : "recorded new snapshot \(url.path); check it and run again"
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "cannot read snapshot \(url.path)"
        }
        if expected == text { return nil }
        return "snapshot \(name) differs (RECORD_SNAPSHOTS=1 to accept):\n" + lineDiff(expected: expected, actual: text)
    }

    /// A short line-by-line diff: `-` expected, `+` actual, for the differing rows only.
    public static func lineDiff(expected: String, actual: String) -> String {
        let e = expected.components(separatedBy: "\n")
        let a = actual.components(separatedBy: "\n")
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let l = i < e.count ? e[i] : nil
            let r = i < a.count ? a[i] : nil
            if l != r {
                out.append(String(format: "%4d -", i + 1) + (l.map { "\"\($0)\"" } ?? "(none)"))
                out.append(String(format: "%4d +", i + 1) + (r.map { "\"\($0)\"" } ?? "(none)"))
            }
            if out.count > 60 { out.append("..."); break }
        }
        return out.joined(separator: "\n")
    }
}

/// Fails the current test (XCTest or Swift Testing) when `actual` differs from the golden
/// file `name`.
public func assertSnapshot(_ actual: String, named name: String, file: StaticString = #filePath, line: UInt = #line,
                           fileID: String = #fileID, column: Int = #column) {
    guard let message = Snapshot.check(actual, named: name, testFile: file) else { return }
    if Test.current != nil {
        Issue.record(Comment(rawValue: message),
                     sourceLocation: SourceLocation(fileID: fileID, filePath: "\(file)", line: Int(line), column: column))
    } else {
        XCTFail(message, file: file, line: line)
    }
}
