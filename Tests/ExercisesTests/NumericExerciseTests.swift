import Exercises
import Foundation
import XCTest

/// Every numeric quantity: the numbers are read back from the statement (what the student
/// sees), the answer is computed here by hand-written formulas, and the checker must pass it,
/// pass its float32 rounding, fail a wrong number and name the mistakes.
final class NumericExerciseTests: XCTestCase {
    /// `name = [[…]]` / `name = […]` lines of the statement's code block.
    static func arrays(in statement: String) -> [String: [[Double]]] {
        let parts = statement.components(separatedBy: "```")
        guard parts.count >= 3 else { return [:] }
        var entries: [(String, String)] = []
        for line in parts[1].split(separator: "\n") {
            if let eq = line.range(of: " = ") {
                entries.append((line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces), String(line[eq.upperBound...])))
            } else if !entries.isEmpty {
                entries[entries.count - 1].1 += String(line)
            }
        }
        var out: [String: [[Double]]] = [:]
        for (name, text) in entries {
            let rows = text.replacingOccurrences(of: " ", with: "").dropFirst().dropLast()
                .components(separatedBy: "],").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
            let parsed = rows.map { $0.split(separator: ",").map { Double($0)! } }
            out[name] = text.hasPrefix("[[") ? parsed : [text.trimmingCharacters(in: CharacterSet(charactersIn: "[] ")).split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! }]
        }
        return out
    }

    /// The number after `label` in the statement (e.g. `σ_max = 0.83`).
    static func number(after label: String, in s: String) -> Double? {
        guard let r = s.range(of: label) else { return nil }
        var rest = String(s[r.upperBound...].prefix { "0123456789.-".contains($0) })
        while rest.hasSuffix(".") { rest.removeLast() }  // the sentence's full stop
        return Double(rest)
    }

    private func assertVerdicts(_ v: ExerciseVariant, right: Double, mistakes: [(Double, String)],
                                file: StaticString = #filePath, line: UInt = #line) throws {
        let ok = try v.check(.number(right))
        XCTAssertTrue(ok.passed, "\(right): \(ok.message)\n\(v.statement)", file: file, line: line)
        XCTAssertTrue(try v.check(.number(Double(Float(right)))).passed, "float32", file: file, line: line)
        let wrong = try v.check(.number(right * 1.1 + 0.01))
        XCTAssertFalse(wrong.passed, file: file, line: line)
        XCTAssertNil(wrong.diagnosis, wrong.message, file: file, line: line)
        for (value, id) in mistakes {
            let verdict = try v.check(.number(value))
            XCTAssertFalse(verdict.passed, id, file: file, line: line)
            XCTAssertEqual(verdict.diagnosis, id, "\(value): \(verdict.message)", file: file, line: line)
        }
    }

    private func mv(_ m: [[Double]], _ v: [Double]) -> [Double] { m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } } }
    private func add(_ vs: [Double]...) -> [Double] { (0..<vs[0].count).map { j in vs.reduce(0) { $0 + $1[j] } } }
    private func sig(_ a: Double) -> Double { 1 / (1 + exp(-a)) }

    func testRNNElement() throws {
        let v = try ExerciseFixtures.variant("kind: numeric\nquantity: h\ncell: rnn\nsteps: 2\nunit: 1")
        let a = Self.arrays(in: v.statement)
        let Wxh = a["W_xh"]!, Whh = a["W_hh"]!, b = a["b"]![0], x = [a["x_1"]![0], a["x_2"]![0]]
        XCTAssertEqual(Wxh.count, 2)
        func run(_ Whh: [[Double]], _ b: [Double], _ f: (Double) -> Double) -> [[Double]] {
            var h = [0.0, 0.0], out: [[Double]] = []
            for xt in x { h = add(mv(Wxh, xt), mv(Whh, h), b).map(f); out.append(h) }
            return out
        }
        let right = run(Whh, b, tanh)[1][1]
        let transposed = [[Whh[0][0], Whh[1][0]], [Whh[0][1], Whh[1][1]]]
        try assertVerdicts(v, right: right, mistakes: [
            (run(transposed, b, tanh)[1][1], "transposed-recurrent-kernel"),
            (run(Whh, [0, 0], tanh)[1][1], "missing-bias"),
            (run(Whh, b, sig)[1][1], "sigmoid-for-tanh"),
            (run(Whh, b, tanh)[0][1], "off-by-one"),
        ])
        XCTAssertTrue(v.statement.contains("h_2[1]"), v.statement)
        guard case .number(let s) = v.solution else { return XCTFail() }
        XCTAssertEqual(s, right, accuracy: 1e-12)
    }

    func testLSTMElements() throws {
        for name in ["c", "h", "f"] {
            let v = try ExerciseFixtures.variant("kind: numeric\nquantity: \(name)\ncell: lstm\nsteps: 2\ninput: 1\nhidden: 2\ninitial-state: true",
                                                id: "lstm-\(name)")
            let a = Self.arrays(in: v.statement)
            func run(bias: Bool, tanhC: Bool) -> [[String: [Double]]] {
                var h = a["h_0"]![0], c = a["c_0"]![0], out: [[String: [Double]]] = []
                for xt in [a["x_1"]![0], a["x_2"]![0]] {
                    func pre(_ g: String) -> [Double] { add(mv(a["W_x\(g)"]!, xt), mv(a["W_h\(g)"]!, h), bias ? a["b_\(g)"]![0] : [0, 0]) }
                    let i = pre("i").map(sig), f = pre("f").map(sig), g = pre("g").map(tanh), o = pre("o").map(sig)
                    c = (0..<2).map { f[$0] * c[$0] + i[$0] * g[$0] }
                    h = (0..<2).map { o[$0] * (tanhC ? tanh(c[$0]) : c[$0]) }
                    out.append(["h": h, "c": c, "f": f])
                }
                return out
            }
            let r = run(bias: true, tanhC: true)
            var mistakes = [(run(bias: false, tanhC: true)[1][name]![0], "missing-bias")]
            if name != "h" { mistakes.append((r[0][name]![0], "off-by-one")) }
            if name == "h" { mistakes.append((run(bias: true, tanhC: false)[1]["h"]![0], "missing-tanh-on-c")) }
            if name == "c" { mistakes.append((r[1]["h"]![0], "h-instead-of-c")) }
            try assertVerdicts(v, right: r[1][name]![0], mistakes: mistakes)
        }
    }

    func testGRUElementLectureForm() throws {
        let v = try ExerciseFixtures.variant("kind: numeric\nquantity: h\ncell: gru\nsteps: 2")
        let a = Self.arrays(in: v.statement)
        func run(resetAfter: Bool, flipZ: Bool) -> [Double] {
            var h = [0.0, 0.0]
            for xt in [a["x_1"]![0], a["x_2"]![0]] {
                let r = add(mv(a["W_xr"]!, xt), mv(a["W_hr"]!, h), a["b_r"]![0]).map(sig)
                var z = add(mv(a["W_xz"]!, xt), mv(a["W_hz"]!, h), a["b_z"]![0]).map(sig)
                if flipZ { z = z.map { 1 - $0 } }
                let rec = resetAfter ? zip(r, mv(a["W_hh"]!, h)).map { $0 * $1 } : mv(a["W_hh"]!, zip(r, h).map { $0 * $1 })
                let n = add(mv(a["W_xh"]!, xt), rec, a["b_h"]![0]).map(tanh)
                h = (0..<2).map { z[$0] * h[$0] + (1 - z[$0]) * n[$0] }
            }
            return h
        }
        try assertVerdicts(v, right: run(resetAfter: false, flipZ: false)[0], mistakes: [
            (run(resetAfter: true, flipZ: false)[0], "gru-reset-after"),
            (run(resetAfter: false, flipZ: true)[0], "update-gate-reversed"),
        ])
    }

    func testGradientNorm() throws {
        for regime in ["vanishing", "exploding"] {
            let v = try ExerciseFixtures.variant("kind: numeric\nquantity: grad-norm\nhidden: 3\nsteps: 12\nregime: \(regime)", id: "g-\(regime)")
            let sigma = try XCTUnwrap(Self.number(after: "σ_max = ", in: v.statement))
            XCTAssertEqual(sigma < 1, regime == "vanishing")
            let right = pow(sigma, 11) * 3.0.squareRoot()
            try assertVerdicts(v, right: right, mistakes: [
                (pow(sigma, 12) * 3.0.squareRoot(), "off-by-one"),
                (pow(sigma, 11), "upstream-norm-one"),
            ])
        }
    }

    func testParameterCounts() throws {
        let cases: [(String, (Int, Int) -> Int, [(Int, Int) -> (Int, String)])] = [
            ("cell: lstm", { d, h in 4 * (d * h + h * h + h) }, [{ d, h in (4 * (d * h + h * h), "missing-bias") },
                                                                  { d, h in (d * h + h * h + h, "missing-gate-blocks") }]),
            ("cell: gru", { d, h in 3 * (d * h + h * h + 2 * h) }, [{ d, h in (3 * (d * h + h * h + h), "gru-one-bias") }]),
            ("cell: gru\ngru-form: reset-before", { d, h in 3 * (d * h + h * h + h) }, [{ d, h in (3 * (d * h + h * h + 2 * h), "gru-two-biases") }]),
            ("cell: rnn", { d, h in d * h + h * h + h }, [{ d, h in (d * h + h * h, "missing-bias") }]),
        ]
        for (i, (keys, count, mistakes)) in cases.enumerated() {
            let v = try ExerciseFixtures.variant("kind: numeric\nquantity: parameters\n\(keys)", id: "p\(i)")
            let D = Int(try XCTUnwrap(Self.number(after: "D = ", in: v.statement))), H = Int(try XCTUnwrap(Self.number(after: "H = ", in: v.statement)))
            let right = count(D, H)
            XCTAssertTrue(try v.check(.number(Double(right))).passed, keys)
            XCTAssertFalse(try v.check(.number(Double(right) + 1)).passed, "integers are exact")
            XCTAssertFalse(try v.check(.number(Double(right) * (1 + 1e-5))).passed, "integers are exact")
            for m in mistakes {
                let (value, id) = m(D, H)
                XCTAssertEqual(try v.check(.number(Double(value))).diagnosis, id, keys)
            }
        }
    }

    func testEchoSteps() throws {
        let v = try ExerciseFixtures.variant("kind: numeric\nquantity: echo-steps")
        let w = try XCTUnwrap(Self.number(after: "w = ", in: v.statement))
        let n = Int((log(0.01) / log(w)).rounded(.up))
        XCTAssertLessThan(pow(w, Double(n)), 0.01)
        XCTAssertGreaterThanOrEqual(pow(w, Double(n - 1)), 0.01)
        XCTAssertTrue(try v.check(.number(Double(n))).passed)
        XCTAssertEqual(try v.check(.number(Double(n - 1))).diagnosis, "off-by-one")
        XCTAssertEqual(try v.check(.number(Double(n + 1))).diagnosis, "off-by-one")
        XCTAssertNil(try v.check(.number(Double(n + 5))).diagnosis)
        XCTAssertThrowsError(try v.check(.options([0])))
    }

    func testStudentsAndBlockErrors() throws {
        let keys = "kind: numeric\nquantity: h\ncell: rnn"
        let a = try ExerciseFixtures.variant(keys, student: "ada"), b = try ExerciseFixtures.variant(keys, student: "bob")
        XCTAssertEqual(a.statement, try ExerciseFixtures.variant(keys, student: "ada").statement)
        XCTAssertNotEqual(Self.arrays(in: a.statement)["W_hh"], Self.arrays(in: b.statement)["W_hh"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: numeric\nquantity: c\ncell: rnn"),
                       ["t.md:15: the rnn cell has no 'c' (it has: h)"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: numeric\nquantity: parameters\ncell: lstm\nhidden: 3"),
                       ["t.md:17: 'hidden' is not used by quantity 'parameters' (each student gets their own D and H)"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: numeric\nquantity: h"), ["t.md:9: exercise block is missing 'cell'"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: numeric\nquantity: h\ncell: rnn\nrtol: 2"),
                       ["t.md:17: 'rtol' is 2; it must be at least 0 and at most 0.5"])
    }
}
