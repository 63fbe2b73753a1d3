import Lab
import LabTesting
import TUI
import XCTest

/// The docs say what the code does: the README's key table and Lessons/README.md's tables of
/// views and lab-block keys are made from the same lists the Lab uses (`KeyBindings`,
/// `ViewRegistry`). When one fails, paste the expected table the message prints.
final class DocsAgreeTests: XCTestCase {
    private func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    func testReadmeKeyTableIsTheBindingsList() throws {
        let readme = try text(PackagePaths.root.appendingPathComponent("README.md"))
        let table = KeyBindings.markdownTable()
        XCTAssertTrue(readme.contains(table), "README.md's key table must be exactly:\n\(table)")
    }

    func testLessonFormatDocListsTheRegisteredViewsAndKeys() throws {
        let doc = try text(PackagePaths.lessons.appendingPathComponent("README.md"))
        let views = ViewRegistry.viewsTable()
        let keys = ViewRegistry.keysTable()
        XCTAssertTrue(doc.contains(views), "Lessons/README.md's table of views must be exactly:\n\(views)")
        XCTAssertTrue(doc.contains(keys), "Lessons/README.md's table of keys must be exactly:\n\(keys)")
    }
}
