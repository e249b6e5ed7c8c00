//! Data parallelism without a dependency: map a pure function over a slice on
//! up to as many threads as there are cores. The result is in input order and
//! does not depend on how many threads ran, so output stays deterministic.

/// Below this many items the work is done on the calling thread.
const MIN_PARALLEL: usize = 512;

/// `items.iter().map(f).collect()`, split over the machine's cores.
pub fn map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    if items.len() < MIN_PARALLEL {
        return items.iter().map(f).collect();
    }
    map_each(items, f)
}

/// [`map`] for a few items that are each a large piece of work: split over
/// the cores however few the items are.
pub fn map_each<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_order_over_many_items() {
        let items: Vec<u64> = (0..10_000).collect();
        let out = super::map(&items, |x| x * 3);
        assert_eq!(out, items.iter().map(|x| x * 3).collect::<Vec<_>>());
    }
}
