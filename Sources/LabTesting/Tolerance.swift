/// Relative error as the gradient-check literature defines it: |a - b| / max(|a| + |b|, tiny).
public func relativeError(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
    let denom = abs(a) + abs(b)
    if denom < floor { return abs(a - b) }
    return abs(a - b) / denom
}

/// The largest elementwise relative error between two arrays of equal length (infinity when
/// the lengths differ), with an absolute floor so that values near zero do not explode.
public func maxRelativeError(_ a: [Double], _ b: [Double], absoluteFloor: Double = 1e-8) -> Double {
    guard a.count == b.count else { return .infinity }
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let err = abs(x - y) / max(abs(x), abs(y), absoluteFloor)
        worst = max(worst, err)
    }
    return worst
}
