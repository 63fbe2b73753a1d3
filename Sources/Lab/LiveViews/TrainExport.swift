import Foundation
import RNNCore

extension TrainView {
    /// What `rnnlab export` writes for a train panel: the curves it draws (trace.npz: `loss`,
    /// `grad_norm`, `grad_norm_clipped`, one value per optimizer step taken, non-finite values
    /// as they are), the weights at that step (weights.npz, Keras 3 names) and the settings,
    /// with the `rnnlab train` command that prints the same run.
    ///
    /// The panel as the step opens has taken `start` steps (none by default): the export holds
    /// those, so a block that should export a curve sets `start`.
    public static func export(_ panel: Panel<TrainView>) -> ExperimentExport? {
        let run = panel.data
        let c = run.configuration
        let n = run.stepsTaken
        var out = ExperimentExport()
        var weights = KerasLayout.export(run.trainer.model.cell)
        let head = run.trainer.model.head
        weights["dense_kernel"] = NDArray(head.W_hy.transposed)
        weights["dense_bias"] = NDArray(vector: head.b_y)
        out.add("weights.npz", .npz(weights),
                about: "the weights after \(n) optimizer steps, Keras 3 layout: kernel, recurrent_kernel, bias of the "
                    + "\(c.cell.rawValue) layer, and dense_kernel (\(head.hiddenSize), \(head.outputSize)), dense_bias of the output layer")
        let h = run.history
        out.add("trace.npz", .npz(["loss": NDArray(shape: [1, n], data: h.loss),
                                   "grad_norm": NDArray(shape: [1, n], data: h.gradNormBefore),
                                   "grad_norm_clipped": NDArray(shape: [1, n], data: h.gradNormAfter)]),
                about: "the curves, each (1, \(n)), one value per optimizer step: loss (of the step's batch, before "
                    + "its update), grad_norm = ‖∂L/∂θ‖ before clipping, grad_norm_clipped after (inf or nan where the run diverged)")
        var facts: [String: any Sendable] = [
            "view": name, "task": panel.spec.task.rawValue, "cell": c.cell.rawValue, "hidden": c.hidden,
            "batch": c.batch, "learning_rate": c.learningRate, "optimizer": c.optimizer.rawValue,
            "clip_norm": c.clipNorm.map { $0 as any Sendable } ?? NSNull(),
            "sigma_max": c.sigmaMax.map { $0 as any Sendable } ?? NSNull(),
            "seed": Int(c.seed), "steps_budget": c.steps, "steps_taken": n, "initializer": c.initializer.rawValue,
            "diverged_at_step": run.divergence.map { $0.step as any Sendable } ?? NSNull(),
            "rnnlab_train": trainCommand(panel.spec, c),
        ]
        if panel.spec.task == .copy { facts["delay"] = panel.spec.delay }
        facts["knobs"] = Dictionary(uniqueKeysWithValues: panel.knobs.compactMap { k in panel.values[k.name].map { (k.name, k.display($0)) } })
        out.facts = facts
        return out
    }

    /// The `rnnlab train` command line of the same run (its first `steps_taken` records are
    /// the exported curves).
    static func trainCommand(_ spec: Spec, _ c: TrainingConfiguration) -> String {
        var parts = ["rnnlab train", "--task \(spec.task.rawValue)", "--cell \(c.cell.rawValue)", "--hidden \(c.hidden)",
                     "--steps \(c.steps)", "--batch \(c.batch)", "--lr \(c.learningRate)", "--optimizer \(c.optimizer.rawValue)",
                     "--clip \(c.clipNorm ?? 0)", "--seed \(c.seed)"]
        if let s = c.sigmaMax { parts.append("--sigma-max \(s)") }
        if spec.task == .copy { parts.append("--delay \(spec.delay)") }
        return parts.joined(separator: " ")
    }
}
