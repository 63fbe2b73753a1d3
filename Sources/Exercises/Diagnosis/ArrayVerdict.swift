import RNNCore

/// A mistake and the answer it gives on the student's data (computed only when a wrong
/// submission is compared with it).
struct MistakeAnswer<Value>: Sendable where Value: Sendable {
    let mistake: Mistake
    let answer: @Sendable () -> Value?
}

/// Checks a submitted array against the expected one and, when wrong, against the answer of
/// every applicable mistake: the first that matches is named.
enum ArrayVerdict {
    /// The array a `.npy` or `.npz` submission hands in: a `.npy`'s one array, or the `.npz`
    /// array named like the quantity (or `answer`, or the only one).
    static func array(of submission: Submission, answer: AnswerDescription) throws(ExerciseError) -> NDArray {
        guard case .arrays(let arrays) = submission else {
            throw ExerciseError.unreadable("this is a compute exercise: hand in a .npy file of shape \(numpyShape(answer.shape)) (e.g. \(answer.file))")
        }
        let picked: NDArray
        if arrays.count == 1 {
            picked = arrays.first!.value
        } else if let a = arrays[answer.quantity] ?? arrays["answer"] {
            picked = a
        } else {
            let names = arrays.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw ExerciseError.unreadable(
                "the .npz holds \(arrays.isEmpty ? "no arrays" : names); name the answer '\(answer.quantity)' or hand in one .npy")
        }
        if let bad = picked.firstNonFinite {
            throw ExerciseError.unreadable("the answer holds \(bad.value) at flat index \(bad.offset): every value must be a finite number")
        }
        return picked
    }

    /// The verdict on `submitted`. A shape that neither the answer nor a mistake has throws
    /// `.unreadable` saying which shape is expected.
    static func verdict(_ submitted: NDArray, expected: NDArray, answer: AnswerDescription, axes: String,
                        tolerance: Tolerance, mistakes: [MistakeAnswer<NDArray>]) throws(ExerciseError) -> Verdict {
        let shapeMatches = sameShape(submitted.shape, expected.shape)
        if shapeMatches && tolerance.accepts(submitted.data, expected: expected.data) {
            return Verdict(passed: true, message: "Right: \(answer.quantity) matches to within the tolerance.")
        }
        for m in mistakes {
            guard let a = m.answer(), ArrayVerdict.sameShape(submitted.shape, a.shape) else { continue }
            // a mistake that gives the right answer on this data is no diagnosis
            if ArrayVerdict.sameShape(a.shape, expected.shape) && tolerance.accepts(a.data, expected: expected.data) { continue }
            if tolerance.accepts(submitted.data, expected: a.data) {
                return Verdict(passed: false, diagnosis: m.mistake.id, message: m.mistake.explanation)
            }
        }
        guard shapeMatches else {
            var hint = ""
            if expected.ndim == 3, submitted.shape == [expected.shape[0], expected.shape[2]] {
                hint = " (one state per sequence, as if only the last state: the task asks for every time step)"
            } else if expected.ndim == 3, submitted.shape == [expected.shape[1], expected.shape[2]] {
                hint = " (one sequence: hand in every sequence of the batch)"
            } else if expected.ndim == 2, submitted.ndim == 3, submitted.shape[0] == expected.shape[0],
                      submitted.shape[2] == expected.shape[1] {
                hint = " (every time step: the task asks for the last state only)"
            } else if expected.ndim == 3, submitted.shape == [expected.shape[0], expected.shape[1] + 1, expected.shape[2]] {
                hint = " (T + 1 steps: the initial state included? hand in steps 1 … T)"
            } else if expected.ndim == 3, submitted.shape == [expected.shape[1], expected.shape[0], expected.shape[2]] {
                hint = " (time-major: Keras 3 is batch-major)"
            } else if expected.ndim == 2, submitted.shape == [expected.shape[1], expected.shape[0]] {
                hint = " (transposed)"
            }
            throw ExerciseError.unreadable(
                "the answer has shape \(numpyShape(submitted.shape))\(hint); expected \(numpyShape(expected.shape)) = \(axes)")
        }
        return Verdict(passed: false, message: whereItDiffers(submitted, expected: expected, tolerance: tolerance))
    }

    /// Shapes equal once axes of extent 1 are dropped ((1, T, H) is (T, H)).
    static func sameShape(_ a: [Int], _ b: [Int]) -> Bool { a.filter { $0 != 1 } == b.filter { $0 != 1 } && a.reduce(1, *) == b.reduce(1, *) }

    /// Where a wrong answer of the right shape first differs and by how much, without giving
    /// the expected values away.
    static func whereItDiffers(_ x: NDArray, expected e: NDArray, tolerance: Tolerance) -> String {
        var wrong = 0, largest = 0.0, largestAt = 0, first: Int?
        for k in 0..<e.count where !tolerance.accepts(x.data[k], expected: e.data[k]) {
            wrong += 1
            if first == nil { first = k }
            let d = abs(x.data[k] - e.data[k])
            if d > largest { largest = d; largestAt = k }
        }
        let index = { (k: Int) -> [Int] in
            var rest = k, out: [Int] = []
            for n in e.shape.reversed() { out.insert(rest % n, at: 0); rest /= n }
            return out
        }
        var text = "Not right: \(wrong) of \(e.count) values differ (no known mistake matches)."
        if e.ndim == 3, let f = first {
            // the earliest time step over every sequence and unit
            let T = e.shape[1], H = e.shape[2]
            let t = (0..<e.count).filter { !tolerance.accepts(x.data[$0], expected: e.data[$0]) }.map { ($0 / H) % T }.min() ?? (f / H) % T
            text += " The first time step that differs is t = \(t + 1) (index \(t) on the time axis)"
            text += t == 0 ? ": check the first step itself (weights, biases, activations)." : "; the steps before it are right."
        }
        let at = index(largestAt).map(String.init).joined(separator: ", ")
        text += " The largest difference is \(NumberText.short(largest, digits: 3)), at [\(at)]."
        return text
    }

    static func numpyShape(_ s: [Int]) -> String { s.count == 1 ? "(\(s[0]),)" : "(" + s.map(String.init).joined(separator: ", ") + ")" }
}
