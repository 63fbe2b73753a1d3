/// A cell's weights copied into stable buffers under names shared by all three cells, so the
/// kernels can take raw pointers without closures:
///
/// | buffer | rnn    | lstm | gru   | shape |
/// |--------|--------|------|-------|-------|
/// | `wx`   | W_xh   | W_x  | W_x   | (blocks·H × D) |
/// | `wh`   | W_hh   | W_h  | W_h   | (blocks·H × H) |
/// | `bx`   | b_h    | b    | b_x   | (1 × blocks·H), nil when absent |
/// | `bh`   | –      | –    | b_h   | (1 × blocks·H), nil when absent |
///
/// Pass it as an argument: an argument stays alive for the whole call, so its pointers do too.
final class CellBuffers {
    let wx: DoubleStorage
    let wh: DoubleStorage
    let bx: DoubleStorage?
    let bh: DoubleStorage?

    init(_ p: CellParameters) {
        p.validateShapes()
        let names: (wx: String, wh: String, bx: String, bh: String?)
        switch p.kind {
        case .rnn: names = ("W_xh", "W_hh", "b_h", nil)
        case .lstm: names = ("W_x", "W_h", "b", nil)
        case .gru: names = ("W_x", "W_h", "b_x", "b_h")
        }
        wx = DoubleStorage(copying: p.weightOrZeros(names.wx).data)
        wh = DoubleStorage(copying: p.weightOrZeros(names.wh).data)
        bx = p.weights[names.bx].map { DoubleStorage(copying: $0.data) }
        bh = names.bh.flatMap { p.weights[$0] }.map { DoubleStorage(copying: $0.data) }
    }
}
