use staffroom::troll::{Sensitivity, TrollDetector};
fn main() {
    let d = TrollDetector::new();
    for t in std::io::stdin().lines() { let t = t.unwrap(); println!("{:.2}\t{:?}\t{}", d.hostility_score(&t).unwrap(), d.assess(&t, 0, Sensitivity::Medium).iter().map(|r| r.0.detail.clone()).collect::<Vec<_>>(), t); }
}
