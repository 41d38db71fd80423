//! Graph algorithms on index-based adjacency lists (`succ[v]` = successors of node `v`):
//! Kahn's topological sort, and cycle naming that runs only when a cycle exists.

/// Most cycles reported for one graph (each becomes one finding).
pub(crate) const MAX_CYCLES: usize = 20;

/// Topological order of all nodes, ties broken by node index (FIFO from the lowest index), or
/// the cycles that prevent one.
///
/// # Formula
///
/// Kahn (1962): repeatedly remove a node without remaining predecessors. Nodes left over all
/// have a remaining predecessor, so walking predecessors from any of them must revisit a node:
/// that closes a cycle. Each left-over node is walked at most once, so naming the cycles is
/// O(V + E) too. Up to [`MAX_CYCLES`] node-disjoint cycles are returned, each in successor order
/// (`a → b → … → a`, the first node not repeated).
pub(crate) fn toposort(succ: &[Vec<u32>]) -> Result<Vec<u32>, Vec<Vec<u32>>> {
    let n = succ.len();
    let mut indeg = vec![0u32; n];
    for list in succ {
        for &w in list {
            if let Some(d) = indeg.get_mut(w as usize) {
                *d += 1;
            }
        }
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&v| indeg.get(v as usize) == Some(&0))
        .collect();
    let mut head = 0;
    while let Some(&v) = order.get(head) {
        head += 1;
        for &w in succ.get(v as usize).map_or(&[][..], Vec::as_slice) {
            if let Some(d) = indeg.get_mut(w as usize) {
                *d -= 1;
                if *d == 0 {
                    order.push(w);
                }
            }
        }
    }
    if order.len() == n {
        return Ok(order);
    }
    Err(name_cycles(succ, &indeg))
}

/// Cycles among the nodes Kahn's algorithm left (`indeg[v] > 0`).
fn name_cycles(succ: &[Vec<u32>], indeg: &[u32]) -> Vec<Vec<u32>> {
    let n = succ.len();
    let left = |v: usize| indeg.get(v).is_some_and(|&d| d > 0);
    // One remaining predecessor per remaining node suffices for the walk.
    let mut pred = vec![u32::MAX; n];
    for (v, list) in succ.iter().enumerate() {
        if !left(v) {
            continue;
        }
        for &w in list {
            if left(w as usize) {
                if let Some(p) = pred.get_mut(w as usize) {
                    if *p == u32::MAX || (v as u32) == w {
                        *p = v as u32;
                    }
                }
            }
        }
    }
    // walk[v] = 0: unvisited; k: visited by walk number k.
    let mut walk = vec![0u32; n];
    let mut cycles = Vec::new();
    let mut path: Vec<u32> = Vec::new();
    for start in 0..n {
        if !left(start) || walk.get(start) != Some(&0) || cycles.len() >= MAX_CYCLES {
            continue;
        }
        let id = start as u32 + 1;
        path.clear();
        let mut v = start as u32;
        while let Some(mark) = walk.get_mut(v as usize) {
            if *mark == id {
                // Closed a cycle: the path from v's first visit, reversed into successor order.
                if let Some(pos) = path.iter().position(|&x| x == v) {
                    let mut cycle: Vec<u32> = path.get(pos..).unwrap_or_default().to_vec();
                    cycle.reverse();
                    // Start the cycle at its lowest node so the name is stable.
                    if let Some(min_at) = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, &x)| x)
                        .map(|(i, _)| i)
                    {
                        cycle.rotate_left(min_at);
                    }
                    cycles.push(cycle);
                }
                break;
            }
            if *mark != 0 {
                break; // reached an earlier walk: its cycle is already named
            }
            *mark = id;
            path.push(v);
            match pred.get(v as usize) {
                Some(&p) if p != u32::MAX => v = p,
                _ => break,
            }
        }
    }
    cycles
}

/// Formats a cycle of names as `a → b → a`.
pub(crate) fn cycle_name(names: &[&str]) -> String {
    let mut out = names.join(" → ");
    if let Some(first) = names.first() {
        out.push_str(" → ");
        out.push_str(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_a_dag_with_ties_by_index() {
        // 0 → 2, 1 → 2, 2 → 3
        let succ = vec![vec![2], vec![2], vec![3], vec![]];
        assert_eq!(toposort(&succ).unwrap(), vec![0, 1, 2, 3]);
    }

    #[test]
    fn names_each_cycle_once() {
        // 0 → 1 → 2 → 1 (cycle 1,2); 3 → 3 (self loop); 4 → 0; 5 downstream of the cycle.
        let succ = vec![vec![1], vec![2], vec![1, 5], vec![3], vec![0], vec![]];
        let cycles = toposort(&succ).unwrap_err();
        assert_eq!(cycles, vec![vec![1, 2], vec![3]]);
        assert_eq!(cycle_name(&["g6", "g8"]), "g6 → g8 → g6");
    }

    #[test]
    fn long_cycles_do_not_recurse() {
        let n = 200_000u32;
        let succ: Vec<Vec<u32>> = (0..n).map(|v| vec![(v + 1) % n]).collect();
        let cycles = toposort(&succ).unwrap_err();
        assert_eq!(cycles.len(), 1);
        assert_eq!(cycles[0].len(), n as usize);
        assert_eq!(cycles[0][0], 0);
        assert_eq!(cycles[0][1], 1);
    }
}
