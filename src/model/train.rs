//! Training for `LinearModel`: L2-regularised logistic regression by AdaGrad, in a fixed
//! order from a fixed seed, single-threaded, so the same data always gives the same bytes
//! (the tests check that the shipped model files are what the training commands produce).

use super::LinearModel;

/// One labelled example: its feature hashes, its class, how much it counts, a fixed part of
/// its logit that training does not learn (hand-weighted evidence), and the value each of its
/// features takes (1: present; less to keep a long post from outweighing a short one).
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Vec<u32>,
    pub positive: bool,
    pub weight: f32,
    pub offset: f32,
    pub value: f32,
}

#[derive(Debug, Clone, Copy)]
pub struct Settings {
    pub log2_buckets: u8,
    pub epochs: usize,
    pub learning_rate: f32,
    /// L2 penalty per example step, scaled by the example's weight.
    pub l2: f32,
    pub seed: u64,
    /// Scale each feature by its naive-Bayes log-count ratio while training, with this
    /// smoothing count (NBSVM, Wang & Manning 2012): a word seen mostly in one class learns
    /// faster than one seen in both. The ratios are folded into the weights, so scoring is
    /// unchanged. `None` trains on the features as they are.
    pub log_count_ratio: Option<f32>,
}

/// A small deterministic generator (xorshift64*) for the shuffles.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Float weights and bias after training (before quantisation).
pub struct Trained {
    pub bias: f32,
    pub weights: Vec<f32>,
}

impl Trained {
    pub fn score(&self, example: &Example) -> f32 {
        let mask = self.weights.len() as u32 - 1;
        example.offset
            + self.bias
            + example.value * example.features.iter().map(|&h| self.weights[(h & mask) as usize]).sum::<f32>()
    }

    pub fn quantise(&self) -> LinearModel {
        LinearModel::quantise(self.bias, &self.weights)
    }
}

pub fn train(examples: &[Example], settings: Settings) -> Trained {
    let buckets = 1usize << settings.log2_buckets;
    let mask = buckets as u32 - 1;
    let ratios = match settings.log_count_ratio {
        Some(smoothing) => log_count_ratios(examples, buckets, smoothing),
        None => vec![1f32; buckets],
    };
    let mut weights = vec![0f32; buckets];
    let mut grad_sq = vec![1e-6f32; buckets];
    let mut bias = 0f32;
    let mut bias_grad_sq = 1e-6f32;
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng::new(settings.seed);
    for _ in 0..settings.epochs {
        rng.shuffle(&mut order);
        for &i in &order {
            let ex = &examples[i];
            let logit = ex.offset
                + bias
                + ex.value
                    * ex.features.iter().map(|&h| (h & mask) as usize).map(|b| ratios[b] * weights[b]).sum::<f32>();
            let target = if ex.positive { 1.0 } else { 0.0 };
            let error = (sigmoid(logit) - target) * ex.weight;
            for &h in &ex.features {
                let b = (h & mask) as usize;
                let g = error * ex.value * ratios[b] + settings.l2 * ex.weight * weights[b];
                grad_sq[b] += g * g;
                weights[b] -= settings.learning_rate * g / grad_sq[b].sqrt();
            }
            bias_grad_sq += error * error;
            bias -= settings.learning_rate * error / bias_grad_sq.sqrt();
        }
    }
    weights.iter_mut().zip(&ratios).for_each(|(w, r)| *w *= r);
    Trained { bias, weights }
}

/// Per bucket, the log of how much more often it is seen in positive examples than in
/// negative ones (each share smoothed by `smoothing`, examples counted by weight and value).
fn log_count_ratios(examples: &[Example], buckets: usize, smoothing: f32) -> Vec<f32> {
    let mask = buckets as u32 - 1;
    let mut counts = [vec![smoothing as f64; buckets], vec![smoothing as f64; buckets]];
    for ex in examples {
        let class = &mut counts[ex.positive as usize];
        for &h in &ex.features {
            class[(h & mask) as usize] += (ex.weight * ex.value) as f64;
        }
    }
    let [negative, positive] = counts;
    let (negative_total, positive_total) = (negative.iter().sum::<f64>(), positive.iter().sum::<f64>());
    positive.iter().zip(&negative).map(|(p, n)| ((p / positive_total) / (n / negative_total)).ln() as f32).collect()
}

/// Splits indices `0..n` into `k` folds by a fixed shuffle: `folds[i]` is fold i's members.
pub fn folds(n: usize, k: usize, seed: u64) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..n).collect();
    Rng::new(seed).shuffle(&mut order);
    let mut folds = vec![Vec::new(); k];
    for (position, index) in order.into_iter().enumerate() {
        folds[position % k].push(index);
    }
    folds.iter_mut().for_each(|f| f.sort_unstable());
    folds
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Vec<Example> {
        (0..200u32)
            .map(|i| Example {
                features: vec![if i % 2 == 0 { 1 } else { 2 }, 100 + i % 7],
                positive: i % 2 == 0,
                weight: 1.0,
                offset: 0.0,
                value: 1.0,
            })
            .collect()
    }

    #[test]
    fn learns_a_separable_toy_problem_deterministically() {
        let settings = Settings { log2_buckets: 8, epochs: 5, learning_rate: 0.5, l2: 1e-4, seed: 7, log_count_ratio: None };
        let a = train(&toy(), settings);
        let b = train(&toy(), settings);
        assert_eq!(a.weights, b.weights);
        assert!(a.weights[1] > 1.0 && a.weights[2] < -1.0);
        let model = a.quantise();
        assert!(model.score(&[1]) > 0.0 && model.score(&[2]) < 0.0);
    }

    #[test]
    fn log_count_ratios_are_folded_into_the_weights() {
        let settings = Settings { log2_buckets: 8, epochs: 5, learning_rate: 0.5, l2: 1e-4, seed: 7, log_count_ratio: Some(1.0) };
        let trained = train(&toy(), settings);
        // Feature 1 is seen only in positives, 2 only in negatives, 100..107 in both alike.
        let ratios = log_count_ratios(&toy(), 256, 1.0);
        assert!(ratios[1] > 1.0 && ratios[2] < -1.0 && ratios[100].abs() < 0.5);
        assert!(trained.weights[1] > 1.0 && trained.weights[2] < -1.0);
        // Scoring reads the folded weights alone, as the shipped model does.
        let model = trained.quantise();
        assert!(model.score(&[1, 100]) > 0.0 && model.score(&[2, 100]) < 0.0);
        assert_eq!(train(&toy(), settings).weights, trained.weights);
    }

    #[test]
    fn folds_cover_every_index_once() {
        let f = folds(103, 5, 1);
        let mut all: Vec<usize> = f.concat();
        all.sort_unstable();
        assert_eq!(all, (0..103).collect::<Vec<_>>());
        assert!(f.iter().all(|fold| fold.len() == 20 || fold.len() == 21));
    }
}
