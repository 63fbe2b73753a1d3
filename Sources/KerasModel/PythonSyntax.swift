/// An expression of the Python subset: names, attribute access, calls, literals, tuples, lists.
/// Every node keeps the position it starts at, for errors.
indirect enum PythonExpression {
    case name(String, SourcePosition)
    case integer(Int, SourcePosition)
    case float(String, SourcePosition)
    case string(String, SourcePosition)
    case attribute(PythonExpression, String, SourcePosition)
    case call(PythonExpression, [PythonArgument], SourcePosition)
    case tuple([PythonExpression], SourcePosition)
    case list([PythonExpression], SourcePosition)

    var position: SourcePosition {
        switch self {
        case .name(_, let p), .integer(_, let p), .float(_, let p), .string(_, let p),
             .attribute(_, _, let p), .call(_, _, let p), .tuple(_, let p), .list(_, let p):
            return p
        }
    }
}

/// One argument of a call: positional (`label` nil) or keyword.
struct PythonArgument {
    var label: String?
    var labelPosition: SourcePosition
    var value: PythonExpression
}

/// A statement of the subset.
enum PythonStatement {
    /// `import keras`, `import numpy as np`
    case importModule([String], alias: String?, SourcePosition)
    /// `from keras import layers, Input` / `from keras.layers import LSTM as L`: (name, alias, where).
    case importFrom(module: [String], names: [(String, String?, SourcePosition)], SourcePosition)
    /// `a = …` or `a, b, c = …`
    case assign(targets: [(String, SourcePosition)], value: PythonExpression)
    /// A bare expression (a docstring, `model.summary()`).
    case expression(PythonExpression)
}
