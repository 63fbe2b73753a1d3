import Foundation
import LabTesting
import XCTest

/// `--lessons` names what is wrong with the path: missing, a file, or empty.
final class LessonsFolderArgumentTests: XCTestCase {
    func testWhatIsNotAFolderIsNamed() throws {
        let binary = try RNNLabBinary.url()
        let file = PackagePaths.root.appendingPathComponent("README.md").path
        let cases = [(file, "\(file): not a folder"), ("", "'': not a folder name (the path is empty)"),
                     ("/nonexistent-lessons", "/nonexistent-lessons: no such folder")]
        for (path, message) in cases {
            let result = try Subprocess.run(binary.path, ["lessons", "--lessons", path],
                                            environment: ProcessInfo.processInfo.environment)
            XCTAssertEqual(result.status, 1, path)
            XCTAssertEqual(result.stderrText, "Error: --lessons \(message)\n", path)
        }
    }
}
