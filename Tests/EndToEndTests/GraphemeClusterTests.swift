import Foundation
import LabTesting
import XCTest

/// Emoji sequences in a lesson title reach the terminal whole in the lab, as `rnnlab render`
/// writes them.
final class GraphemeClusterTests: XCTestCase {
    private var session: TmuxSession?
    private var folder: URL?
    override func tearDown() {
        session?.kill(); session = nil
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func testEmojiSequencesInATitleAreDrawnWhole() throws {
        // A lesson folder whose one lesson has a title with a joined emoji and a flag.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-graphemes-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        folder = dir
        let original = try String(contentsOf: PackagePaths.lessons.appendingPathComponent("01-recurrence.md"), encoding: .utf8)
        let coder = "👩\u{200D}💻", flag = "🇩🇪"
        let title = "Coders \(coder) and flags \(flag) end"
        let lesson = original.replacingOccurrences(of: "title: Recurrence and the vanilla RNN", with: "title: \(title)")
        XCTAssertNotEqual(lesson, original, "the title line was found")
        try lesson.write(to: dir.appendingPathComponent("01-recurrence.md"), atomically: true, encoding: .utf8)

        let s = try TmuxSession(arguments: ["--lessons", dir.path])
        session = s
        let screen = try s.waitForText("Coders")
        let row = try XCTUnwrap(screen.components(separatedBy: "\n").first { $0.contains("Coders") })
        XCTAssertTrue(row.contains(coder), "the joined emoji is whole: \(row.unicodeScalars.map { String($0.value, radix: 16) })")
        XCTAssertTrue(row.contains(flag), "the flag is whole: \(row.unicodeScalars.map { String($0.value, radix: 16) })")
        XCTAssertTrue(row.contains("end"), row)
    }
}
