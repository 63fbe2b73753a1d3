import Exercises
import LessonKit
import XCTest

final class KerasExerciseTests: XCTestCase {

    /// A stacked model: two LSTMs of H units, many to one.
    private let lesson = ExerciseFixtures.lesson(block: """
    id: stacked
    kind: keras
    title: Stacked
    task: Two stacked LSTMs of {H} units over {T} steps of {D} features, one number out.
    steps: [40, 60]
    features: [100, 300]
    units: [32, 128, 16]
    layers:
      - class: LSTM
        units: H
        return-sequences: true
      - class: LSTM
        units: H
      - class: Dense
        units: 1
    solution: return_sequences=True on the first LSTM.
    """)

    private func spec(_ text: String? = nil) throws -> ExerciseSpec {
        try ExerciseFixtures.spec(inLesson: text ?? lesson)
    }

    /// The student's (T, D, H), read back from the solution file.
    private func numbers(_ v: ExerciseVariant) throws -> (T: Int, D: Int, H: Int) {
        guard case .source(let s) = v.solution else { throw XCTSkip("no source") }
        let shape = try XCTUnwrap(s.range(of: #"shape=\((\d+), (\d+)\)"#, options: .regularExpression).map { String(s[$0]) })
        let nums = shape.split { !$0.isNumber }.compactMap { Int($0) }
        let h = try XCTUnwrap(s.range(of: #"LSTM\((\d+)"#, options: .regularExpression).map { Int(s[$0].dropFirst(5))! })
        return (nums[0], nums[1], h)
    }

    private func model(_ body: [String], input: String) -> String {
        (["import keras", "from keras import layers", "", "model = keras.Sequential([", "    keras.Input(shape=\(input)),"]
            + body.map { "    " + $0 + "," } + ["])"]).joined(separator: "\n")
    }

    func testSolutionPassesAndStatementHasTheStudentsNumbers() throws {
        let v = try spec().variant(for: StudentID("ada"))
        let n = try numbers(v)
        XCTAssertTrue((40...60).contains(n.T) && (100...300).contains(n.D) && n.H % 16 == 0 && (32...128).contains(n.H))
        XCTAssertTrue(v.statement.contains("Two stacked LSTMs of \(n.H) units over \(n.T) steps of \(n.D) features"), v.statement)
        XCTAssertTrue(v.statement.contains("(None, 1)"), v.statement)
        guard case .source(let s) = v.solution else { return XCTFail() }
        let right = try v.check(.source(s, file: "m.py"))
        XCTAssertTrue(right.passed, right.message)
        // Any sequence length (None) is accepted too, and the functional form.
        let anyT = model(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))", "layers.Dense(1)"], input: "(None, \(n.D))")
        XCTAssertTrue(try v.check(.source(anyT, file: "m.py")).passed)
        let functional = """
        import keras
        from keras import layers
        inputs = keras.Input(shape=(\(n.T), \(n.D)))
        x = layers.LSTM(\(n.H), return_sequences=True)(inputs)
        x = layers.LSTM(\(n.H))(x)
        outputs = layers.Dense(1, activation="sigmoid")(x)
        model = keras.Model(inputs, outputs)
        """
        let f = try v.check(.source(functional, file: "m.py"))
        XCTAssertTrue(f.passed, f.message)
        // input_shape= on the first layer gives the input too.
        let inputShape = """
        import keras
        from keras import layers
        model = keras.Sequential([
            layers.LSTM(\(n.H), return_sequences=True, input_shape=(\(n.T), \(n.D))),
            layers.LSTM(\(n.H)),
            layers.Dense(1),
        ])
        """
        let i = try v.check(.source(inputShape, file: "m.py"))
        XCTAssertTrue(i.passed, i.message)
    }

    func testPerStudentNumbersDiffer() throws {
        let s = try spec()
        let all = try ["ada", "bob", "cy", "dee", "eve"].map { try numbers(s.variant(for: StudentID($0))) }
        XCTAssertGreaterThan(Set(all.map { "\($0.T) \($0.D) \($0.H)" }).count, 3)
        XCTAssertEqual(try numbers(s.variant(for: StudentID("ada"))).T, all[0].T)
    }

    func testMistakesAreDiagnosedByLayer() throws {
        let v = try spec().variant(for: StudentID("ada"))
        let n = try numbers(v)
        let input = "(\(n.T), \(n.D))"
        func verdict(_ body: [String], input i: String? = nil) throws -> Verdict {
            try v.check(.source(model(body, input: i ?? input), file: "m.py"))
        }
        // The stacked RNN without return_sequences: Keras refuses it; named, with the place.
        let stacked = try verdict(["layers.LSTM(\(n.H))", "layers.LSTM(\(n.H))", "layers.Dense(1)"])
        XCTAssertEqual(stacked.diagnosis, "missing-return-sequences")
        XCTAssertTrue(stacked.message.hasPrefix("m.py:7:5: "), stacked.message)
        XCTAssertTrue(stacked.message.contains("return_sequences=True"), stacked.message)
        let units = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H + 1))", "layers.Dense(1)"])
        XCTAssertEqual(units.diagnosis, "wrong-units")
        XCTAssertTrue(units.message.contains("layer 2 (`lstm_1`) has \(n.H + 1) units; the task asks for \(n.H)"), units.message)
        let gru = try verdict(["layers.GRU(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))", "layers.Dense(1)"])
        XCTAssertEqual(gru.diagnosis, "wrong-layer-class", gru.message)
        XCTAssertTrue(gru.message.contains("layer 1 (`gru`) is a GRU; the task asks for an LSTM"), gru.message)
        let seq = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H), return_sequences=True)", "layers.Dense(1)"])
        XCTAssertEqual(seq.diagnosis, "extra-return-sequences")
        XCTAssertTrue(seq.message.contains("layer 2"), seq.message)
        let noBias = try verdict(["layers.LSTM(\(n.H), return_sequences=True, use_bias=False)", "layers.LSTM(\(n.H))", "layers.Dense(1)"])
        XCTAssertEqual(noBias.diagnosis, "parameter-count")
        XCTAssertTrue(noBias.message.contains("layer 1 (`lstm`)"), noBias.message)
        let out = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))", "layers.Dense(2)"])
        XCTAssertEqual(out.diagnosis, "wrong-units")
        let missing = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))"])
        XCTAssertEqual(missing.diagnosis, "missing-layer")
        XCTAssertTrue(missing.message.contains("the task's model is LSTM → LSTM → Dense, yours is LSTM → LSTM"), missing.message)
        let one = try verdict(["layers.LSTM(\(n.H))", "layers.Dense(1)"])
        XCTAssertEqual(one.diagnosis, "missing-layer", one.message)
        let extra = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))", "layers.Dense(\(n.H))", "layers.Dense(1)"])
        XCTAssertEqual(extra.diagnosis, "extra-layer", extra.message)
        XCTAssertTrue(extra.message.contains("layer 3 (`dense`, Dense) is not in it"), extra.message)
        let swapped = try verdict(["layers.LSTM(\(n.H), return_sequences=True)", "layers.LSTM(\(n.H))", "layers.Dense(1)"], input: "(\(n.D), \(n.T))")
        XCTAssertEqual(swapped.diagnosis, "wrong-input-shape")
        XCTAssertTrue(swapped.message.contains("T and D are swapped"), swapped.message)
    }

    func testUnreadableFilesSayWhere() throws {
        let v = try spec().variant(for: StudentID("ada"))
        XCTAssertThrowsError(try v.check(.source("import keras\nmodel = keras.Sequential([\n    layers.LSTM(3,\n", file: "m.py"))) { e in
            guard case .unreadable(let m) = e as? ExerciseError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("m.py:"), m)
            XCTAssertEqual(m.split(separator: ":").count >= 4, true, m)
        }
        XCTAssertThrowsError(try v.check(.source("x = 1\n", file: "m.py")))  // no model
        XCTAssertThrowsError(try v.check(.number(3)))
    }

    func testBlockErrors() {
        let noLayers = lesson.replacingOccurrences(of: "layers:\n", with: "lays:\n")
        XCTAssertThrowsError(try spec(noLayers))
        let badOrder = lesson.replacingOccurrences(of: "    return-sequences: true\n", with: "")
        XCTAssertThrowsError(try ExerciseFixtures.parse(badOrder)) { error in
            let errors = (error as! LessonErrors).errors.map(\.description)
            XCTAssertEqual(errors, ["t.md:20: a LSTM needs a sequence here, but the layer before it gives one vector (add 'return-sequences: true' to it)"])
        }
        let badRange = lesson.replacingOccurrences(of: "steps: [40, 60]", with: "steps: [60, 40]")
        XCTAssertThrowsError(try ExerciseFixtures.parse(badRange)) { error in
            XCTAssertTrue("\(error)".contains("t.md:14: 'steps': the range's lower end 60 must be below its upper end 40"), "\(error)")
        }
    }
}

/// The output activation: checked where the block states one; a softmax over one unit always.
final class KerasActivationTests: XCTestCase {
    private func lesson(activation: String?) -> String {
        ExerciseFixtures.lesson(block: """
        id: sentiment
        kind: keras
        title: Sentiment
        task: One LSTM of {H} units over {T} steps of {D} features, the probability out.
        steps: 50
        features: 100
        units: 32
        layers:
          - class: LSTM
            units: H
          - class: Dense
            units: 1
        \(activation.map { "    activation: \($0)" } ?? "")
        solution: An LSTM, then one sigmoid unit.
        """)
    }

    private func variant(_ activation: String?) throws -> ExerciseVariant {
        try ExerciseFixtures.spec(inLesson: lesson(activation: activation)).variant(for: StudentID("ada"))
    }

    private func model(_ dense: String) -> String {
        "import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(50, 100)), layers.LSTM(32), \(dense)])\n"
    }

    func testAskedSigmoid() throws {
        let v = try variant("sigmoid")
        guard case .source(let s) = v.solution else { return XCTFail() }
        XCTAssertTrue(s.contains(#"layers.Dense(1, activation="sigmoid")"#), s)
        XCTAssertTrue(try v.check(.source(s, file: "m.py")).passed)
        XCTAssertTrue(try v.check(.source(model(#"layers.Dense(1, "sigmoid")"#), file: "m.py")).passed)
        let none = try v.check(.source(model("layers.Dense(1)"), file: "m.py"))
        XCTAssertEqual(none.diagnosis, "wrong-activation")
        XCTAssertTrue(none.message.contains("has no activation") && none.message.contains(#"activation="sigmoid""#), none.message)
        let relu = try v.check(.source(model(#"layers.Dense(1, activation="relu")"#), file: "m.py"))
        XCTAssertEqual(relu.diagnosis, "wrong-activation")
        let softmax = try v.check(.source(model(#"layers.Dense(1, activation="softmax")"#), file: "m.py"))
        XCTAssertEqual(softmax.diagnosis, "softmax-one-unit")
        XCTAssertTrue(softmax.message.contains("always outputs 1.0") && softmax.message.contains(#"use activation="sigmoid""#), softmax.message)
    }

    func testNoActivationStated() throws {
        let v = try variant(nil)
        XCTAssertTrue(v.files.isEmpty, "a keras exercise has no data files")
        XCTAssertTrue(try v.check(.source(model("layers.Dense(1)"), file: "m.py")).passed)
        XCTAssertTrue(try v.check(.source(model(#"layers.Dense(1, activation="sigmoid")"#), file: "m.py")).passed)
        // A softmax over one unit outputs 1.0 whatever the review says.
        let softmax = try v.check(.source(model(#"layers.Dense(1, activation="softmax")"#), file: "m.py"))
        XCTAssertFalse(softmax.passed)
        XCTAssertEqual(softmax.diagnosis, "softmax-one-unit")
        // An activation Keras does not know is not a model.
        XCTAssertThrowsError(try v.check(.source(model(#"layers.Dense(1, activation="sigmod")"#), file: "m.py")))
    }

    func testBlockRefusesAnUnknownActivation() throws {
        XCTAssertThrowsError(try ExerciseFixtures.parse(lesson(activation: "sigmod"))) { e in
            XCTAssertTrue("\(e)".contains("sigmod") && !"\(e)".contains("solution"), "\(e)")
        }
    }
}
