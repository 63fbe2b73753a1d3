import Foundation
import RNNCore

/// What `rnnlab export` writes for an `architecture` panel, as for the `train` view: the
/// weights at the step shown, the loss curve, and the numbers the graph draws.
enum ArchitectureExport {
    static func make(_ panel: Panel<ArchitectureView>) -> ExperimentExport {
        let run = panel.data
        let c = run.configuration
        let model = run.train.trainer.model
        let n = run.stepsTaken
        var out = ExperimentExport()
        var weights = KerasLayout.export(model.cell)
        if let decoder = model.decoder { weights.merge(KerasLayout.export(decoder, prefix: "decoder_")) { a, _ in a } }
        weights["dense_kernel"] = NDArray(model.head.W_hy.transposed)
        weights["dense_bias"] = NDArray(vector: model.head.b_y)
        out.add("weights.npz", .npz(weights),
                about: "the weights after \(n) optimizer steps, Keras 3 layout: kernel, recurrent_kernel, bias of the \(c.cell.rawValue) layer"
                    + (model.decoder == nil ? "" : " (the encoder), decoder_kernel, decoder_recurrent_kernel, decoder_bias of the decoder")
                    + ", and dense_kernel, dense_bias of the output layer")
        let probe = run.probe
        var trace: [String: NDArray] = [
            "loss": NDArray(shape: [1, n], data: run.history.loss),
            // NaN where a step has no loss (many-to-one: every step but the last).
            "step_losses": NDArray(shape: [1, probe.stepLosses.count], data: probe.stepLosses.map { $0 ?? .nan }),
        ]
        if !probe.handover.isEmpty { trace["h_T"] = NDArray(shape: [1, probe.handover.count], data: probe.handover) }
        out.add("trace.npz", .npz(trace),
                about: "loss (1, \(n)): the training loss of every optimizer step taken (the mean of the L_t of its batch); "
                    + "step_losses: L_t of every output step on the held-out batch of \(run.probeSize) sequences (nan: no loss there)"
                    + (probe.handover.isEmpty ? "" : "; h_T: the example's last encoder state, the vector the decoder starts from"))
        if let sample = probe.sample {
            out.add("sample.txt", .text(sample + "\n"), about: "the text generated from '\(ArchitectureRun.firstCharacter)' at temperature \(run.temperature)")
        }
        out.facts = [
            "view": ArchitectureView.name, "shape": run.shape.rawValue, "task": panel.spec.task.rawValue,
            "length": panel.spec.length, "cell": c.cell.rawValue, "hidden": c.hidden, "batch": c.batch,
            "learning_rate": c.learningRate, "optimizer": c.optimizer.rawValue, "seed": Int(c.seed),
            "steps_budget": c.steps, "steps_taken": n,
        ]
        if run.shape == .oneToMany { out.facts["temperature"] = run.temperature }
        return out
    }
}
