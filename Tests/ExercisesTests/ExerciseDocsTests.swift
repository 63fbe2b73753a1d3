@testable import Exercises
import Foundation
import XCTest

/// Lessons/README.md's numeric and compute subsections are true: their key tables list the
/// kinds' keys, their examples parse, and every mistake id is documented.
final class ExerciseDocsTests: XCTestCase {
    private let doc: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Lessons/README.md")
        return (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    }()

    private func section(_ kind: String) -> String {
        guard let start = doc.range(of: "### `\(kind)`\n") else { return "" }
        let rest = doc[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex)])
    }

    /// The first column's key names of the section's first table.
    private func tableKeys(_ text: String) -> Set<String> {
        var keys = Set<String>()
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.split(separator: "|").first ?? ""
            for part in cell.components(separatedBy: "`") where !part.trimmingCharacters(in: .whitespaces).isEmpty
                && !part.contains(",") { keys.insert(part.trimmingCharacters(in: .whitespaces)) }
            if line.contains("| quantity |") { break }
        }
        return keys
    }

    func testKeyTables() {
        let numeric = tableKeys(section("numeric")), compute = tableKeys(section("compute").components(separatedBy: "| quantity | shape")[0])
        XCTAssertEqual(numeric, Set(NumericExercise.keys), "numeric's table")
        XCTAssertEqual(compute, Set(ComputeExercise.keys), "compute's table")
        for word in ComputeQuantity.words { XCTAssertTrue(section("compute").contains("`\(word)`"), word) }
        for m in Mistake.catalogue { XCTAssertTrue(section("compute").contains("`\(m.id)`"), m.id) }
    }

    func testExamplesParse() throws {
        for kind in ["numeric", "compute", "keras"] {
            let text = section(kind)
            let parts = text.components(separatedBy: "```exercise\n")
            XCTAssertEqual(parts.count, 2, kind)
            let block = parts[1].components(separatedBy: "\n```")[0]
            let lesson = "---\nid: t\ntitle: T\nsummary: S.\n---\n\n## Step\n\n```exercise\n\(block)\n```\n"
            let l = try LessonParser.parse(lesson, file: "README.md", labs: ExerciseFixtures.Reader())
            let spec = try XCTUnwrap(l.steps[0].exercise?.as(ExerciseSpec.self))
            XCTAssertEqual(spec.kindWord, kind)
            let v = try spec.variant(for: StudentID("ada"))
            if case .number(let x) = v.solution { XCTAssertTrue(try v.check(.number(x)).passed) }
            if case .source(let s) = v.solution { XCTAssertTrue(s.contains("activation=\"sigmoid\""), s); XCTAssertTrue(try v.check(.source(s, file: "m.py")).passed) }
        }
    }
}

import LessonKit
