import Foundation

/// The outcome of a run: the curves, a held-out evaluation, and how the gradients behaved.
public struct TrainingSummary: Sendable {
    public var task: String
    public var architecture: TaskArchitecture
    public var configuration: TrainingConfiguration
    public var history: TrainingHistory
    public var divergence: Divergence?
    /// Loss and accuracy on a held-out batch after training.
    public var evaluationLoss: Double
    public var evaluationAccuracy: Double?
    public var chanceAccuracy: Double?
    public var parameterCount: Int
    /// Generated text (the `chars` task).
    public var sample: String?
    public var temperature: Double

    public var diverged: Bool { divergence != nil || !evaluationLoss.isFinite }

    /// The text summary printed at the end of `rnnlab train`.
    public func textReport(width: Int = 60) -> String {
        let c = configuration
        var lines = [String]()
        var head = "task \(task) (\(architecture.rawValue)), \(c.cell.rawValue) H=\(c.hidden), \(parameterCount) parameters, "
        head += "\(history.records.count)/\(c.steps) steps, batch \(c.batch), \(c.optimizer.rawValue) lr \(Self.number(c.learningRate))"
        if let s = c.sigmaMax { head += ", initial σ_max(W_hh) = \(Self.number(s))" }
        lines.append(head)
        let losses = history.loss
        // A blown-up run spans hundreds of orders of magnitude: plot log10 then, or it is one spike.
        let finite = losses.filter { $0.isFinite && $0 > 0 }
        let logLoss = (finite.max() ?? 1) / max(finite.min() ?? 1, 1e-300) > 1e3
        lines.append("loss\(logLoss ? " (log)" : "")  " + TextSparkline.render(losses, width: width, logScale: logLoss))
        if let first = losses.first, let last = losses.last {
            lines.append("      first \(Self.number(first))  last \(Self.number(last))  best \(history.bestLoss.map(Self.number) ?? "none")")
        }
        lines.append("held-out loss \(Self.number(evaluationLoss))" + (evaluationAccuracy.map { acc in
            "  accuracy \(Self.percent(acc))" + (chanceAccuracy.map { "  (chance \(Self.percent($0)))" } ?? "")
        } ?? ""))
        let pre = history.gradNormBefore.filter(\.isFinite), post = history.gradNormAfter.filter(\.isFinite)
        if !pre.isEmpty {
            lines.append("grad norm ‖∂L/∂θ‖  " + TextSparkline.render(history.gradNormBefore, width: width, logScale: true))
            var g = "      before clipping: median \(Self.number(Self.median(pre)))  max \(Self.number(pre.max()!))"
            if c.clipNorm != nil || c.clipValue != nil {
                let clipped = zip(history.gradNormBefore, history.gradNormAfter).filter { $0 != $1 }.count
                g += "; after: median \(Self.number(Self.median(post)))  max \(Self.number(post.max() ?? .nan))"
                g += "; clipped \(clipped) of \(history.records.count) steps"
            }
            lines.append(g)
        }
        let reach = history.firstStepGradNorm.filter(\.isFinite)
        if let r0 = reach.first, let r1 = reach.last {
            // How much loss signal reaches the first step: the vanishing-gradient diagnostic.
            lines.append("‖∂L/∂h at step 1‖ (mean over batch): first \(Self.number(r0))  last \(Self.number(r1))")
        }
        if let d = divergence {
            lines.append("DIVERGED: \(d). Try --clip 1 or a smaller --lr.")
        } else if !evaluationLoss.isFinite {
            lines.append("DIVERGED: the held-out loss is \(evaluationLoss).")
        }
        if let sample {
            lines.append("sample at temperature \(Self.number(temperature)):")
            lines.append("  " + sample)
        }
        return lines.joined(separator: "\n")
    }

    /// The one JSON object `rnnlab train --json` prints. Non-finite numbers become null.
    public func jsonReport() -> String {
        let c = configuration
        var o: [String: Any] = [
            "task": task,
            "architecture": architecture.rawValue,
            "cell": c.cell.rawValue,
            "hidden": c.hidden,
            "steps": history.records.count,
            "batch": c.batch,
            "lr": c.learningRate,
            "optimizer": c.optimizer.rawValue,
            "seed": c.seed,
            "parameters": parameterCount,
            "loss": history.loss.map(Self.json),
            "final_loss": Self.json(evaluationLoss),
            "final_train_loss": Self.json(history.loss.last ?? .nan),
            "best_loss": Self.json(history.bestLoss ?? .nan),
            "grad_norm": history.gradNormBefore.map(Self.json),
            "grad_norm_clipped": history.gradNormAfter.map(Self.json),
            "first_step_grad_norm": history.firstStepGradNorm.map(Self.json),
            "diverged": diverged,
            "clip": Self.json(c.clipNorm ?? .nan),
            "clip_value": Self.json(c.clipValue ?? .nan),
            "sigma_max": Self.json(c.sigmaMax ?? .nan),
        ]
        if let a = evaluationAccuracy {
            o["accuracy"] = a
            o["train_accuracy"] = history.accuracy
        }
        if let ch = chanceAccuracy { o["chance_accuracy"] = ch }
        if let d = divergence {
            o["diverged_at_step"] = d.step
            o["divergence"] = d.reason
        }
        if let sample { o["sample"] = sample; o["temperature"] = temperature }
        let data = try! JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static func json(_ x: Double) -> Any { x.isFinite ? x : NSNull() }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Four significant digits, scientific outside [1e-3, 1e5); "nan" and "inf" spelt out.
    static func number(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x != 0 && (abs(x) < 1e-3 || abs(x) >= 1e5) { return String(format: "%.3e", x) }
        return String(format: "%.4g", x)
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", 100 * x) }
}
