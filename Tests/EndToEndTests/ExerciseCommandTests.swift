import Foundation
import LabTesting
import XCTest

/// `rnnlab exercise list|show|export|solution`, `check`, `grade`, `progress` and the
/// duplicate-id check of `lessons`, as processes: every exit code, the JSON shapes, bad
/// student ids, a class folder of every kind of submission, and nothing written outside the
/// paths named. The lessons are inline fixtures (choice exercises) in a scratch folder; the
/// progress goes to a scratch $XDG_STATE_HOME.
final class ExerciseCommandTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!
    private var lessons: String { scratch.appendingPathComponent("lessons").path }
    private var state: URL { scratch.appendingPathComponent("state") }
    private var progressFile: URL { state.appendingPathComponent("rnnlab/progress.json") }

    private static let lesson = """
    ---
    id: one
    title: Lesson one
    summary: S.
    ---

    ## Intro

    Text.

    ## Exercise: shared weights

    ```exercise
    id: shared-weights
    kind: choice
    title: Shared weights
    task: Which is true of $W_{hh}$, whose largest singular value is $\\sigma_{max}$?
    options:
      - text: The same matrix at every step
        correct: true
      - text: A new matrix per step
        why: Then the network could not run on longer sequences.
    solution: One matrix, reused.
    ```

    ## Exercise: two right

    ```exercise
    id: two-right
    kind: choice
    title: Two right
    task: Pick both.
    options:
      - text: A
        correct: true
      - text: B
        correct: true
      - text: C
        why: Not C.
    solution: A and B.
    ```
    """

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("exercise-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        try Data(Self.lesson.utf8).write(to: URL(fileURLWithPath: lessons).appendingPathComponent("01-one.md"))
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Runs rnnlab with the fixture lessons, the scratch state folder and the learner `me-1`.
    private func rnnlab(_ arguments: [String], lessonsFolder: String? = nil) throws -> (code: Int32, out: String, err: String) {
        var env = ProcessInfo.processInfo.environment
        env["XDG_STATE_HOME"] = state.path
        env["RNNLAB_STUDENT"] = "me-1"
        env["RNNLAB_LESSONS"] = lessonsFolder ?? lessons
        let result = try Subprocess.run(binary.path, arguments, environment: env)
        return (result.status, result.stdoutText, result.stderrText)
    }

    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    private func path(_ name: String) -> String { scratch.appendingPathComponent(name).path }

    // MARK: - exercise list / show

    func testListAsTableAndJSON() throws {
        let table = try rnnlab(["exercise", "list"])
        XCTAssertEqual(table.code, 0, table.err)
        XCTAssertEqual(table.out, """
            one: Lesson one
              shared-weights  choice  step 2  Shared weights
              two-right       choice  step 3  Two right

            """)
        let r = try rnnlab(["exercise", "list", "--json", "--lesson", "one"])
        XCTAssertEqual(r.code, 0, r.err)
        let items = try XCTUnwrap(try json(r.out) as? [[String: String]])
        XCTAssertEqual(items, [["id": "shared-weights", "lesson": "one", "kind": "choice", "title": "Shared weights"],
                               ["id": "two-right", "lesson": "one", "kind": "choice", "title": "Two right"]])
        let unknown = try rnnlab(["exercise", "list", "--lesson", "nope"])
        XCTAssertEqual(unknown.code, 1)
        XCTAssertEqual(unknown.err, "Error: no lesson with id 'nope' (known: one)\n")
    }

    func testShowUsesTheLocalStudentAndRefusesBadIDs() throws {
        let r = try rnnlab(["exercise", "show", "two-right"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.out.contains("student `me-1`"), r.out)
        XCTAssertTrue(r.out.contains("a) A\nb) B\nc) C"), r.out)
        // Formulas are drawn in Unicode, as in the lab: no raw TeX in the terminal.
        let tex = try rnnlab(["exercise", "show", "shared-weights"])
        XCTAssertTrue(tex.out.contains("Which is true of Wₕₕ, whose largest singular value is σₘₐₓ?"), tex.out)
        XCTAssertFalse(tex.out.contains("$") || tex.out.contains("\\"), tex.out)
        for (bad, what) in [("a b", "a space"), ("a/b", "a slash"), ("../x", "'.'")] {
            let b = try rnnlab(["exercise", "show", "two-right", "--student", bad])
            XCTAssertEqual(b.code, 1, bad)
            XCTAssertTrue(b.err.hasPrefix("Error: student id '\(bad)'") && b.err.contains(what), b.err)
            XCTAssertEqual(b.err.filter { $0 == "\n" }.count, 1, "one line: \(b.err)")
        }
        XCTAssertEqual(try rnnlab(["exercise", "show", "nope"]).code, 1)
    }

    // MARK: - exercise export / solution

    func testExportWritesReadmeAndTaskJSONAndRefusesANonEmptyFolder() throws {
        let out = path("ada")
        let r = try rnnlab(["exercise", "export", "two-right", "--student", "ada", "--out", out])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(), ["README.md", "task.json"])
        let task = try XCTUnwrap(try json(String(contentsOfFile: out + "/task.json", encoding: .utf8)) as? [String: Any])
        XCTAssertEqual(Set(task.keys), ["exercise", "student", "kind", "cell", "reset_after", "files", "answer"])
        XCTAssertEqual(task["student"] as? String, "ada")
        XCTAssertTrue(task["cell"] is NSNull && task["reset_after"] is NSNull && task["answer"] is NSNull)
        let readme = try String(contentsOfFile: out + "/README.md", encoding: .utf8)
        XCTAssertTrue(readme.contains("Pick both.") && readme.contains("--student ada"), readme)

        let refused = try rnnlab(["exercise", "export", "two-right", "--student", "ada", "--out", out])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("not empty") && refused.err.contains("--force"), refused.err)
        XCTAssertEqual(try rnnlab(["exercise", "export", "two-right", "--student", "ada", "--out", out, "--force"]).code, 0)

        let bad = try rnnlab(["exercise", "export", "two-right", "--student", "x/y", "--out", path("bad")])
        XCTAssertEqual(bad.code, 1)
        XCTAssertTrue(bad.err.contains("contains a slash"), bad.err)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("bad")), "nothing made for a bad student id")
        XCTAssertEqual(try rnnlab(["exercise", "export", "two-right", "--out", path("c")]).code, 64, "--student is required")
    }

    func testSolutionIsWhatCheckAccepts() throws {
        let file = path("expected.txt")
        let r = try rnnlab(["exercise", "solution", "two-right", "--student", "ada", "--out", file])
        XCTAssertEqual(r.code, 0, r.err)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertEqual(text, "a,b\n")
        XCTAssertEqual(try rnnlab(["check", "two-right", text, "--student", "ada"]).code, 0)
        // Without --out a text solution is printed.
        let printed = try rnnlab(["exercise", "solution", "two-right", "--student", "ada"])
        XCTAssertEqual(printed.code, 0, printed.err)
        XCTAssertEqual(printed.out, "a,b\n")
        let folder = try rnnlab(["exercise", "solution", "two-right", "--student", "ada", "--out", scratch.path])
        XCTAssertEqual(folder.code, 1)
        XCTAssertTrue(folder.err.contains("is a directory"), folder.err)
    }

    // MARK: - check

    func testCheckExitCodesAndJSON() throws {
        let pass = try rnnlab(["check", "two-right", "b,a", "--student", "ada"])
        XCTAssertEqual(pass.code, 0, pass.err)
        XCTAssertEqual(pass.out, "passed: Right.\n")

        let wrong = try rnnlab(["check", "two-right", "a,c", "--student", "ada", "--json"])
        XCTAssertEqual(wrong.code, 1, wrong.err)
        let verdict = try XCTUnwrap(try json(wrong.out) as? [String: Any])
        XCTAssertEqual(Set(verdict.keys), ["passed", "diagnosis", "message"])
        XCTAssertEqual(verdict["passed"] as? Bool, false)
        XCTAssertTrue(verdict["diagnosis"] is NSNull)
        XCTAssertEqual(verdict["message"] as? String, "c) is not right: Not C.")

        // Exit 2: the answer could not be checked, with one line saying why.
        let cases: [([String], String)] = [
            (["two-right", "z"], "there is no option z"),
            (["two-right", "a;b"], "is not a choice"),
            (["two-right", " "], "the answer is empty"),
            (["two-right", "-0.5"], "'-0.5' is not a choice"),  // a negative number is an answer, not an option
            (["two-right", "a", "--student", "a b"], "contains a space"),
            (["two-right", "a", "--student", "a/b"], "contains a slash"),
            (["nope", "a"], "no exercise has the id 'nope'"),
        ]
        for (args, message) in cases {
            let r = try rnnlab(["check"] + args)
            XCTAssertEqual(r.code, 2, "\(args): \(r.err)")
            XCTAssertTrue(r.err.hasPrefix("Error: ") && r.err.contains(message), "\(args): \(r.err)")
            XCTAssertEqual(r.err.filter { $0 == "\n" }.count, 1, "one line: \(r.err)")
        }
        let unreadableJSON = try rnnlab(["check", "two-right", "z", "--json"])
        XCTAssertEqual(unreadableJSON.code, 2)
        let j = try XCTUnwrap(try json(unreadableJSON.out) as? [String: Any])
        XCTAssertEqual(j["passed"] as? Bool, false)
        XCTAssertTrue((j["message"] as? String)?.contains("no option z") == true)
        let noLessons = try rnnlab(["check", "two-right", "a", "--lessons", path("missing")])
        XCTAssertEqual(noLessons.code, 2, noLessons.err)
        XCTAssertEqual(try rnnlab(["check", "two-right"]).code, 64)
        XCTAssertEqual(try rnnlab(["check", "two-right", "a", "b"]).code, 64)
        XCTAssertFalse(FileManager.default.fileExists(atPath: state.path), "another student's checks are not the learner's progress")
    }

    func testTheLearnersOwnChecksAreProgress() throws {
        XCTAssertEqual(try rnnlab(["check", "two-right", "z"]).code, 2)
        XCTAssertFalse(FileManager.default.fileExists(atPath: progressFile.path), "an unreadable answer is not an attempt")
        XCTAssertEqual(try rnnlab(["check", "two-right", "c"]).code, 1)
        XCTAssertEqual(try rnnlab(["check", "two-right", "a,b"]).code, 0)
        let r = try rnnlab(["progress", "--json"])
        XCTAssertEqual(r.code, 0, r.err)
        let p = try XCTUnwrap(try json(r.out) as? [String: Any])
        XCTAssertEqual(Set(p.keys), ["file", "lessons", "warnings"])
        XCTAssertEqual(p["file"] as? String, progressFile.path, "XDG_STATE_HOME is honoured")
        let lesson = try XCTUnwrap((p["lessons"] as? [[String: Any]])?.first)
        XCTAssertEqual(lesson["id"] as? String, "one")
        XCTAssertEqual(lesson["passed"] as? Int, 1)
        XCTAssertEqual(lesson["total"] as? Int, 2)
        XCTAssertEqual(lesson["attempts"] as? Int, 2)
        let exercises = try XCTUnwrap(lesson["exercises"] as? [[String: Any]])
        XCTAssertEqual(exercises.map { $0["id"] as? String }, ["shared-weights", "two-right"])
        XCTAssertEqual(exercises[1]["passed"] as? Bool, true)

        let table = try rnnlab(["progress"])
        XCTAssertTrue(table.out.contains("one: Lesson one  1/2 passed, 2 attempts"), table.out)
        XCTAssertTrue(table.out.contains("two-right       passed (2 attempts)"), table.out)

        let reset = try rnnlab(["progress", "--reset"])
        XCTAssertEqual(reset.code, 0, reset.err)
        let kept = try XCTUnwrap(reset.out.components(separatedBy: "kept as ").last?.trimmingCharacters(in: .newlines))
        XCTAssertTrue(FileManager.default.fileExists(atPath: kept), "the old file is kept: \(reset.out)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: progressFile.path))
        XCTAssertTrue(try rnnlab(["progress"]).out.contains("0/2 passed, 0 attempts"))
    }

    func testACorruptProgressFileIsKeptAsideWithAWarning() throws {
        try FileManager.default.createDirectory(at: progressFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{\"version\": 1, \"exerc".utf8).write(to: progressFile)
        let r = try rnnlab(["progress"])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.err.hasPrefix("warning: \(progressFile.path) could not be read as progress; it was kept as "), r.err)
        let aside = try FileManager.default.contentsOfDirectory(atPath: progressFile.deletingLastPathComponent().path)
            .filter { $0.hasPrefix("progress.json.broken-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertTrue(r.out.contains("0/2 passed"), r.out)
    }

    // MARK: - grade

    func testGradeGivesEveryStudentOneCSVLineAndWritesNothingElse() throws {
        let fm = FileManager.default
        let cls = scratch.appendingPathComponent("class")
        func put(_ name: String, _ bytes: [UInt8]) throws {
            let url = cls.appendingPathComponent(name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        try put("ada.txt", Array("a,b\n".utf8))            // correct
        try put("bob/answer.txt", Array("b, a".utf8))       // correct, in a folder
        try put("carol.txt", Array("c".utf8))               // wrong
        try put("dan.txt", [0x93, 0x4E, 0x00, 0xFF])        // corrupt
        try fm.createDirectory(at: cls.appendingPathComponent("eve"), withIntermediateDirectories: true)  // missing
        try put("f g.txt", Array("a,b".utf8))               // a space in the id
        let roster = path("roster.txt")
        try Data("ada\nzoe  # never handed in\n".utf8).write(to: URL(fileURLWithPath: roster))
        let before = snapshot(scratch)
        let csv = path("grades.csv")
        let r = try rnnlab(["grade", "two-right", cls.path, "--csv", csv, "--roster", roster])
        XCTAssertEqual(r.code, 0, r.err)
        XCTAssertTrue(r.err.contains("7 entries: 6 students (2 passed, 1 wrong, 3 not graded), 1 not a student id"), r.err)
        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(rows.first, "student,score,result,diagnosis,message")
        XCTAssertEqual(rows.dropFirst().map { String($0.prefix { $0 != "," }) }, ["ada", "bob", "carol", "dan", "eve", "f g", "zoe"])
        XCTAssertTrue(rows[1].hasPrefix("ada,1,passed,"))
        XCTAssertTrue(rows[2].hasPrefix("bob,1,passed,"))
        XCTAssertTrue(rows[3].hasPrefix("carol,0,wrong,"))
        for row in rows[4...] { XCTAssertTrue(row.contains(",,not graded,"), row) }
        XCTAssertEqual(r.out.split(separator: "\n").count, 8, "a header and one line per student:\n\(r.out)")
        var after = snapshot(scratch)
        after.removeValue(forKey: "grades.csv")
        XCTAssertEqual(after, before, "only the CSV was written")

        let inside = try rnnlab(["grade", "two-right", cls.path, "--csv", cls.appendingPathComponent("g.csv").path])
        XCTAssertEqual(inside.code, 1)
        XCTAssertTrue(inside.err.contains("inside the class folder"), inside.err)
        XCTAssertFalse(fm.fileExists(atPath: cls.appendingPathComponent("g.csv").path))
        let overRoster = try rnnlab(["grade", "two-right", cls.path, "--roster", roster, "--csv", roster])
        XCTAssertEqual(overRoster.code, 1)
        XCTAssertTrue(overRoster.err.contains("is the --roster file"), overRoster.err)
        XCTAssertEqual(try String(contentsOfFile: roster, encoding: .utf8), "ada\nzoe  # never handed in\n")
        XCTAssertEqual(try rnnlab(["grade", "two-right", path("no-class")]).code, 1)
        XCTAssertEqual(try rnnlab(["grade", "nope", cls.path]).code, 1)
    }

    // MARK: - lessons

    func testLessonsReportsDuplicateExerciseIDs() throws {
        let second = Self.lesson.replacingOccurrences(of: "id: one\n", with: "id: two\n")
        try Data(second.utf8).write(to: URL(fileURLWithPath: lessons).appendingPathComponent("02-two.md"))
        let r = try rnnlab(["lessons", "--lessons", lessons])
        XCTAssertEqual(r.code, 1)
        let errors = r.err.split(separator: "\n").filter { $0.contains("is already used") }
        XCTAssertEqual(errors.count, 2, r.err)
        let folder = URL(fileURLWithPath: lessons).standardizedFileURL.path
        XCTAssertEqual(errors[0], "\(folder)/02-two.md:13: exercise id 'shared-weights' is already used at \(folder)/01-one.md:13")
    }

    /// Every path below `folder` with its size and modification time.
    private func snapshot(_ folder: URL) -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        guard let e = fm.enumerator(atPath: folder.path) else { return out }
        while let rel = e.nextObject() as? String {
            let a = (try? fm.attributesOfItem(atPath: folder.appendingPathComponent(rel).path)) ?? [:]
            out[rel] = "\(a[.size] ?? "-") \(a[.modificationDate] ?? "-")"
        }
        return out
    }
}
