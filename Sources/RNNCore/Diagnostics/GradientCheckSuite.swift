import Foundation

extension GradientCheck {
    /// The cells `rnnlab gradcheck` knows: "rnn", "lstm", "gru" (both forms) or "all".
    public static let cellChoices = ["rnn", "lstm", "gru", "all"]

    /// The standard problems for `cell` ("rnn", "lstm", "gru", "all"): random weights with
    /// biases, batch 2, non-zero h0/c0, an upstream gradient on every step. "gru" checks both
    /// forms (reset after and Cho). Returns nil for an unknown cell name.
    public static func standardProblems(cell: String, seed: UInt64) -> [Problem]? {
        let variants: [(CellKind, Bool)]
        switch cell {
        case "rnn": variants = [(.rnn, true)]
        case "lstm": variants = [(.lstm, true)]
        case "gru": variants = [(.gru, true), (.gru, false)]
        case "all": variants = [(.rnn, true), (.lstm, true), (.gru, true), (.gru, false)]
        default: return nil
        }
        return variants.map { kind, resetAfter in
            Problem.random(kind: kind, resetAfter: resetAfter, inputSize: 3, hiddenSize: 4, steps: 5, batch: 2, seed: seed)
        }
    }

    /// A readable table: one line per checked quantity with its worst relative error.
    public static func table(_ reports: [Report], tolerance: Double = 1e-6) -> String {
        var lines: [String] = []
        let header = "cell     quantity  elements  worst rel. error  analytic              numeric               "
        lines.append(header)
        lines.append(String(repeating: "-", count: header.count))
        for report in reports {
            for e in report.entries {
                let verdict = e.worstRelativeError <= tolerance ? "ok" : "FAIL"
                lines.append(pad(report.label, 9) + pad(e.name, 10) + pad(String(e.count), 10)
                             + pad(String(format: "%.3e", e.worstRelativeError), 18)
                             + pad(String(format: "%+.12e", e.analytic), 22)
                             + pad(String(format: "%+.12e", e.numeric), 22) + verdict)
            }
        }
        let worst = reports.map(\.worst).max() ?? 0
        let failed = reports.filter { !$0.passed(tolerance: tolerance) }.map(\.label)
        lines.append("")
        lines.append(failed.isEmpty
                     ? String(format: "all gradients agree: worst relative error %.3e <= %.0e", worst, tolerance)
                     : String(format: "gradient check FAILED for %@: worst relative error %.3e > %.0e",
                              failed.joined(separator: ", "), worst, tolerance))
        return lines.joined(separator: "\n")
    }

    /// The reports as JSON: a list of {cell, quantity, elements, worstRelativeError, analytic, numeric, passed}.
    public static func json(_ reports: [Report], tolerance: Double = 1e-6) -> String {
        var records: [String] = []
        for report in reports {
            for e in report.entries {
                records.append("{\"cell\": \"\(report.label)\", \"quantity\": \"\(e.name)\", \"elements\": \(e.count), "
                               + "\"worstRelativeError\": \(e.worstRelativeError), \"analytic\": \(e.analytic), "
                               + "\"numeric\": \(e.numeric), \"passed\": \(e.worstRelativeError <= tolerance)}")
            }
        }
        return "[\n  " + records.joined(separator: ",\n  ") + "\n]"
    }

    private static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
