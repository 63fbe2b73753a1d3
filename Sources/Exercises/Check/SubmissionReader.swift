import Foundation
import RNNCore

/// Turns an answer as a learner gives it (typed in the lab's answer field or given to
/// `rnnlab check`) into a `Submission` of the exercise's kind.
///
/// - numeric: a number (`0.4621`, `-3e-2`);
/// - choice: option letters (`a`, `a,c`);
/// - challenge: knob settings (`sigma=0.97`, `forget-bias=2,clip=1`);
/// - compute: the path of a `.npy` or `.npz` file;
/// - keras: the path of a Keras model file (`.py`).
///
/// Anything that is not an answer of that kind throws `.unreadable` with one line saying
/// what was expected (`check` exits 2).
public enum SubmissionReader {
    public static func read(_ answer: String, for variant: ExerciseVariant) throws(ExerciseError) -> Submission {
        let text = answer.trimmingCharacters(in: .whitespaces)
        switch variant.exercise.kind {
        case .numeric:
            guard let x = Double(text), x.isFinite else {
                throw ExerciseError.unreadable("'\(ExerciseError.shown(text))' is not a number (write it like 0.4621 or -3e-2)")
            }
            return .number(x)
        case .choice:
            guard let chosen = ChoiceExercise.parseAnswer(text) else {
                throw ExerciseError.unreadable("'\(ExerciseError.shown(text))' is not a choice (write the letters of the options, e.g. a or a,c)")
            }
            return .options(chosen)
        case .challenge:
            return .knobs(try knobSettings(text))
        case .compute:
            return .arrays(try arrays(atPath: text))
        case .keras:
            do {
                let data = try InputFile.read(text)
                guard let source = String(data: data, encoding: .utf8) else {
                    throw ExerciseError.unreadable("\(text): not UTF-8 text")
                }
                return .source(source, file: text)
            } catch let error as FileError {
                throw ExerciseError.unreadable("\(error)")
            } catch let error as ExerciseError {
                throw error
            } catch {
                throw ExerciseError.unreadable("\(text): \(error)")
            }
        }
    }

    /// `sigma=0.97,clip=2` (also separated by spaces) → knob values.
    public static func knobSettings(_ text: String) throws(ExerciseError) -> [String: Double] {
        var out: [String: Double] = [:]
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[0].isEmpty, let v = Double(pair[1]), v.isFinite else {
                throw ExerciseError.unreadable("'\(ExerciseError.shown(String(part)))' is not a knob setting (write name=value, e.g. sigma=0.97)")
            }
            out[pair[0]] = v
        }
        guard !out.isEmpty else { throw ExerciseError.unreadable("no knob settings given (write name=value, e.g. sigma=0.97)") }
        return out
    }

    /// The arrays of a `.npy` (one, under "") or `.npz` file.
    public static func arrays(atPath path: String) throws(ExerciseError) -> [String: NDArray] {
        do {
            if path.hasSuffix(".npz") { return try NPZ.read(path: path) }
            return ["": try NPY.read(path: path)]
        } catch {
            throw ExerciseError.unreadable("\(error)")
        }
    }
}
