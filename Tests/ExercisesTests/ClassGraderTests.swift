import Exercises
import Foundation
import XCTest

/// A class folder with correct, wrong, corrupt, missing and misnamed submissions: one line
/// per student, none lost, nothing written.
final class ClassGraderTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try ExerciseFixtures.scratch("class") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func put(_ relative: String, _ text: String) throws {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func folder(_ relative: String) throws {
        try FileManager.default.createDirectory(at: dir.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    private func grade(roster: [String]? = nil, answerFile: String? = nil) throws -> [GradeLine] {
        let spec = try ExerciseFixtures.choiceSpec()
        return try ClassGrader.grade(folder: dir.path, roster: roster?.map { try StudentID($0) }) { (s: StudentID) throws(ExerciseError) -> ExerciseVariant in
            var v = try spec.variant(for: s)
            if let answerFile { v.answer = AnswerDescription(file: answerFile, shape: [], quantity: "options") }
            return v
        }
    }

    /// A wrong answer that is another student's right one says whose numbers it fits.
    func testAnAnswerWorkedOnAnotherStudentsNumbersIsNamed() throws {
        let spec = try ExerciseFixtures.spec("kind: numeric\nquantity: h\ncell: rnn\nsteps: 2")
        func expected(_ s: String) throws -> Double {
            guard case .number(let x) = try spec.variant(for: StudentID(s)).solution else { throw XCTSkip("not a number") }
            return x
        }
        try put("ada.txt", "\(try expected("ada"))")
        try put("bob.txt", "\(try expected("ada"))")       // ada's number
        try put("cy.txt", "\(try expected("cy") + 0.5)")   // wrong, nobody's
        let lines = try ClassGrader.grade(folder: dir.path) { (s: StudentID) throws(ExerciseError) -> ExerciseVariant in
            try spec.variant(for: s)
        }
        XCTAssertEqual(lines.map(\.result), [.passed, .wrong, .wrong])
        XCTAssertTrue(lines[1].message.hasSuffix("It is the right answer for student ada's numbers, not for bob's."), lines[1].message)
        XCTAssertFalse(lines[2].message.contains("right answer for student"), lines[2].message)
    }

    func testEveryStudentGetsOneLine() throws {
        try put("ada.txt", "a,b\n")                      // right
        try put("bob", "c")                              // wrong, a file without extension
        try put("carol.npy", "\u{0}\u{1}\u{FF}")         // corrupt
        try put("dan.txt", "")                           // empty
        try folder("eve")                                // a folder without the answer
        try put("frank/answer.txt", "b,a")               // a folder with the answer
        try put("g h.txt", "a,b")                        // a student id with a space
        try put("ivy.txt", "a")
        try put("ivy/answer.txt", "a,b")                 // two submissions for one student
        try put("jo.l.txt", "a,b")                       // a dot inside the id
        try put(".DS_Store", "junk")                     // not a student
        let before = ExerciseFixtures.snapshot(dir)
        let lines = try grade(roster: ["ada", "zed"])
        XCTAssertEqual(ExerciseFixtures.snapshot(dir), before, "grading writes nothing")
        XCTAssertEqual(lines.map(\.student), ["ada", "bob", "carol", "dan", "eve", "frank", "g h", "ivy", "jo.l", "zed"])
        let byStudent = Dictionary(uniqueKeysWithValues: lines.map { ($0.student, $0) })
        XCTAssertEqual(byStudent["ada"]?.result, .passed)
        XCTAssertEqual(byStudent["frank"]?.result, .passed)
        XCTAssertEqual(byStudent["jo.l"]?.result, .passed)
        XCTAssertEqual(byStudent["bob"]?.result, .wrong)
        XCTAssertEqual(byStudent["bob"]?.score, 0)
        XCTAssertTrue(byStudent["bob"]?.message.contains("Not C.") == true)
        let reasons: [String: String] = ["carol": "is not text", "dan": "is empty", "eve": "holds no answer file",
                                         "g h": "contains a space", "ivy": "several submissions", "zed": "no submission"]
        for (student, reason) in reasons {
            let line = try XCTUnwrap(byStudent[student], student)
            XCTAssertEqual(line.result, .notGraded, student)
            XCTAssertNil(line.score, student)
            XCTAssertTrue(line.message.contains(reason), "\(student): \(line.message)")
        }
    }

    func testANameWithALineBreakStaysOneLine() throws {
        try put("ada\nbob.txt", "a,b")
        try put("carol.txt", "a,b")
        let lines = try grade()
        XCTAssertEqual(lines.map(\.student), ["ada\\u{A}bob", "carol"])
        XCTAssertEqual(lines[0].result, .notGraded)
        XCTAssertEqual(GradeReport.csv(lines).split(separator: "\n").count, 3, GradeReport.csv(lines))
        XCTAssertEqual(GradeReport.table(lines).split(separator: "\n").count, 3, GradeReport.table(lines))
    }

    func testAFolderIsReadByTheAnswerFileName() throws {
        try put("ada/answer.txt", "a,b")
        try put("ada/notes.txt", "c")
        try put("bob/notes.txt", "c")
        try put("bob/other.txt", "c")
        let lines = try grade(answerFile: "answer.txt")
        XCTAssertEqual(lines.map(\.result), [.passed, .notGraded])
        XCTAssertTrue(lines[1].message.contains("holds 2 files and none is the answer (expected answer.txt)"), lines[1].message)
    }

    func testAFolderThatIsNotAFolderStopsTheRun() throws {
        try put("file", "x")
        let spec = try ExerciseFixtures.choiceSpec()
        XCTAssertThrowsError(try ClassGrader.grade(folder: dir.appendingPathComponent("file").path) { (s: StudentID) throws(ExerciseError) in
            try spec.variant(for: s)
        })
    }

    func testCSVHasAHeaderAndOneQuotedRowPerStudent() {
        let lines = [GradeLine(student: "ada", result: .passed, message: "Right."),
                     GradeLine(student: "bob", result: .wrong, diagnosis: "transposed-recurrent-kernel", message: "W_hh, transposed: use \"W\""),
                     GradeLine(student: "c d", result: .notGraded, message: "=cmd, not an id")]
        XCTAssertEqual(GradeReport.csv(lines), """
            student,score,result,diagnosis,message
            ada,1,passed,,Right.
            bob,0,wrong,transposed-recurrent-kernel,"W_hh, transposed: use ""W\"\"\"
            c d,,not graded,,"'=cmd, not an id"

            """)
        XCTAssertEqual(GradeReport.summary(lines), "3 students: 1 passed, 1 wrong, 1 not graded")
        var stray = lines
        stray[2].isStudent = false
        XCTAssertEqual(GradeReport.summary(stray), "3 entries: 2 students (1 passed, 1 wrong, 0 not graded), 1 not a student id")
        XCTAssertEqual(GradeReport.table(lines).split(separator: "\n").count, 4)
    }
}
