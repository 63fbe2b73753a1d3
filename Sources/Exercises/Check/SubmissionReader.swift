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
/// what was expected (`check` exits 2, `grade` writes "not graded"): an empty answer, a
/// number that is NaN or infinite, a folder, FIFO or empty file where a file belongs, a
/// truncated or corrupt `.npy`/`.npz`, a dtype other than float16/32/64, an array holding
/// NaN or infinities or no elements at all. Whether the arrays have the right *shape* is the
/// kind's check: a wrong shape can be a diagnosable mistake (only the last state, h where c
/// was asked), so only the kind can tell a mistake from an unreadable answer.
public enum SubmissionReader {
    /// The largest typed answer read from a file (`grade`): numbers, letters and knob
    /// settings are a few bytes; anything this big is not one.
    public static let maximumTextBytes = 64 * 1024
    /// The largest Keras model file read: a model file is a few hundred bytes.
    public static let maximumSourceBytes = 1 << 20

    /// The submission `answer` stands for: the text itself for the typed kinds (numeric,
    /// choice, challenge), a file path for compute and keras.
    public static func read(_ answer: String, for variant: ExerciseVariant) throws(ExerciseError) -> Submission {
        let text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw ExerciseError.unreadable("the answer is empty: \(expected(for: variant))") }
        switch variant.exercise.kind {
        case .numeric, .choice, .challenge:
            return try typed(text, for: variant)
        case .compute:
            return .arrays(try arrays(atPath: expandingHome(text)))
        case .keras:
            return try source(atPath: expandingHome(text))
        }
    }

    /// `~/answer.npy` typed in the lab's answer field, where no shell expands it.
    private static func expandingHome(_ path: String) -> String {
        path.hasPrefix("~/") ? (path as NSString).expandingTildeInPath : path
    }

    /// The submission held in the file at `path` (a class folder's entry, for `grade`): for
    /// the typed kinds the file's text (`0.4621`, `a,c`, one line), for compute and keras the
    /// file itself.
    public static func read(fileAt path: String, for variant: ExerciseVariant) throws(ExerciseError) -> Submission {
        switch variant.exercise.kind {
        case .numeric, .choice, .challenge:
            let data: Data
            do {
                data = try InputFile.read(path, maximumBytes: maximumTextBytes)
            } catch {
                throw ExerciseError.unreadable(error.description)
            }
            guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
                throw ExerciseError.unreadable("\(path): is not text (\(expected(for: variant)))")
            }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw ExerciseError.unreadable("\(path): holds only blank space, no answer") }
            do {
                return try typed(trimmed, for: variant)
            } catch {
                throw ExerciseError.unreadable("\(path): \(error.description)")
            }
        case .compute:
            return .arrays(try arrays(atPath: path))
        case .keras:
            return try source(atPath: path)
        }
    }

    /// What an answer of the variant's kind looks like, for messages.
    public static func expected(for variant: ExerciseVariant) -> String {
        switch variant.exercise.kind {
        case .numeric(let n): n.quantity.isWhole ? "give a whole number, like \(n.quantity.example)" : "give a number, like 0.4621 or -3e-2"
        case .choice: "give the letters of the options, e.g. a or a,c"
        case .challenge: "give knob settings name=value, e.g. \(variant.knobs.first ?? "sigma")=0.97"
        case .compute: "give the path of a .npy or .npz file" + (variant.answer.map { " (\($0.file))" } ?? "")
        case .keras: "give the path of a Keras model file (.py)"
        }
    }

    /// A typed answer (already trimmed and non-empty) of a numeric, choice or challenge variant.
    private static func typed(_ text: String, for variant: ExerciseVariant) throws(ExerciseError) -> Submission {
        switch variant.exercise.kind {
        case .choice: .options(try options(text))
        case .challenge: .knobs(try knobSettings(text))
        case .numeric(let n): .number(try number(text, whole: n.quantity.isWhole))
        default: .number(try number(text))
        }
    }

    /// A typed number: finite (`nan`, `inf` are refused). Digits may be grouped by
    /// thousands as `model.summary()` prints a count (`94,053`) or Python writes it
    /// (`94_053`), or with spaces (`94 053`), one separator throughout. A comma is taken as a
    /// thousands separator only where it cannot be a decimal comma: when the answer is a
    /// `whole` number or the text also has a decimal point (`1,234.5`).
    public static func number(_ text: String, whole: Bool = false) throws(ExerciseError) -> Double {
        var text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let separator = thousandsSeparator(text) {
            if separator == ",", !whole, !text.contains(".") {
                throw ExerciseError.unreadable("'\(ExerciseError.shown(short(text)))' is ambiguous: write \(text.replacingOccurrences(of: ",", with: "")) without the comma, or \(text.replacingOccurrences(of: ",", with: ".")) with a decimal point")
            }
            text = text.replacingOccurrences(of: String(separator), with: "")
        } else if text.contains(","), Double(text.replacingOccurrences(of: ",", with: ".")) != nil, text.filter({ $0 == "," }).count == 1 {
            throw ExerciseError.unreadable("'\(ExerciseError.shown(short(text)))' is not a number: write decimals with a point, \(text.replacingOccurrences(of: ",", with: "."))")
        }
        guard let x = Double(text) else {
            throw ExerciseError.unreadable("'\(ExerciseError.shown(short(text)))' is not a number (write it like 0.4621 or -3e-2)")
        }
        guard x.isFinite else {
            throw ExerciseError.unreadable("'\(ExerciseError.shown(short(text)))' is not a finite number (NaN and infinities are never an answer)")
        }
        return x
    }

    /// The separator of `text` when it is a number with its digits grouped by thousands
    /// (`94,053`, `1_234_567.5`, `-12 345`): 1–3 digits, then groups of exactly 3 after one
    /// and the same separator, then maybe a decimal part; nil otherwise.
    static func thousandsSeparator(_ text: String) -> Character? {
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let integer = body.prefix { $0 != "." }
        let fraction = body.dropFirst(integer.count)
        guard fraction.isEmpty || (fraction.count > 1 && fraction.dropFirst().allSatisfy(isDigit)) else { return nil }
        guard let separator = integer.first(where: { !isDigit($0) }),
              [",", "_", " ", "\u{00A0}", "\u{202F}"].contains(separator) else { return nil }
        let groups = integer.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count >= 2, (1...3).contains(groups[0].count), groups[0].allSatisfy(isDigit), groups[0] != "0",
              groups.dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(isDigit) }) else { return nil }
        return separator
    }

    /// Typed option letters (`a`, `a,c`, `A C`, `1,3`) as 0-based indices.
    public static func options(_ text: String) throws(ExerciseError) -> Set<Int> {
        guard let chosen = ChoiceExercise.parseAnswer(text) else {
            throw ExerciseError.unreadable("'\(ExerciseError.shown(short(text)))' is not a choice (write the letters of the options, e.g. a or a,c)")
        }
        return chosen
    }

    /// `sigma=0.97,clip=2` (also separated by spaces) → knob values.
    public static func knobSettings(_ text: String) throws(ExerciseError) -> [String: Double] {
        var out: [String: Double] = [:]
        for part in text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" }) {
            let pair = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, !pair[0].isEmpty, let v = Double(pair[1]), v.isFinite else {
                throw ExerciseError.unreadable("'\(ExerciseError.shown(short(String(part))))' is not a knob setting (write name=value, e.g. sigma=0.97)")
            }
            guard out[pair[0]] == nil else {
                throw ExerciseError.unreadable("knob '\(ExerciseError.shown(short(pair[0])))' is set twice")
            }
            out[pair[0]] = v
        }
        guard !out.isEmpty else { throw ExerciseError.unreadable("no knob settings given (write name=value, e.g. sigma=0.97)") }
        return out
    }

    /// The arrays of a `.npy` (one, under "") or `.npz` file, told apart by their first bytes
    /// (not the name: `answer.npy` saved by `np.savez` is still read). Every array must hold
    /// at least one element and only finite numbers.
    public static func arrays(atPath path: String) throws(ExerciseError) -> [String: NDArray] {
        let data: Data
        do {
            data = try InputFile.read(path)
        } catch {
            throw ExerciseError.unreadable(error.description)
        }
        let arrays: [String: NDArray]
        do {
            if data.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) {  // \x93NUMPY
                arrays = ["": try NPY.decode(data, context: path)]
            } else if data.starts(with: [0x50, 0x4B]) {  // PK: a ZIP archive, as np.savez writes
                arrays = try NPZ.decode(data, file: path)
            } else {
                throw ExerciseError.unreadable("\(path): is neither a NumPy .npy file nor an .npz archive (save it with numpy.save or numpy.savez)")
            }
        } catch let error as ExerciseError {
            throw error
        } catch {
            throw ExerciseError.unreadable("\(error)")
        }
        guard !arrays.isEmpty else { throw ExerciseError.unreadable("\(path): the archive holds no arrays") }
        for (name, array) in arrays.sorted(by: { $0.key < $1.key }) {
            let what = name.isEmpty ? path : "\(path): array '\(name)'"
            guard array.count > 0 else {
                throw ExerciseError.unreadable("\(what) has no elements (shape \(array.shapeDescription))")
            }
            if let k = array.data.firstIndex(where: { !$0.isFinite }) {
                let kind = array.data[k].isNaN ? "NaN" : "an infinity"
                throw ExerciseError.unreadable("\(what) holds \(kind) at index \(index(k, shape: array.shape)) (shape \(array.shapeDescription)); an answer is finite numbers only")
            }
        }
        return arrays
    }

    /// The text of a Keras model file.
    private static func source(atPath path: String) throws(ExerciseError) -> Submission {
        let data: Data
        do {
            data = try InputFile.read(path, maximumBytes: maximumSourceBytes)
        } catch {
            throw ExerciseError.unreadable(error.description)
        }
        guard let source = String(data: data, encoding: .utf8), !source.contains("\u{0}") else {
            throw ExerciseError.unreadable("\(path): is not UTF-8 text (a Keras model file is Python source)")
        }
        return .source(source, file: path)
    }

    /// The multi-index of flat index `k` in C order, as NumPy prints it: `(2, 3)`.
    private static func index(_ k: Int, shape: [Int]) -> String {
        var rest = k
        var out = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            out[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return numpyShapeDescription(out)
    }

    /// At most 40 characters of user text for a message (an answer can be pasted by mistake).
    private static func short(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}
