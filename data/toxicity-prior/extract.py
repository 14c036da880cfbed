"""Writes words.tsv: the words that weigh most in alt-profanity-check's model, with their weights.

alt-profanity-check (MIT, see LICENSE) is a linear SVM over TF-IDF words, trained on about 200,000
human-labelled texts: Wikipedia talk-page comments from the Jigsaw Toxic Comment Classification
data and Davidson et al.'s tweets. A word's weight is its coefficient (the mean of the five
calibrated SVMs) times its IDF: what one occurrence of the word adds to a text's score.

    pip install alt-profanity-check==1.9.1   # brings scikit-learn 1.9.1, which unpickles it
    python3 data/toxicity-prior/extract.py > data/toxicity-prior/words.tsv
"""
import sys

import numpy as np
from profanity_check import profanity_check

# Words kept, by weight either way: by cross-validation on OLID, the first thousand carry what the
# whole vocabulary (15,442 words) adds to the hostility model.
WORDS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000

model = profanity_check.model
vectorizer = profanity_check.vectorizer
coef = np.mean([c.estimator.coef_[0] for c in model.calibrated_classifiers_], axis=0)
weights = {word: coef[i] * vectorizer.idf_[i] for word, i in vectorizer.vocabulary_.items()}
kept = sorted(weights, key=lambda word: (-abs(weights[word]), word))[:WORDS]
print("# word\tweight (alt-profanity-check 1.9.1: SVM coefficient x IDF)")
for word in sorted(kept):
    print(f"{word}\t{weights[word]:.3f}")
